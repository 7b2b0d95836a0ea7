#!/usr/bin/env python3
"""Write the scripted fixture scenarios of Fixtures/scenarios/ (all but tiny, network and baseline).

Run from the repository root, then pin each fixture's expectations with tools/pin_expect.py
and review them: this script writes `expect` as {"invariants": "all"} only.
"""
import json
F = "Fixtures/scenarios/"
def P(id, kind, cards, collateral="0", wallet="0", **kw):
    d = {"id": id, "kind": kind, "cards": [{"model": m, "count": c} for m, c in cards]}
    if wallet != "0": d["wallet"] = wallet
    if collateral != "0": d["collateral"] = collateral
    d.update(kw); return d
def op(op, day, second=None, **kw):
    d = {"op": op, "day": day}
    if second is not None: d["second"] = second
    d.update(kw); return d
def write(name, desc, days, providers=(), users=(), script=(), **extra):
    s = {"format": "swan-scenario/1", "name": name, "description": desc}
    s.update({k: v for k, v in extra.items() if k in ("seed",)})
    s["days"] = days
    for k in ("preset", "params"):
        if k in extra: s[k] = extra[k]
    if users: s["users"] = list(users)
    s["providers"] = list(providers)
    s["script"] = list(script)
    s["expect"] = {"invariants": "all"}
    json.dump(s, open(F + name + ".json", "w"), indent=2, ensure_ascii=False); open(F + name + ".json", "a").write("\n")

write("collateral-operations", "Every collateral operation and its rejections: deposit, withdraw, lock, unlock (partial and zero), the withdraw request cycle, grants, a late registration.",
  3, params={"collateral": {"withdraw_delay_s": 3600}}, users=[{"id": "cli"}],
  providers=[P("ann", "ecp", [("RTX 4090", 2)], "25000", "5000")],
  script=[
    op("deposit", 1, 100, provider="ann", amount="1000"),
    op("deposit", 1, 200, provider="ann", amount="10000"),
    op("withdraw", 1, 300, provider="ann", amount="500"),
    op("withdraw", 1, 400, provider="ann", amount="30000"),
    op("lock", 1, 500, provider="ann", amount="3000"),
    op("lock", 1, 600, provider="ann", amount="50000"),
    op("unlock", 1, 700, provider="ann", amount="1000"),
    op("request_withdraw", 1, 800, provider="ann", amount="5000"),
    op("request_withdraw", 1, 900, provider="ann", amount="1500"),
    op("confirm_withdraw", 1, 1000, provider="ann"),
    op("confirm_withdraw", 1, 4500, provider="ann"),
    op("cancel_withdraw", 1, 5000, provider="ann"),
    op("confirm_withdraw", 1, 5100, provider="ann"),
    op("request_withdraw", 1, 5200, provider="ann", amount="500"),
    op("cancel_withdraw", 1, 5300, provider="ann"),
    op("unlock", 1, 6000, provider="ann", amount="9999"),
    op("unlock", 1, 6100, provider="ann", amount="10"),
    op("grant", 1, 6200, account="cp/ben/wallet", amount="10"),
    op("deposit", 2, 0, provider="ben", amount="100"),
    dict(op("register", 2, 100), **P("ben", "fcp", [("RTX 3080", 1)], "4300", "100")),
    op("deposit", 2, 200, provider="ben", amount="100"),
    op("grant", 2, 300, account="user/cli", amount="50"),
    op("grant", 2, 400, account="cp/ann/wallet", amount="950000000"),
    dict(op("register", 3, 0), **P("cat", "ecp", [("H200", 1000)], "900000000")),
  ])

write("slash-into-debt", "A slash larger than the holdings drives free negative; withdraw and lock are refused while in debt; deposits repay; breaches while UBI work is held.",
  2, providers=[P("dee", "ecp", [("RTX 3080", 1)], "4000", "10000")],
  script=[
    op("lock", 1, 100, provider="dee", amount="500"),
    op("slash", 1, 200, provider="dee", amount="6000", reason="dispute"),
    op("withdraw", 1, 300, provider="dee", amount="1"),
    op("lock", 1, 400, provider="dee", amount="1"),
    op("deposit", 1, 500, provider="dee", amount="3000"),
    op("deposit", 1, 600, provider="dee", amount="3000"),
    op("slash", 2, 0, provider="dee", amount="500"),
  ])

write("withdraw-slashed-during-delay", "A withdraw request whose escrow is slashed during the delay: the confirm is refused, the request stays pending, a smaller request replaces it.",
  3, params={"collateral": {"withdraw_delay_s": 86400}},
  providers=[P("eve", "ecp", [("RTX 3080", 1)], "10000")],
  script=[
    op("lock", 1, 10, provider="eve", amount="6000"),
    op("request_withdraw", 1, 20, provider="eve", amount="6000"),
    op("slash", 1, 30, provider="eve", amount="2500", reason="fraud"),
    op("confirm_withdraw", 2, 20, provider="eve"),
    op("request_withdraw", 2, 30, provider="eve", amount="3500"),
    op("confirm_withdraw", 3, 29, provider="eve"),
    op("confirm_withdraw", 3, 30, provider="eve"),
  ])

write("paid-tasks", "Paid tasks: direct, automatic and manual assignment, capacity, fee split (W19), scripted failure, cancellation and every task rejection reason.",
  3, users=[{"id": "u1", "balance": "1000"}, {"id": "u2", "balance": "5"}],
  providers=[P("fc1", "fcp", [("RTX 4090", 2), ("RTX 3080", 1)], "40000"),
             P("ec1", "ecp", [("H100 SXM", 1)], "100000"),
             P("fc2", "fcp", [("RTX 3080", 1)], "1000")],
  script=[
    op("task_post", 1, 100, task="t-a", user="u1", reward="7.95", duration_s=3600, provider="fc1", collateral="100", provider_kind="fcp"),
    op("task_post", 1, 200, task="t-b", user="u1", reward="10", duration_s=7200, gpu_model="RTX 4090", gpu_count=2, collateral="50"),
    op("task_post", 1, 300, task="t-c", user="u2", reward="6", duration_s=60),
    op("task_post", 1, 400, task="t-d", user="u1", reward="20", duration_s=86400, assign="manual", provider_kind="ecp"),
    op("task_assign", 1, 500, task="t-d", provider="fc1"),
    op("task_assign", 1, 600, task="t-d", provider="fc2"),
    op("task_assign", 1, 700, task="t-d"),
    op("task_assign", 1, 800, task="t-d"),
    op("task_post", 1, 900, task="t-e", user="u1", reward="30", duration_s=3600, provider="ec1"),
    op("task_cancel", 1, 1000, task="t-e"),
    op("task_cancel", 1, 1100, task="t-e"),
    op("task_post", 1, 1200, task="t-f", user="u1", reward="40", duration_s=7200, provider="fc1", collateral="50000"),
    op("ubi_outcome", 1, provider="fc2", fail_count=1),
    op("task_post", 2, 0, task="t-g", user="u1", reward="12", duration_s=36000, provider="fc1", collateral="1000", gpu_model="RTX 3080"),
    op("task_fail", 2, 3600, task="t-g"),
    op("task_fail", 2, 3700, task="t-g"),
    op("task_assign", 2, 4000, task="t-b"),
    op("task_assign", 2, 4100, task="t-c"),
    op("task_post", 3, 100, task="t-h", user="u1", reward="0.000000000000000019", duration_s=60, provider="fc1"),
    op("task_post", 3, 200, task="t-i", user="u1", reward="1", duration_s=60, gpu_count=8, assign="manual"),
    op("task_assign", 3, 300, task="t-i"),
  ])

write("june-2024-contract", "Preset swan-2024-06: a paid task locks 5 × C_base and its failure slashes 2 × C_base, unlocking the rest (W20); a failed UBI task slashes 2 × C_base.",
  2, preset="swan-2024-06", users=[{"id": "buyer", "balance": "100"}],
  providers=[P("fx", "fcp", [("A100-PCIE-80GB", 1)], "80000", task_failure_rate="1")],
  script=[
    op("task_post", 1, 100, task="job1", user="buyer", reward="25", duration_s=3600, provider="fx"),
    op("ubi_outcome", 2, provider="fx", fail_indices=[0]),
  ])

write("exit-with-running-task", "A provider exits while a paid task runs: its UBI tasks are voided, the task completes after exit and pays, lock and slash are refused, withdrawals stay allowed; the exit opens a breach that the task's end closes.",
  3, users=[{"id": "buyer", "balance": "500"}],
  providers=[P("xo", "ecp", [("RTX 4090", 1)], "20000"), P("yo", "ecp", [("RTX 3080", 1)], "5000")],
  script=[
    op("task_post", 1, 100, task="long", user="buyer", reward="100", duration_s=172800, provider="xo", collateral="500"),
    op("exit", 1, 3600, provider="xo"),
    op("exit", 1, 3700, provider="xo"),
    op("lock", 1, 3800, provider="xo", amount="10"),
    op("slash", 1, 3900, provider="xo", amount="10"),
    op("withdraw", 2, 0, provider="xo", amount="1000"),
    op("request_withdraw", 2, 100, provider="xo", amount="500"),
    op("ubi_outcome", 2, provider="xo", fail_count=1),
    op("exit", 3, 1000, provider="yo"),
  ])

write("oracle-parameters", "Oracle operations: C_total changes nothing in fixed mode, a higher C_base and a higher CU push providers to nsc while they hold UBI work, and the reverse restores them.",
  3, providers=[P("oa", "ecp", [("RTX 4090", 2)], "21000"), P("ob", "fcp", [("RTX 3080", 1)], "5000")],
  script=[
    op("oracle_set_c_total", 1, 100, amount="20000000"),
    op("oracle_set_c_base", 1, 7200, amount="3700"),
    op("oracle_set_c_base", 2, 0, amount="3533"),
    op("oracle_set_cu", 2, 3600, model="RTX 3080", cu="1.5"),
    op("oracle_set_cu", 3, 0, model="RTX 3080", cu="0.5"),
  ])

write("dynamic-cbase-feedback", "Dynamic C_base: one provider slashed to nsc lowers the active CU, which raises C_base the next morning and pushes the other to nsc too; an oracle C_base restores one until the next recomputation.",
  4, params={"collateral": {"c_base_mode": "dynamic", "c_base": "1985", "c_total": "1000000", "cu_floor": "100"}},
  providers=[P("da", "ecp", [("H100 SXM", 10)], "600000"), P("db", "ecp", [("H100 SXM", 10)], "700000")],
  script=[
    op("slash", 1, 100, provider="da", amount="100000", reason="audit"),
    op("oracle_set_c_base", 3, 100, amount="1985"),
  ])

write("utilisation-paid-gpu-hours", "UBI utilisation mode paid_gpu_hours: paid GPU time lowers the day's UBI by u = T_day / T_total; a task still running at the end stays open.",
  2, params={"ubi": {"utilisation": "paid_gpu_hours"}}, users=[{"id": "buyer", "balance": "10000"}],
  providers=[P("ua", "ecp", [("RTX 4090", 4)], "50000"), P("ub", "fcp", [("H100 SXM", 2)], "300000")],
  script=[
    op("task_post", 1, 0, task="j1", user="buyer", reward="100", duration_s=43200, provider="ua", gpu_count=4),
    op("task_post", 1, 0, task="j2", user="buyer", reward="100", duration_s=172800, provider="ub", gpu_count=2),
  ])

write("ubi-pool-dry", "A small UBI pool runs dry: day 2 pays out what is left (y_eff = pool), later days only dust.",
  4, params={"supply": {"ubi_pool": "25000"}},
  providers=[P("pa", "ecp", [("RTX 3080", 1)], "4000"), P("pb", "fcp", [("RTX 3080", 1)], "5000")])

write("ubi-outcomes", "UBI outcomes from seeded draws (W25) and from directives; an exact-threshold provider slashed below its requirement; not_assigned and unknown_provider directives.",
  3, seed=42,
  providers=[P("ra", "ecp", [("RTX 4090", 2)], "30000", ubi_failure_rate="0.05"), P("rb", "fcp", [("RTX 3080", 1)], "4239.6", "200")],
  script=[
    op("ubi_outcome", 1, provider="rb", fail_indices=[0, 13]),
    op("ubi_outcome", 2, provider="rb", fail_count=1),
    op("ubi_outcome", 2, provider="rc", fail_count=1),
    dict(op("register", 3, 100), **P("rc", "ecp", [("RTX 3080", 1)], "4000")),
    op("deposit", 3, 200, provider="rb", amount="100"),
  ])

write("ubi-failure-none", "UBI failure mode none: failed tasks are recorded and lower the UBI share, with no slash.",
  2, params={"ubi": {"failure_mode": "none"}},
  providers=[P("na", "ecp", [("RTX 3080", 1)], "4000"), P("nb", "ecp", [("RTX 3080", 1)], "4000")],
  script=[op("ubi_outcome", 1, provider="na", fail_count=24)])
