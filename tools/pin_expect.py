#!/usr/bin/env python3
"""Pin a fixture's observed results into its `expect` block (a regression aid).

Usage: python3 tools/pin_expect.py Fixtures/scenarios/NAME.json runs/NAME

Reads the run's summary.json and ledger.sqlite and writes into the scenario's `expect`:
every non-zero final balance, all totals, entry counts by kind, rejections by reason,
breaches, and the provider statuses. Existing `expect` fields not listed here (checkpoints,
invariants, head_hash) are kept. Review every pinned number against RULES.md before
committing: pinning records what the engine did, it does not prove it right.
"""
import json, sqlite3, sys

scenario_path, run_dir = sys.argv[1], sys.argv[2]
scenario = json.load(open(scenario_path))
summary = json.load(open(f"{run_dir}/summary.json"))
db = sqlite3.connect(f"{run_dir}/ledger.sqlite")
last_day = db.execute("SELECT MAX(day) FROM account_day").fetchone()[0]
balances = {a: b for a, b in db.execute("SELECT account, balance_atto FROM account_day WHERE day = ?", (last_day,))}

def swan(atto):
    atto = int(atto)
    sign, atto = ("-" if atto < 0 else ""), abs(atto)
    whole, frac = divmod(atto, 10**18)
    return sign + str(whole) + (("." + str(frac).rjust(18, "0").rstrip("0")) if frac else "")

expect = scenario.get("expect", {})
expect.setdefault("invariants", "all")
expect["balances"] = {a: swan(b) for a, b in sorted(balances.items()) if int(b) != 0}
expect["providers"] = {p["id"]: {"status": p["status"], "required": p["required"], "ubi_earned": p["ubi_earned"],
                                 "slashed": p["slashed"], "task_income": p["task_income"], "debt": p["debt"]}
                       for p in summary["providers"]}
expect["totals"] = summary["totals"]
kinds = dict(db.execute("SELECT kind, COUNT(*) FROM entries GROUP BY kind ORDER BY kind"))
expect["entries"] = {"count": summary["ledger"]["entries"], "by_kind": kinds}
expect["rejections"] = {"count": summary["rejections"]["count"], "by_reason": summary["rejections"]["by_reason"]}
expect["breaches"] = {"count": summary["breaches"]["count"], "total_seconds": summary["breaches"]["total_seconds"],
                      "items": [{"provider": b["provider"], "start_time": b["start_time"], "end_time": b["end_time"]}
                                for b in summary["breaches"]["items"]]}
order = ["invariants", "balances", "providers", "totals", "entries", "rejections", "breaches", "checkpoints", "head_hash"]
scenario["expect"] = {k: expect[k] for k in order if k in expect}
with open(scenario_path, "w") as out:
    json.dump(scenario, out, indent=2, ensure_ascii=False)
    out.write("\n")
print(f"pinned {scenario_path}: {len(expect['balances'])} balances, {expect['entries']['count']} entries, "
      f"{expect['rejections']['count']} rejections, {expect['breaches']['count']} breaches")
