#!/usr/bin/env python3
"""Re-verify a swansim ledger.sqlite independently (OUTPUTS.md §4.3; docs/LEDGER-ENCODING.md).

Usage: python3 tools/verify_ledger.py runs/NAME/ledger.sqlite
Standard library only. Checks entries, transfers and blocks (not meta or the derived tables:
`swansim verify` recomputes those). Prints 'N passed, M failed' and exits 1 on any mismatch,
2 when the file cannot be read as a ledger.
"""
import hashlib, json, sqlite3, sys

VERSION = "swansim-entry/1"
MARKET_VERSION = "swansim-entry/2"  # a swan-scenario/2 (market) run: new kinds, market state root
ENTRY_TAG = b"swansim-entry-hash\x00"

def sha(*parts):
    h = hashlib.sha256()
    for p in parts: h.update(p)
    return h.digest()

def s_(t): b = t.encode(); return len(b).to_bytes(4, "big") + b
def i128(v): return v.to_bytes(16, "big", signed=True)
def u64(v): return v.to_bytes(8, "big")
def i64(v): return v.to_bytes(8, "big", signed=True)

class Reader:
    def __init__(self, b): self.b, self.o = b, 0
    def take(self, n):
        if self.o + n > len(self.b): raise ValueError("truncated payload")
        self.o += n; return self.b[self.o - n:self.o]
    def int(self, n, signed=False): return int.from_bytes(self.take(n), "big", signed=signed)
    def str(self): return self.take(self.int(4)).decode("utf-8")
    def opt(self, f):
        t = self.int(1)
        if t > 1: raise ValueError("bad presence byte")
        return f() if t else None
    def value(self):
        t = self.int(1)
        if t == 0: return None
        if t == 1: return self.int(16, True)
        if t == 2: return self.str()
        if t == 3: return [self.value() for _ in range(self.int(4))]
        raise ValueError("bad value tag")

def decode(b, version=VERSION):
    r = Reader(b)
    if r.str() != version: raise ValueError("unknown encoding version")
    e = dict(seq=r.int(8), day=r.int(8), time=r.int(8, True), kind=r.str(), origin=r.str(),
             script_index=r.opt(lambda: r.int(8, True)), provider=r.opt(r.str), task=r.opt(r.str),
             user=r.opt(r.str), amount_atto=r.opt(lambda: r.int(16, True)), reason=r.opt(r.str))
    e["transfers"] = [(r.int(4), r.str(), r.str(), r.int(16, True)) for _ in range(r.int(4))]
    e["payload"] = dict((r.str(), r.value()) for _ in range(r.int(4)))
    if r.o != len(b): raise ValueError("trailing bytes")
    return e

def merkle(hashes):
    if len(hashes) == 1: return sha(b"\x00", hashes[0])
    k = 1
    while k * 2 < len(hashes): k *= 2
    return sha(b"\x01", merkle(hashes[:k]), merkle(hashes[k:]))

class State:
    def __init__(self, params, catalog, market=False):
        self.bal, self.prov, self.order, self.total = {}, {}, [], 0
        self.market, self.auctions = market, {}  # auctions: task -> [state, round, jobs], in posting order
        self.c_base = int(round_decimal(params["collateral"]["c_base"]))
        self.c_total = int(round_decimal(params["collateral"]["c_total"]))
        self.cu = {m: round_decimal(v["cu"], 1) for m, v in catalog["models"].items()}
        self.ladder = params["ubi"]["failure_mode"] == "benchmark_ladder"
    def apply(self, e):
        for _, d, c, a in e["transfers"]:
            self.bal[d] = self.bal.get(d, 0) - a; self.bal[c] = self.bal.get(c, 0) + a
            self.total += (a if d == "genesis" else 0) - (a if c == "genesis" else 0)
        k, p, pl, pv = e["kind"], e["provider"], e["payload"], self.prov.get(e["provider"])
        if self.market: self.apply_market(e)
        if k == "register" and p not in self.prov:
            self.prov[p] = dict(status="none", until=None, pending=None, strikes=0, passed=False,
                                price=pl.get("asking_price"), rep=None, streak=0, s_all=50); self.order.append(p)
        elif k == "status": pv.update(status=pl["to"], passed=pv["passed"] and pl["to"] not in ("exited", "removed"))
        elif k == "withdraw_request": pv["pending"] = (e["amount_atto"], pl["due"])
        elif k in ("withdraw_confirm", "withdraw_cancel"): pv["pending"] = None
        elif k == "exit": pv["passed"] = False
        elif k == "benchmark_fail":
            pv["strikes"] = pl["strike"]
            if pl["suspended_until"] is not None: pv["until"] = pl["suspended_until"]
        elif k == "ubi_assign" and self.ladder and pl["failing"] == 0: pv["passed"] = True
        elif k == "param":
            r = e["reason"]
            if r == "c_base": self.c_base = pl["new"]
            elif r == "c_total": self.c_total = pl["new"]
            elif r.startswith("cu:"): self.cu[r[3:]] = pl["new"]
        elif k == "day_close":
            for v in self.prov.values():
                if v["passed"]: v.update(strikes=0, passed=False)
    def apply_market(self, e):
        k, pv, pl, t = e["kind"], self.prov.get(e["provider"]), e["payload"], e["task"]
        if k == "price_set": pv["price"] = pl["new"]
        elif k == "reputation": pv.update(rep=pl["total"], streak=pl["streak"], s_all=pl["s_all"])
        elif k == "auction_open": self.auctions.setdefault(t, ["", 0, []])[:2] = ["accepting_bids", pl["round"]]
        elif k == "job_assign":
            a = self.auctions[t]; a[0] = "processing"; a[2].append([self.order.index(e["provider"]), "running", e["amount_atto"], pl["round"], pl["job"]])
        elif k in ("job_submit", "job_fail", "job_cancel"):
            for j in self.auctions[t][2]:
                if j[3:] == [pl["round"], pl["job"]]: j[1] = {"job_submit": "submitted", "job_fail": "failed"}.get(k, "cancelled")
        elif k in ("auction_complete", "auction_fail") or (k == "task_refund" and "charged" in pl): self.auctions.pop(t, None)
    def market_root(self):
        opt = lambda v: b"\x00" if v is None else b"\x01" + i128(v)
        out = [len(self.order).to_bytes(4, "big")]
        for p in self.order:
            v = self.prov[p]; out += [opt(v["price"]), opt(v["rep"]), u64(v["streak"]), u64(v["s_all"])]
        out.append(len(self.auctions).to_bytes(4, "big"))
        for t, (st, rnd, jobs) in self.auctions.items():
            out += [s_(t), s_(st), u64(rnd), len(jobs).to_bytes(4, "big")]
            out += [j[0].to_bytes(4, "big") + s_(j[1]) + i128(j[2]) for j in jobs]
        return b"".join(out)
    def root(self):
        acc = sorted((a.encode(), v) for a, v in self.bal.items() if a != "genesis" and v != 0)
        version = "swansim-state/2" if self.market else "swansim-state/1"
        out = [s_(version), i128(self.c_base), i128(self.c_total), len(acc).to_bytes(4, "big")]
        out += [len(a).to_bytes(4, "big") + a + i128(v) for a, v in acc]
        out.append(len(self.order).to_bytes(4, "big"))
        for p in self.order:
            v = self.prov[p]
            out += [s_(p), s_(v["status"]), b"\x00" if v["until"] is None else b"\x01" + i64(v["until"])]
            out.append(b"\x00" if v["pending"] is None else b"\x01" + i128(v["pending"][0]) + i64(v["pending"][1]))
            out.append(u64(v["strikes"]))
        models = sorted(self.cu, key=lambda m: m.encode())
        out.append(len(models).to_bytes(4, "big"))
        out += [s_(m) + i64(self.cu[m]) for m in models]
        if self.market: out.append(self.market_root())
        return sha(b"".join(out))

def round_decimal(text, digits=18):
    whole, _, frac = text.partition(".")
    return int(whole) * 10 ** digits + int((frac + "0" * digits)[:digits] or 0)

def main(path):
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        meta = dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError as err:
        print(f"{path}: not a readable ledger: {err}", file=sys.stderr); sys.exit(2)
    if meta.get("encoding_version") not in (VERSION, MARKET_VERSION):
        print(f"{path}: unknown encoding_version {meta.get('encoding_version')}; this tool reads {VERSION} and {MARKET_VERSION}", file=sys.stderr); sys.exit(2)
    try:
        failed = verify(db, meta)
    except sqlite3.DatabaseError as err:
        print(f"{path}: not a readable ledger: {err}", file=sys.stderr); sys.exit(2)
    except (KeyError, ValueError, TypeError, AttributeError) as err:  # meta missing or malformed
        print(f"{path}: meta lacks or garbles what verification needs: {err!r}", file=sys.stderr); sys.exit(2)
    sys.exit(1 if failed else 0)

def verify(db, meta):
    version = meta["encoding_version"]
    state = State(json.loads(meta["params_json"]), json.loads(meta["catalog_json"]), market=version == MARKET_VERSION)
    supply, days = int(meta["supply_atto"]), int(meta["days"])
    transfers = {}
    for seq, idx, d, c, a in db.execute("SELECT seq, idx, debit, credit, amount_atto FROM transfers ORDER BY seq, idx"):
        transfers.setdefault(seq, []).append((idx, d, c, a))
    blocks = {row[0]: row for row in db.execute("SELECT * FROM blocks ORDER BY day")}
    passed, failed, head, head_block, hashes, first, sealed = 0, 0, bytes(32), bytes(32), [], 0, 0
    def check(ok, what):
        nonlocal failed
        if not ok: failed += 1; print("FAIL", what)
        return ok
    cols = "seq, day, time, kind, origin, script_index, provider, task, user, amount_atto, reason, payload, prev_hash, hash"
    for position, row in enumerate(db.execute(f"SELECT {cols} FROM entries ORDER BY seq")):
        seq, before = row[0], failed
        check(seq == position, f"seq {position}: seq {seq} out of sequence")
        if not check(isinstance(row[11], bytes), f"seq {seq}: payload is not a BLOB"): continue
        payload = bytes(row[11])
        check(row[12] == head.hex(), f"seq {seq}: prev_hash")
        h = sha(ENTRY_TAG, head, payload)
        check(row[13] == h.hex(), f"seq {seq}: hash expected {h.hex()} found {row[13]}")
        try: e = decode(payload, version)
        except (ValueError, UnicodeDecodeError) as err: check(False, f"seq {seq}: payload {err}"); head = h; continue
        typed = [e[k] for k in cols.split(", ")[:11]]
        typed[9] = None if typed[9] is None else str(typed[9])
        check(typed == list(row[:11]), f"seq {seq}: typed columns differ from payload")
        check([(i, d, c, str(a)) for i, d, c, a in e["transfers"]] == transfers.get(seq, []), f"seq {seq}: transfers differ from payload")
        check(e["day"] == sealed, f"seq {seq}: day {e['day']} in block {sealed}")
        try: state.apply(e)
        except (KeyError, TypeError, AttributeError) as err: check(False, f"seq {seq}: payload {e['kind']} does not apply: {err!r}"); head = h; continue
        check(state.total == supply, f"seq {seq}: I1 conservation")  # Σ non-genesis balances, kept incrementally
        touched = {a for _, d, c, _ in e["transfers"] for a in (d, c)}
        check(all(state.bal[a] >= 0 for a in touched if a != "genesis" and not (a.startswith("cp/") and a.endswith("/free"))), f"seq {seq}: I2 sign")
        head = h; hashes.append(h)
        if e["kind"] == "day_close":
            b = blocks.pop(e["day"], None)
            if check(b is not None, f"block {e['day']}: missing"):
                root, sroot = merkle(hashes), state.root()
                header = s_("swansim-block/1") + u64(e["day"]) + u64(first) + u64(seq) + u64(len(hashes)) + \
                    i64(0 if e["day"] == 0 else e["day"] * 86400 - 1) + root + sroot + head_block + head
                bh = sha(header)
                check(b[1:5] == (first, seq, len(hashes), 0 if e["day"] == 0 else e["day"] * 86400 - 1), f"block {e['day']}: range")
                check(b[5] == root.hex(), f"block {e['day']}: merkle_root")
                check(b[6] == sroot.hex(), f"block {e['day']}: state_root")
                check(b[7] == head_block.hex(), f"block {e['day']}: prev_block_hash")
                check(b[8] == bh.hex(), f"block {e['day']}: block_hash")
                head_block = bh
            hashes, first, sealed = [], seq + 1, sealed + 1
        passed += failed == before
    check(not hashes, f"block {sealed}: entries after the last day_close")
    check(not blocks, f"blocks {sorted(blocks)[:3]}: no entries seal them")
    check(sealed == days + 1, f"block {sealed}: missing (meta days = {days}, so blocks 0 … {days})")
    print(f"{passed} passed, {failed} failed")
    return failed

if __name__ == "__main__":
    main(sys.argv[1])
