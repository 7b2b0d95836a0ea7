#!/usr/bin/env python3
"""Print a large scripted scenario for throughput measurements (docs/PERFORMANCE.md).

Usage: python3 tools/make_bench_scenario.py [PROVIDERS] [DAYS] > runs/bench-scripted.json

Default 500 providers over 100 days: about 230,000 entries (UBI assignments, failures at
rate 0.05, payments, and 20 paid tasks a day).
"""
import json, sys

providers_count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
days = int(sys.argv[2]) if len(sys.argv) > 2 else 100
models = [("RTX 3080", 3533), ("RTX 4090", 10245.7), ("A100-PCIE-80GB", 42396), ("H100 SXM", 98924)]
providers = []
for i in range(providers_count):
    kind = "fcp" if i % 5 == 0 else "ecp"
    model, per_card = models[i % len(models)]
    count = 1 + i % 4
    required = per_card * count * (1.2 if kind == "fcp" else 1)
    providers.append({"id": f"p{i:04d}", "kind": kind, "cards": [{"model": model, "count": count}],
                      "collateral": str(int(required * 1.5) + 1), "ubi_failure_rate": "0.05",
                      "task_failure_rate": "0.05"})
script = [{"op": "task_post", "day": d, "second": 600 * k, "task": f"t{d}-{k}", "user": "client",
           "reward": "10", "duration_s": 7200, "collateral": "10", "provider_kind": "fcp"}
          for d in range(1, days + 1) for k in range(20)]
json.dump({"format": "swan-scenario/1", "name": "bench-scripted", "seed": 1, "days": days,
           "users": [{"id": "client", "balance": "1000000"}], "providers": providers, "script": script},
          sys.stdout, indent=1)
