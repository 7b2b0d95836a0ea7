#!/usr/bin/env python3
"""Re-verify a swansim ledger.sqlite independently (OUTPUTS.md §4.3; docs/LEDGER-ENCODING.md).

Usage: python3 tools/verify_ledger.py runs/NAME/ledger.sqlite
Standard library only. Decodes every entry strictly in the ledger's encoding (swansim-entry/3, or
/1 and /2 of older ledgers), reading the payload layouts from docs/ledger-schema.json, and checks
entries, transfers and blocks (not meta or the derived tables: `swansim verify` recomputes those).
Prints 'N passed, M failed' and exits 1 on any mismatch, 2 when the file cannot be read as a
ledger or the schema file cannot be read.
"""
import hashlib, json, sqlite3, sys
from pathlib import Path

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "ledger-schema.json"
ENTRY_TAG = b"swansim-entry-hash\x00"
LEGACY_MARKET = {"swansim-entry/1": False, "swansim-entry/2": True}  # before version 3: /2 wrote the market fields
HEADER = (("script_index", "int64"), ("provider", "text"), ("task", "text"), ("user", "text"),
          ("amount_atto", "int128"), ("reason", "text"))  # the optional entry fields, in presence-bit order
MAX_TRANSFERS, WIDTH, SCALARS = 5, {"int64": 8, "int128": 16}, ("int64", "int128", "flag", "text", "model", "provider")

class SchemaError(Exception): """docs/ledger-schema.json is missing or not what this tool understands."""
class DecodingError(ValueError): """Bytes that are not the one encoding of an entry."""

def load_schema(path=SCHEMA_PATH):
    try: schema = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as err: raise SchemaError(f"{path}: cannot read the ledger schema: {err}") from None
    def known(t):
        if isinstance(t, str): return t in SCALARS
        form, arg = next(iter(t.items())) if isinstance(t, dict) and len(t) == 1 else (None, None)
        return (form == "name" and arg in schema["names"] or form in ("optional", "list") and known(arg)
                or form == "pair" and isinstance(arg, list) and len(arg) == 2 and all(map(known, arg)))
    try:
        ok = (schema["presence"] == [h for h, _ in HEADER]
              and schema["encoding"] in schema["reads"] and set(schema["market_kinds"]) <= set(schema["kinds"])
              and isinstance(schema["origins"], list) and isinstance(schema["own_flag"], int)
              and all(a["owner"] in (None, "user", "task", "provider") and {"code", "prefix", "suffix"} <= set(a)
                      for a in schema["accounts"])
              and list(schema["payloads"]) == schema["kinds"] and all(
                  known(f["type"]) and f["legacy"] in ("always", "market", "market-when-present") and isinstance(f["name"], str)
                  for fields in schema["payloads"].values() for f in fields))
    except (KeyError, TypeError, AttributeError): ok = False
    if not ok: raise SchemaError(f"{path}: not a swansim-ledger-schema/1 this tool understands")
    return schema

def readable(schema):
    """The encodings this tool decodes: the schema's current one and those before version 3."""
    return [v for v in schema["reads"] if v == schema["encoding"] or v in LEGACY_MARKET]

def version_of(data, schema):
    """The readable encoding whose identifier `data` opens with, or None."""
    for v in readable(schema):
        raw = v.encode()
        if data.startswith((len(raw).to_bytes(4, "big") if v in LEGACY_MARKET else bytes([len(raw)])) + raw): return v

def decode(data, schema, version, market=None, models=None, providers=None):
    """The entry `data` encodes in `version`, as a dict (payload: field name -> value), strictly.
    market: whether the ledger is a market run (None: unknown); models, providers: the names an entry
    may use (None: any, for bytes seen without their ledger, as in a proof)."""
    return Decoder(data, schema, version, market, models, providers).entry()

class Decoder:
    """One entry's bytes read in one version: the primitives of docs/LEDGER-ENCODING.md (v3's int, uv and
    text; versions 1 and 2's fixed-width integers, u32-prefixed strings and value tags), each refused in
    any form but its one; payload values by the schema's types, never by field name."""
    def __init__(self, data, schema, version, market, models, providers):
        self.b, self.o, self.schema, self.version = bytes(data), 0, schema, version
        self.legacy = version in LEGACY_MARKET
        self.market = LEGACY_MARKET.get(version) if market is None else market
        self.known = {"model": models, "provider": providers}
        self.accounts = {a["code"]: a for a in schema["accounts"]}
    def fail(self, problem, at=None): raise DecodingError(f"at byte {self.o if at is None else at}: {problem}")
    def take(self, n):
        if n > len(self.b) - self.o: self.fail(f"truncated: {n} bytes needed, {len(self.b) - self.o} left")
        self.o += n; return self.b[self.o - n:self.o]
    def u8(self): return self.take(1)[0]
    def fixed(self, n, signed=True): return int.from_bytes(self.take(n), "big", signed=signed)  # versions 1 and 2
    def flag(self, what):
        v = self.u8()
        if v > 1: self.fail(f"{what} {v} where 0 or 1 was expected", self.o - 1)
        return v == 1
    def int(self, width):
        at, n = self.o, self.u8()
        if n > width: self.fail(f"an integer of {n} bytes where at most {width} fit", at)
        v = int.from_bytes(self.take(n), "big", signed=True)
        if n != (v if v >= 0 else ~v).bit_length() // 8 + (v != 0): self.fail("an integer not in its shortest form", at)
        return v
    def uv(self, limit):
        at, v, shift = self.o, 0, 0
        while True:
            byte = self.u8()
            if shift >= 63: self.fail("a length or count too large", at)
            v |= (byte & 0x7F) << shift
            if byte < 0x80: break
            shift += 7
        if byte == 0 and shift: self.fail("a LEB128 number not in its shortest form", at)
        if v > limit: self.fail(f"{v} where at most {limit} fit", at)
        return v
    def text(self):
        at = self.o
        raw = self.take(self.fixed(4, False) if self.legacy else self.uv(len(self.b) - self.o))
        try: return raw.decode("utf-8")
        except UnicodeDecodeError: self.fail("text is not UTF-8", at)
    def scalar(self, t):  # a header field: int64, int128 or text
        return self.text() if t == "text" else self.fixed(WIDTH[t]) if self.legacy else self.int(WIDTH[t])
    def named(self, t, text, at):
        if self.known[t] is not None and text not in self.known[t]:
            self.fail(f"{t} {text} is " + ("not in the genesis catalog" if t == "model" else "not registered"), at)
        return text
    def choice(self, table, what, at, value):
        if isinstance(value, int): value = table[value] if value < len(table) else self.fail(f"{what} code {value}", at)
        return value if value in table else self.fail(f"unknown {what} {value}", at)
    def listed(self, t, items, at):  # a list of names holds each at most once, in the set's order
        if isinstance(t, dict) and "name" in t:
            codes = [self.schema["names"][t["name"]].index(x) for x in items]
            if codes != sorted(set(codes)): self.fail(f"{t['name']} names out of order or repeated", at)
        return items

    def value(self, t):
        """A payload value of type `t` in swansim-entry/3."""
        at = self.o
        if isinstance(t, str):
            if t in WIDTH: return self.int(WIDTH[t])
            if t == "flag": return self.flag("a flag")
            return self.named(t, self.text(), at) if t in self.known else self.text()
        (form, arg), = t.items()
        if form == "name": return self.choice(self.schema["names"][arg], arg, at, self.u8())
        if form == "optional": return self.value(arg) if self.flag("a presence byte") else None
        if form == "pair": return [self.value(x) for x in arg]
        return self.listed(arg, [self.value(arg) for _ in range(self.uv(len(self.b) - self.o))], at)

    def tagged(self, t, field):
        """A payload value of type `t` in versions 1 and 2: a tag (1 integer, 2 text, 3 list), then the value."""
        if isinstance(t, dict) and "optional" in t:
            if self.b[self.o:self.o + 1] == b"\x00": self.o += 1; return None
            return self.tagged(t["optional"], field)
        at, tag = self.o, self.u8()
        want = 1 if t in ("int64", "int128", "flag") else 2 if isinstance(t, str) or "name" in t else 3
        if tag != want: self.fail(f"value tag {tag} of {field}, expected {want}", at)
        if want == 1:
            v = self.fixed(16)
            if t != "int128" and not (v in (0, 1) if t == "flag" else -2 ** 63 <= v < 2 ** 63):
                self.fail(f"{field} {v} is not a {t}", at)
            return v == 1 if t == "flag" else v
        if want == 2:
            text = self.text()
            if isinstance(t, dict): return self.choice(self.schema["names"][t["name"]], t["name"], at, text)
            return self.named(t, text, at) if t in self.known else text
        count = self.fixed(4, False)
        if "pair" in t:
            if count != 2: self.fail(f"{field} holds pairs, found a list of {count}", at)
            return [self.tagged(x, field) for x in t["pair"]]
        return self.listed(t["list"], [self.tagged(t["list"], field) for _ in range(count)], at)

    def account(self, e):
        at = self.o
        if self.legacy:  # the name, which must be one the account codes spell
            name = self.text()
            for a in self.schema["accounts"]:
                p, s = a["prefix"], a["suffix"]
                if name == p if a["owner"] is None else len(name) > len(p) + len(s) and name.startswith(p) \
                        and name.endswith(s) and "/" not in name[len(p):len(name) - len(s)]: return name
            self.fail(f"unknown account {name}", at)
        byte = self.u8()
        a = self.accounts.get(byte & ~self.schema["own_flag"])
        if a is None or a["owner"] is None and a["code"] != byte: self.fail(f"account code {byte}", at)
        if a["owner"] is None: return a["prefix"]
        own = e[a["owner"]]
        if a["code"] != byte:
            if own is None: self.fail(f"an account of the entry's own {a['owner']}, who is absent", at)
            owner = own
        else:
            owner = self.text()
            if owner == own: self.fail(f"the entry's own {a['owner']} spelled out (code {byte} + {self.schema['own_flag']} is its form)", at)
        if not owner or "/" in owner: self.fail(f"unknown account {a['prefix']}{owner}{a['suffix']}", at)
        return a["prefix"] + owner + a["suffix"]

    def entry(self):
        s = self.schema
        if self.text() != self.version: self.fail(f"not an entry of {self.version}", 0)
        e = dict(seq=self.scalar("int64"), day=self.scalar("int64"), time=self.scalar("int64"))
        at = self.o
        e["kind"] = self.choice(s["kinds"], "kind", at, self.text() if self.legacy else self.u8())
        if self.market is False and e["kind"] in s["market_kinds"]: self.fail(f"kind {e['kind']} outside a market run", at)
        e["origin"] = self.choice(s["origins"], "origin", self.o, self.text() if self.legacy else self.u8())
        at, bits = self.o, 0 if self.legacy else self.u8()
        if bits >> len(HEADER): self.fail(f"presence bits {bits:#04x}", at)
        for i, (key, t) in enumerate(HEADER):
            e[key] = self.scalar(t) if (self.flag("a presence byte") if self.legacy else bits >> i & 1) else None
        at = self.o
        count = self.fixed(4, False) if self.legacy else self.uv(MAX_TRANSFERS)
        if count > MAX_TRANSFERS: self.fail(f"{count} transfers (at most {MAX_TRANSFERS})", at)
        e["transfers"] = []
        for i in range(count):
            if self.legacy and self.fixed(4, False) != i: self.fail(f"transfer index, expected {i}", self.o - 4)
            e["transfers"].append((i, self.account(e), self.account(e), self.scalar("int128")))
        fields = s["payloads"][e["kind"]]
        e["payload"] = self.legacy_fields(e["kind"], fields) if self.legacy else {f["name"]: self.value(f["type"]) for f in fields}
        for f in fields:  # fields versions 1 and 2 wrote only in a market run are null outside one
            if f["legacy"] != "always" and self.market is False and e["payload"][f["name"]] is not None:
                self.fail(f"{e['kind']}.{f['name']} outside a market run")
        if self.o != len(self.b): self.fail("trailing bytes after the entry")
        return e

    def legacy_fields(self, kind, fields):
        """`u32 field_count` then `str name` and a tagged value per field the version wrote."""
        market = LEGACY_MARKET[self.version]
        written = [f for f in fields if f["legacy"] == "always" or market and f["legacy"] == "market"]
        optional = [f for f in fields if market and f["legacy"] == "market-when-present"]
        at, count = self.o, self.fixed(4, False)
        if count not in (len(written), len(written) + len(optional)):
            self.fail(f"{kind}: {count} fields, expected {len(written)}", at)
        payload = {}
        for f in fields:
            payload[f["name"]] = None
            if f in written or count > len(written) and f in optional:
                at = self.o
                if self.text() != f["name"]: self.fail(f"{kind}: expected field {f['name']}", at)
                t = f["type"] if f in written else f["type"].get("optional", f["type"])
                payload[f["name"]] = self.tagged(t, f["name"])
        return payload

def sha(*parts):
    h = hashlib.sha256()
    for p in parts: h.update(p)
    return h.digest()

def s_(t): b = t.encode(); return len(b).to_bytes(4, "big") + b
def i128(v): return v.to_bytes(16, "big", signed=True)
def u64(v): return v.to_bytes(8, "big")
def i64(v): return v.to_bytes(8, "big", signed=True)

def merkle(hashes):
    if len(hashes) == 1: return sha(b"\x00", hashes[0])
    k = 1
    while k * 2 < len(hashes): k *= 2
    return sha(b"\x01", merkle(hashes[:k]), merkle(hashes[k:]))

class State:
    """The state of docs/LEDGER-ENCODING.md "State root", folded from decoded entries; payload values by schema name."""
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
                                price=pl["asking_price"], rep=None, streak=0, s_all=50); self.order.append(p)
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
            elif r.startswith("cu:"):
                if r[3:] not in self.cu: raise KeyError(f"{r}: no model of the genesis catalog")
                self.cu[r[3:]] = pl["new"]
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
        elif k in ("auction_complete", "auction_fail") or (k == "task_refund" and pl["charged"] is not None): self.auctions.pop(t, None)
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
    try: schema = load_schema()
    except SchemaError as err: print(err, file=sys.stderr); sys.exit(2)
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        meta = dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError as err:
        print(f"{path}: not a readable ledger: {err}", file=sys.stderr); sys.exit(2)
    if meta.get("encoding_version") not in readable(schema):
        print(f"{path}: unknown encoding_version {meta.get('encoding_version')}; this tool reads {', '.join(readable(schema))}", file=sys.stderr); sys.exit(2)
    try:
        failed = verify(db, meta, schema)
    except sqlite3.DatabaseError as err:
        print(f"{path}: not a readable ledger: {err}", file=sys.stderr); sys.exit(2)
    except (KeyError, ValueError, TypeError, AttributeError) as err:  # meta missing or malformed
        print(f"{path}: meta lacks or garbles what verification needs: {err!r}", file=sys.stderr); sys.exit(2)
    sys.exit(1 if failed else 0)

def verify(db, meta, schema):
    version, market = meta["encoding_version"], meta.get("format") == "swan-ledger/2"
    state = State(json.loads(meta["params_json"]), json.loads(meta["catalog_json"]), market=market)
    models, supply, days = set(state.cu), int(meta["supply_atto"]), int(meta["days"])
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
        head = h; hashes.append(h)
        try: e = decode(payload, schema, version, market, models, state.prov)
        except DecodingError as err: check(False, f"seq {seq}: payload {err}"); continue
        typed = [e[k] for k in cols.split(", ")[:11]]
        typed[9] = None if typed[9] is None else str(typed[9])
        check(typed == list(row[:11]), f"seq {seq}: typed columns differ from payload")
        check([(i, d, c, str(a)) for i, d, c, a in e["transfers"]] == transfers.get(seq, []), f"seq {seq}: transfers differ from payload")
        check(e["day"] == sealed, f"seq {seq}: day {e['day']} in block {sealed}")
        try: state.apply(e)
        except (KeyError, TypeError, AttributeError, ValueError) as err: check(False, f"seq {seq}: payload {e['kind']} does not apply: {err!r}"); continue
        check(state.total == supply, f"seq {seq}: I1 conservation")  # Σ non-genesis balances, kept incrementally
        touched = {a for _, d, c, _ in e["transfers"] for a in (d, c)}
        check(all(state.bal[a] >= 0 for a in touched if a != "genesis" and not (a.startswith("cp/") and a.endswith("/free"))), f"seq {seq}: I2 sign")
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
