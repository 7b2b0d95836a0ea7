#!/usr/bin/env python3
"""Write Fixtures/scenarios/baseline.json: a realistic scripted network, 20 providers, 30 days.

Deterministic (fixed seed). The expect block is pinned afterwards with tools/pin_expect.py.
Run from the repository root: python3 tools/make_baseline.py
"""
import json, random
from decimal import Decimal

rng = random.Random(20241016)
CU = {"RTX 4090": "2.9", "RTX 3080": "1", "A100-PCIE-80GB": "12", "H100 SXM": "28", "H200": "19.9", "L40": "6.9",
      "RTX 3090": "1.8", "A10G": "8"}
C_BASE = Decimal(3533)

def required(kind, model, count):
    r = Decimal(CU[model]) * count * C_BASE
    return r * Decimal("1.2") if kind == "fcp" else r

providers = []
for i in range(20):
    kind = "fcp" if i % 10 in (3, 7, 9) else "ecp"
    model = rng.choice(list(CU))
    count = rng.choice([1, 2, 4, 8])
    factor = Decimal(rng.choice(["1.05", "1.1", "1.2", "1.3", "1.5"]))
    collateral = int(required(kind, model, count) * factor) + 1
    providers.append({
        "id": f"cp{i + 1:02d}", "kind": kind, "cards": [{"model": model, "count": count}],
        "wallet": str(rng.choice([0, 1000, 5000, 20000])), "collateral": str(collateral),
        "ubi_failure_rate": rng.choice(["0", "0.005", "0.01", "0.02"]),
        "task_failure_rate": rng.choice(["0", "0.02", "0.05"]),
    })

users = [{"id": f"client{i}", "balance": "200000"} for i in range(1, 6)]
script = []
for day in range(1, 31):
    for k in range(4):
        hours = rng.choice([1, 2, 4, 8, 24])
        gpus = rng.choice([1, 1, 2])
        price = Decimal(rng.choice(["1.5", "2", "3", "4.5"]))
        script.append({"op": "task_post", "day": day, "second": rng.randrange(86400),
                       "task": f"d{day:02d}-{k + 1}", "user": f"client{rng.randrange(1, 6)}",
                       "reward": str(price * gpus * hours), "duration_s": hours * 3600, "gpu_count": gpus,
                       "collateral": str(rng.choice([10, 25, 50])), "provider_kind": rng.choice(["fcp", "any"])})
script += [
    {"op": "slash", "day": 4, "second": 5000, "provider": "cp02", "amount": "2500", "reason": "dispute"},
    {"op": "deposit", "day": 4, "second": 9000, "provider": "cp02", "amount": "1000"},
    {"op": "lock", "day": 5, "second": 100, "provider": "cp05", "amount": "1000"},
    {"op": "request_withdraw", "day": 5, "second": 200, "provider": "cp05", "amount": "1000"},
    {"op": "confirm_withdraw", "day": 13, "second": 300, "provider": "cp05"},
    {"op": "oracle_set_cu", "day": 10, "model": "RTX 4090", "cu": "3.2"},
    {"op": "register", "day": 15, "second": 600, "id": "cp21", "kind": "fcp",
     "cards": [{"model": "H100 SXM", "count": 2}], "wallet": "5000", "collateral": "250000"},
    {"op": "ubi_outcome", "day": 18, "provider": "cp01", "fail_count": 5},
    {"op": "exit", "day": 20, "second": 43200, "provider": "cp07"},
    {"op": "oracle_set_c_base", "day": 25, "second": 3600, "amount": "3750"},
    {"op": "withdraw", "day": 28, "second": 1000, "provider": "cp03", "amount": "500"},
]
scenario = {
    "format": "swan-scenario/1", "name": "baseline",
    "description": "A realistic scripted network: 20 providers (14 ECP, 6 FCP) over 30 days, 4 paid tasks a day, "
                   "a dispute slash, a withdrawal cycle, an oracle CU change, a late registration, an exit and a "
                   "C_base change.",
    "seed": 20241016, "days": 30, "preset": "swan-2024-12",
    "users": users, "providers": providers, "script": script, "expect": {"invariants": "all"},
}
with open("Fixtures/scenarios/baseline.json", "w") as out:
    json.dump(scenario, out, indent=2)
    out.write("\n")
