"""tools/verify_ledger.py and tools/verify_proof.py on ledgers of every encoding (standard library only).

Versions 1 and 2: the committed Fixtures/ledgers. Version 3: runs of the release binary ($SWANSIM, else
.build/release/swansim) into a temporary directory; the tests that need it are skipped without it.
docs/LEDGER-ENCODING.md's vectors of every kind are decoded with docs/ledger-schema.json, alone and in
the ledgers of the fixture runs they come from. `encode` below is the decoder's inverse, written from
the schema too: a decoded entry must re-encode to its very bytes (canonical), and it makes the edited
entries of the strictness tests.
"""
import hashlib, json, os, re, shutil, sqlite3, subprocess, sys, tempfile, unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import verify_ledger as vl  # noqa: E402
import verify_proof as vp  # noqa: E402

SCHEMA = vl.load_schema()
V1, V2, V3 = "swansim-entry/1", "swansim-entry/2", SCHEMA["encoding"]
LEGACY = {V1: ROOT / "Fixtures/ledgers/swansim-entry-1-tiny-two-providers/ledger.sqlite",
          V2: ROOT / "Fixtures/ledgers/swansim-entry-2-tiny-market/ledger.sqlite"}
BINARY = os.environ.get("SWANSIM") or str(ROOT / ".build/release/swansim")
DOC = (ROOT / "docs/LEDGER-ENCODING.md").read_text("utf-8")


def encode(e, version, spell_out=False):
    """E(entry) of the decoded entry `e` in `version`; spell_out writes own-owner accounts in full."""
    legacy = version in vl.LEGACY_MARKET
    def uv(n):
        out = bytearray()
        while n >= 0x80: out.append(n & 0x7F | 0x80); n >>= 7
        return bytes(out + bytes([n]))
    def int_(v):
        n = (v if v >= 0 else ~v).bit_length() // 8 + (v != 0)
        return bytes([n]) + v.to_bytes(n, "big", signed=True)
    def text(s): raw = s.encode(); return (len(raw).to_bytes(4, "big") if legacy else uv(len(raw))) + raw
    def scalar(v, t): return text(v) if t == "text" else v.to_bytes(vl.WIDTH[t], "big", signed=True) if legacy else int_(v)
    def value(v, t):
        if isinstance(t, str): return int_(v) if t in vl.WIDTH else bytes([v]) if t == "flag" else text(v)
        (form, arg), = t.items()
        if form == "name": return bytes([SCHEMA["names"][arg].index(v)])
        if form == "optional": return b"\x00" if v is None else b"\x01" + value(v, arg)
        if form == "pair": return b"".join(value(x, a) for x, a in zip(v, arg))
        return uv(len(v)) + b"".join(value(x, arg) for x in v)
    def tagged(v, t):
        if isinstance(t, dict) and "optional" in t: return b"\x00" if v is None else tagged(v, t["optional"])
        if t in ("int64", "int128", "flag"): return b"\x01" + int(v).to_bytes(16, "big", signed=True)
        if isinstance(t, str) or "name" in t: return b"\x02" + text(v)
        items = list(zip(v, t["pair"])) if "pair" in t else [(x, t["list"]) for x in v]
        return b"\x03" + len(items).to_bytes(4, "big") + b"".join(tagged(x, a) for x, a in items)
    def account(name):
        if legacy: return text(name)
        for a in SCHEMA["accounts"]:
            p, s = a["prefix"], a["suffix"]
            if a["owner"] is None and name == p: return bytes([a["code"]])
            if a["owner"] and name.startswith(p) and name.endswith(s) and "/" not in name[len(p):len(name) - len(s)]:
                owner = name[len(p):len(name) - len(s)]
                own = owner == e[a["owner"]] and not spell_out
                return bytes([a["code"] | SCHEMA["own_flag"]]) if own else bytes([a["code"]]) + text(owner)
    kinds, origins = SCHEMA["kinds"], SCHEMA["origins"]
    out = [text(version)] + [scalar(e[k], "int64") for k in ("seq", "day", "time")]
    out += [text(e["kind"]) + text(e["origin"])] if legacy else [bytes([kinds.index(e["kind"]), origins.index(e["origin"])])]
    if legacy: out += [b"\x00" if e[k] is None else b"\x01" + scalar(e[k], t) for k, t in vl.HEADER]
    else: out += [bytes([sum(1 << i for i, (k, _) in enumerate(vl.HEADER) if e[k] is not None)])]
    out += [scalar(e[k], t) for k, t in vl.HEADER if e[k] is not None and not legacy]
    out.append(len(e["transfers"]).to_bytes(4, "big") if legacy else uv(len(e["transfers"])))
    for i, d, c, a in e["transfers"]:
        out.append((i.to_bytes(4, "big") if legacy else b"") + account(d) + account(c) + scalar(a, "int128"))
    fields, pl = SCHEMA["payloads"][e["kind"]], e["payload"]
    if not legacy: return b"".join(out + [value(pl[f["name"]], f["type"]) for f in fields])
    market, written = vl.LEGACY_MARKET[version], []
    for f in fields:
        name, t, how = f["name"], f["type"], f["legacy"]
        if how == "always" or market and how == "market": written.append(text(name) + tagged(pl[name], t))
        elif market and how == "market-when-present" and pl[name] is not None:
            written.append(text(name) + tagged(pl[name], t["optional"]))
    return b"".join(out + [len(written).to_bytes(4, "big")] + written)


def lenient(data, version=None, **context):
    """The entry `data` decodes to, its version read from its bytes, no ledger to name models or providers."""
    return vl.decode(data, SCHEMA, version or vl.version_of(data, SCHEMA), **context)


def payloads(path):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return [(seq, bytes(p)) for seq, p in db.execute("SELECT seq, payload FROM entries ORDER BY seq")]


def documented_vectors():
    """(kind, fixture, seq, bytes, sha256 hex) per kind of "One entry of every kind"."""
    section = DOC.split("<!-- entry-vectors: generated by LedgerSchemaTests -->")[1].split("<!-- end entry-vectors -->")[0]
    rows = re.findall(r"^\| (\d+) \| `(\w+)` \| ([\w-]+) \| (\d+) \| (\d+) \| `([0-9a-f]{64})` \|$", section, re.M)
    blocks = {k: (f, int(s), bytes.fromhex(h.replace("\n", "")))
              for k, f, s, h in re.findall(r"^`(\w+)` \(([\w-]+), seq (\d+)\):\n\n```\n([0-9a-f\n]+)```", section, re.M)}
    out = []
    for code, kind, fixture, seq, length, digest in rows:
        assert int(code) == len(out) and blocks[kind][:2] == (fixture, int(seq)), (code, kind)
        assert len(blocks[kind][2]) == int(length), kind
        out.append((kind, fixture, int(seq), blocks[kind][2], digest))
    return out


def rehash(path):
    """Recomputes every entry hash, Merkle root, prev_block_hash and block hash (the state roots are kept)."""
    with sqlite3.connect(path) as db:
        prev, hashes = bytes(32), {}
        for seq, payload in db.execute("SELECT seq, payload FROM entries ORDER BY seq").fetchall():
            hashes[seq] = vl.sha(vl.ENTRY_TAG, prev, bytes(payload))
            db.execute("UPDATE entries SET prev_hash = ?, hash = ? WHERE seq = ?", (prev.hex(), hashes[seq].hex(), seq))
            prev = hashes[seq]
        prev = bytes(32)
        for day, first, last, count, close, state in db.execute(
                "SELECT day, first_seq, last_seq, entry_count, close_time, state_root FROM blocks ORDER BY day").fetchall():
            root = vl.merkle([hashes[s] for s in range(first, last + 1)])
            header = vl.s_("swansim-block/1") + b"".join(map(vl.u64, (day, first, last, count))) + vl.i64(close) + root \
                + bytes.fromhex(state) + prev + hashes[last]
            db.execute("UPDATE blocks SET merkle_root = ?, prev_block_hash = ?, block_hash = ? WHERE day = ?",
                       (root.hex(), prev.hex(), vl.sha(header).hex(), day))
            prev = vl.sha(header)


def reforge(proof, payload):
    """`proof` with payload_hex replaced and every hash after it recomputed: only a decoder can object."""
    p = dict(proof, payload_hex=payload.hex())
    entry = vl.sha(vl.ENTRY_TAG, bytes.fromhex(p["prev_hash"]), payload)
    root = vp.root_from_path(p["leaf_index"], p["tree_size"], vl.sha(b"\x00", entry), [bytes.fromhex(n) for n in p["audit_path"]])
    header = bytearray.fromhex(p["block_header_hex"])  # str(version) 19, five integers 40, then four digests
    header[59:91] = root
    if p["leaf_index"] == p["tree_size"] - 1: header[155:187] = entry
    p["block_header_hex"], prev, later = header.hex(), vl.sha(bytes(header)), []
    for raw in p["later_headers_hex"]:
        h = bytearray.fromhex(raw); h[123:155] = prev; later.append(h.hex()); prev = vl.sha(bytes(h))
    return dict(p, later_headers_hex=later, head_block_hash=prev.hex())


def tool(name, *args):
    return subprocess.run([sys.executable, str(ROOT / "tools" / name), *map(str, args)], capture_output=True, text=True)


class DecoderTests(unittest.TestCase):
    """The decoder alone: documented vectors, the legacy fixtures, and bytes it must refuse."""
    vectors = documented_vectors()

    def assertRefused(self, data, problem, version=None, **context):
        with self.assertRaises(vl.DecodingError) as caught:
            lenient(data, version, **context)
        self.assertIn(problem, str(caught.exception))
        self.assertRegex(str(caught.exception), r"^at byte \d+: ")

    def vector(self, kind):
        return next(v[3] for v in self.vectors if v[0] == kind)

    def test_every_documented_vector_decodes_and_reencodes(self):
        self.assertEqual([v[0] for v in self.vectors], SCHEMA["kinds"])
        for kind, fixture, seq, data, digest in self.vectors:
            with self.subTest(kind=kind):
                self.assertEqual(hashlib.sha256(data).hexdigest(), digest)
                e = lenient(data)
                self.assertEqual((e["kind"], e["seq"]), (kind, seq))
                self.assertEqual([f["name"] for f in SCHEMA["payloads"][kind]], list(e["payload"]))
                self.assertEqual(encode(e, V3), data)

    def test_the_complete_entry_vector(self):
        section = DOC.split("### One complete entry")[1].split("### Merkle roots")[0]
        data, digest = [bytes.fromhex(b.replace("\n", "")) for b in re.findall(r"```\n([0-9a-f\n]+)```", section)]
        e = lenient(data)
        self.assertEqual((e["seq"], e["day"], e["time"], e["kind"], e["origin"], e["provider"], e["amount_atto"]),
                         (9, 1, 1799, "ubi_fail", "engine", "alice", 5122850000000000000))
        self.assertEqual(e["transfers"], [(0, "cp/alice/escrow", "slashed_funds", 5122850000000000000)])
        self.assertEqual(list(e["payload"].values()), [0, 5122850000000000000, 0, 0])
        self.assertEqual(vl.sha(vl.ENTRY_TAG, bytes(32), data), digest)

    def test_legacy_ledgers_decode_and_reencode(self):
        for version, path in LEGACY.items():
            for seq, data in payloads(path):
                with self.subTest(version=version, seq=seq):
                    self.assertEqual(vl.version_of(data, SCHEMA), version)
                    self.assertEqual(encode(lenient(data), version), data)

    def test_compact_bytes_it_refuses(self):
        close, complete = self.vector("day_close"), DOC.split("### One complete entry")[1]
        complete = bytes.fromhex(re.search(r"```\n([0-9a-f\n]+)```", complete)[1].replace("\n", ""))
        e = lenient(complete)
        presence = len(encode(dict(e, kind="genesis", transfers=[], payload={}, **{k: None for k, _ in vl.HEADER}), V3)) - 2
        cases = [
            (close + b"\x00", "trailing bytes"),
            (close[:-1] + b"\x01\x00", "not in its shortest form"),           # day_close.day 0 as 01 00
            (close[:-1] + b"\x02\xff\xff", "not in its shortest form"),        # -1 as ff ff
            (close[:-1] + b"\x09" + bytes(9), "at most 8 fit"),
            (close[:16] + b"\x02\x00" + close[17:], "not in its shortest form"),  # seq 10 as 00 0a
            (close[:-2] + b"\x80\x00" + close[-1:], "LEB128 number not in its shortest form"),  # 0 transfers as 80 00
            (close[:-2] + b"\x06" + close[-1:], "6 where at most 5 fit"),
            (close[:20] + bytes([len(SCHEMA["kinds"])]) + close[21:], f"kind code {len(SCHEMA['kinds'])}"),
            (close[:21] + bytes([len(SCHEMA["origins"])]) + close[22:], f"origin code {len(SCHEMA['origins'])}"),
            (complete[:presence] + b"\x52" + complete[presence + 1:], "presence bits 0x52"),
            (complete[:presence] + b"\x92" + complete[presence + 1:], "presence bits 0x92"),
            (encode(e, V3, spell_out=True), "the entry's own provider spelled out"),
            (complete.replace(b"\x01\x8a\x03", b"\x01\x0b\x03"), "account code 11"),
            (complete.replace(b"\x01\x8a\x03", b"\x01\x8a\x83"), "account code 131"),
            (complete.replace(b"\x01\x8a\x03", b"\x01\x86\x03"), "own user, who is absent"),
            (complete.replace(b"\x05alice", b"\x05al\xffce"), "not UTF-8"),
            (self.vector("op_rejected")[:-1] + bytes([len(SCHEMA["names"]["operation"])]), "operation code"),
            (self.vector("market_quote")[:-1] + b"\x02", "a flag 2"),
            (self.vector("reputation")[:-2] + b"\x02\x01", "out of order or repeated"),
            (self.vector("reputation")[:-2] + b"\x01\x01", "out of order or repeated"),
            (self.vector("price_set")[:-11] + b"\x02" + self.vector("price_set")[-10:], "a presence byte 2"),  # price_set.old
        ]
        for data, problem in cases:
            with self.subTest(problem=problem):
                self.assertRefused(data, problem)

    def test_names_it_refuses_in_a_ledger_context(self):
        self.assertRefused(self.vector("task_assign"), "model RTX 4090 is not in the genesis catalog", models={"A10"})
        self.assertRefused(self.vector("auction_close"), "provider a is not registered", providers={"b", "c"})
        self.assertRefused(self.vector("market_quote"), "kind market_quote outside a market run", market=False)
        kind, field = next((k, f["name"]) for k, fs in SCHEMA["payloads"].items() for f in fs if f["legacy"] == "market")
        e = lenient(self.vector(kind))
        market_only = encode(dict(e, payload=dict(e["payload"], **{field: 1})), V3)
        self.assertEqual(lenient(market_only, market=True)["payload"][field], 1)
        self.assertRefused(market_only, f"{kind}.{field} outside a market run", market=False)

    def test_legacy_bytes_it_refuses(self):
        v1 = dict(payloads(LEGACY[V1]))
        status = next(d for d in v1.values() if lenient(d)["kind"] == "status")
        genesis = v1[0]
        register = next(d for _, d in payloads(LEGACY[V2]) if lenient(d)["kind"] == "register")
        debit = genesis.rfind(b"\x00\x00\x00\x07genesis")  # the first transfer's debit, after its u32 idx
        script_index = len(encode(dict(lenient(genesis), transfers=[], payload={}, **{k: None for k, _ in vl.HEADER}), V1)) - 14
        cases = [
            (status.replace(b"\x00\x00\x00\x04from\x02", b"\x00\x00\x00\x04fram\x02"), "expected field from"),
            (status.replace(b"\x00\x00\x00\x04from\x02", b"\x00\x00\x00\x04from\x01"), "value tag 1 of from"),
            (genesis.replace(b"\x00\x00\x00\x07reserve", b"\x00\x00\x00\x07reserva"), "unknown account reserva"),
            (genesis[:script_index] + b"\x02" + genesis[script_index + 1:], "a presence byte 2"),
            (genesis[:debit - 1] + b"\x01" + genesis[debit:], "transfer index, expected 0"),  # idx 1 for transfer 0
            (genesis + b"\x00", "trailing bytes"),
            (register.replace(b"swansim-entry/2", b"swansim-entry/1"), "5 fields, expected 4"),  # asking_price is /2's
            (register.replace(b"\x00\x00\x00\x05\x00\x00\x00\x04kind", b"\x00\x00\x00\x04\x00\x00\x00\x04kind"), "4 fields, expected 5"),
        ]
        for data, problem in cases:
            with self.subTest(problem=problem):
                self.assertRefused(data, problem)


@unittest.skipUnless(os.access(BINARY, os.X_OK), f"no swansim binary at {BINARY} (set SWANSIM)")
class ToolTests(unittest.TestCase):
    """Both tools, as the command line runs them, on v1, v2 and v3 ledgers and on edits of them."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="verifiers-"))
        cls.runs = {}
        for fixture in sorted({v[1] for v in documented_vectors()} | {"tiny-market", "tiny-two-providers"}):
            out = cls.tmp / fixture
            done = subprocess.run([BINARY, "run", ROOT / f"Fixtures/scenarios/{fixture}.json", "--out", out, "--quiet"],
                                  capture_output=True, text=True)
            if not (out / "ledger.sqlite").exists():
                raise RuntimeError(f"swansim run {fixture}: {done.stderr}")
            cls.runs[fixture] = out / "ledger.sqlite"

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def copy(self, source, name):
        shutil.copyfile(source, self.tmp / name)
        return self.tmp / name

    def prove(self, ledger, seq):
        out = self.tmp / f"proof-{Path(ledger).parent.name}-{seq}.json"
        done = subprocess.run([BINARY, "prove", ledger, "--seq", str(seq), "--out", out], capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        return out

    def assertLedger(self, ledger, status, *lines):
        done = tool("verify_ledger.py", ledger)
        self.assertEqual(done.returncode, status, done.stdout[-2000:] + done.stderr)
        for line in lines: self.assertIn(line, done.stdout + done.stderr)
        return done

    def assertProof(self, proof, status, text):
        if isinstance(proof, dict):
            path = self.tmp / "edited-proof.json"
            path.write_text(json.dumps(proof, sort_keys=True, separators=(",", ":")))
            proof = path
        done = tool("verify_proof.py", proof)
        self.assertEqual(done.returncode, status, done.stdout + done.stderr)
        self.assertIn(text, done.stdout + done.stderr)

    def ledgers(self):
        return {V1: LEGACY[V1], V2: LEGACY[V2], V3: self.runs["tiny-market"], V3 + " (version-1 run)": self.runs["tiny-two-providers"]}

    def test_both_tools_pass_on_every_version(self):
        for name, ledger in self.ledgers().items():
            with self.subTest(ledger=name):
                n = len(payloads(ledger))
                self.assertLedger(ledger, 0, f"{n} passed, 0 failed")
                for seq in (0, 3, n // 2, n - 1):
                    self.assertProof(self.prove(ledger, seq), 0, f"valid: seq {seq} ")

    def test_the_vectors_in_their_fixture_ledgers(self):
        """Each documented vector is the payload at its seq of its fixture's run, which verifies strictly."""
        for kind, fixture, seq, data, _ in documented_vectors():
            with self.subTest(kind=kind):
                self.assertEqual(dict(payloads(self.runs[fixture]))[seq], data)
        for fixture, ledger in self.runs.items():
            with self.subTest(fixture=fixture):
                self.assertLedger(ledger, 0, f"{len(payloads(ledger))} passed, 0 failed")

    def edit(self, ledger, seq, payload, name, **columns):
        path = self.copy(ledger, name)
        with sqlite3.connect(path) as db:
            sets = "".join(f", {c} = ?" for c in columns)
            db.execute(f"UPDATE entries SET payload = ?{sets} WHERE seq = ?", (payload, *columns.values(), seq))
        return path

    def market_quote(self):
        ledger = self.runs["tiny-market"]
        seq, data = next((s, d) for s, d in payloads(ledger) if lenient(d)["kind"] == "market_quote" and not lenient(d)["transfers"])
        return ledger, seq, data

    def test_a_tampered_v3_ledger_and_proof_fail(self):
        ledger, seq, data = self.market_quote()
        changed = data[:-3] + bytes([data[-3] ^ 1]) + data[-2:]
        self.assertLedger(self.edit(ledger, seq, changed, "tampered.sqlite"), 1, f"FAIL seq {seq}: hash expected")
        proof = json.loads(self.prove(ledger, seq).read_text())
        self.assertProof(dict(proof, payload_hex=changed.hex()), 3, "invalid: merkle_root")

    def test_non_canonical_bytes_fail_with_every_hash_recomputed(self):
        ledger, seq, data = self.market_quote()
        e = lenient(data)
        self.assertEqual(data[16:18], bytes([1, seq]))
        wide = data[:16] + bytes([2, 0, seq]) + data[18:]  # seq in two bytes
        later = encode(dict(e, time=e["time"] + 1), V3)    # the control: canonical, also re-hashed
        control = self.edit(ledger, seq, later, "control.sqlite", time=e["time"] + 1)
        rehash(control)
        self.assertLedger(control, 0, " passed, 0 failed")
        forged = self.edit(ledger, seq, wide, "wide.sqlite")
        rehash(forged)
        done = self.assertLedger(forged, 1, f"FAIL seq {seq}: payload at byte 16: an integer not in its shortest form")
        self.assertEqual(done.stdout.count("FAIL"), 1, done.stdout)

        proof = json.loads(self.prove(ledger, seq).read_text())
        self.assertProof(reforge(proof, later), 0, f"valid: seq {seq} ")
        self.assertProof(reforge(proof, wide), 3, "invalid: payload_hex: not a swansim-entry/3 entry: at byte 16: "
                                                  "an integer not in its shortest form")
        self.assertProof(reforge(proof, encode(dict(e, seq=seq + 1), V3)), 3, f"the entry is seq {seq + 1} of day")
        own = encode(dict(e, provider="x", transfers=[(0, "cp/x/free", "reserve", 1)]), V3, spell_out=True)
        self.assertProof(reforge(proof, own), 3, "the entry's own provider spelled out")

    def test_legacy_bytes_that_do_not_decode_fail_with_every_hash_recomputed(self):
        seq, data = next((s, d) for s, d in payloads(LEGACY[V1]) if lenient(d)["kind"] == "status")
        forged = self.edit(LEGACY[V1], seq, data.replace(b"\x04from\x02", b"\x04fram\x02"), "v1-forged.sqlite")
        rehash(forged)
        self.assertLedger(forged, 1, f"FAIL seq {seq}: payload at byte", "expected field from")

    def test_unreadable_encodings_and_a_missing_schema_exit_2(self):
        ledger = self.copy(self.runs["tiny-market"], "v9.sqlite")
        with sqlite3.connect(ledger) as db:
            db.execute("UPDATE meta SET value = 'swansim-entry/9' WHERE key = 'encoding_version'")
        self.assertLedger(ledger, 2, "unknown encoding_version swansim-entry/9; this tool reads swansim-entry/1, ")
        proof = json.loads(self.prove(self.runs["tiny-market"], 3).read_text())
        v9 = bytes.fromhex(proof["payload_hex"]).replace(V3.encode(), b"swansim-entry/9", 1)
        self.assertProof(reforge(proof, v9), 2, "malformed: payload_hex: not an entry of an encoding this tool reads")

        bare = self.tmp / "bare" / "tools"
        bare.mkdir(parents=True)
        for name in ("verify_ledger.py", "verify_proof.py"):
            shutil.copy(ROOT / "tools" / name, bare)
        for name, arg in (("verify_ledger.py", self.runs["tiny-market"]), ("verify_proof.py", self.prove(self.runs["tiny-market"], 3))):
            with self.subTest(tool=name):
                done = subprocess.run([sys.executable, bare / name, arg], capture_output=True, text=True)
                self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
                self.assertIn("docs/ledger-schema.json: cannot read the ledger schema", done.stderr)


if __name__ == "__main__":
    unittest.main()
