#!/usr/bin/env python3
"""Verify a swansim inclusion proof (swan-proof/1, WORKFLOW.md §5) with the standard library only.

    python3 tools/verify_proof.py PROOF.json [--head HASH]

Recomputes, trusting nothing in the file: the entry hash from prev_hash and payload_hex
(docs/LEDGER-ENCODING.md), the entry itself, decoded strictly from payload_hex in its encoding
(swansim-entry/3, or /1 and /2 of older ledgers; the layouts from docs/ledger-schema.json, as
tools/verify_ledger.py reads them; models and providers, which need the ledger, are not checked)
and of the proof's seq and day, its leaf hash, the Merkle root through the audit path (RFC 9162
§2.1.3.2: leaf_index < tree_size, the exact path length, the final index walk), the block header's
commitments (day, entry count = tree_size, the entry's position, merkle_root), the block hash, and
for every later header its link to the header before (prev_block_hash, day + 1, first_seq = the
previous last_seq + 1, entry_count = last_seq - first_seq + 1 >= 1) up to head_block_hash. With
--head (64 hex digits) the head must be HASH; without it the head is reported as not pinned (§9.2).

The document must be strict JSON (WORKFLOW.md §9.5): UTF-8 without a byte-order mark, no duplicated
key, nesting at most 64 deep, seq/day/leaf_index/tree_size written as integers in 0 … 2^63 - 1.
Exit 0 valid, 3 invalid (the first failed check is printed), 2 malformed, not a readable regular
file, an entry of an encoding this tool does not read, no readable docs/ledger-schema.json, or a bad
command line.
"""
import collections
import hashlib
import json
import os
import re
import stat
import struct
import sys

import verify_ledger as ledger  # beside this file: the entry decoder and docs/ledger-schema.json's reader

USAGE = "usage: python3 tools/verify_proof.py PROOF.json [--head HASH]"
ENTRY_TAG = b"swansim-entry-hash\x00"
BLOCK_VERSION = b"swansim-block/1"
KEYS = ("audit_path", "block_header_hex", "day", "format", "head_block_hash", "later_headers_hex", "leaf_index",
        "payload_hex", "prev_hash", "seq", "tree_size")
INTEGER_KEYS = ("seq", "day", "leaf_index", "tree_size")
MAX_DEPTH = 64
MAX_BYTES = 64 << 20               # the proof of the longest ledger (36,500 later headers) is under 14 MiB
Header = collections.namedtuple("Header", "day first_seq last_seq entry_count close_time merkle_root state_root "
                                          "prev_block_hash last_entry_hash")
HEX = re.compile(r"(?:[0-9a-f]{2})*")
HEAD = re.compile(r"[0-9a-fA-F]{64}")
CANONICAL_INTEGER = re.compile(r"0|[1-9][0-9]{0,18}")
# A whole string (skipped: brackets inside it do not nest) or one bracket.
DEPTH_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.S)
# Control characters, bidirectional controls and lone surrogates: never sent to the terminal as they are.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class Invalid(Exception):
    """A well-formed proof that is false: the first check that failed."""


class Malformed(Exception):
    """Not a swan-proof/1 document."""


class Usage(Exception):
    """A command line this tool does not take."""


class Number:
    """A JSON number's text as written, so that only canonical integers pass (not -0, 3.0, 3e0, 2^63)."""

    def __init__(self, text):
        self.text = text


def printable(text):
    """`text` with every control, bidirectional control and lone surrogate written as \\u{XXXX}."""
    return UNPRINTABLE.sub(lambda match: "\\u{%04X}" % ord(match.group()), text)


def sha256(*parts):
    h = hashlib.sha256()
    for part in parts:
        h.update(part)
    return h.digest()


def read_file(path):
    """The bytes of `path`, which must be a regular file (a FIFO or a device is refused before it is opened)."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise Malformed("not a regular file")
        if status.st_size > MAX_BYTES:
            raise Malformed(f"larger than {MAX_BYTES >> 20} MiB, more than any swan-proof/1 file can be")
        with open(path, "rb") as f:
            return f.read()
    except OSError as error:
        raise Malformed(f"cannot read the file: {error.strerror or error}") from None


def check_depth(data):
    """Refuses nesting deeper than MAX_DEPTH before the recursive parser sees it."""
    depth = 0
    for token in DEPTH_TOKENS.finditer(data):
        if token.group() in (b"[", b"{"):
            depth += 1
            if depth > MAX_DEPTH:
                raise Malformed(f"nesting deeper than {MAX_DEPTH}")
        elif token.group() in (b"]", b"}"):
            depth -= 1


def unique_keys(pairs):
    """object_pairs_hook: an object in which no key is given twice."""
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise Malformed(f"{key} is given twice")
        seen[key] = value
    return seen


def no_constant(name):
    """parse_constant hook: NaN, Infinity and -Infinity are not JSON."""
    raise Malformed(f"{name} is not a JSON value")


def parse(data):
    """The JSON document in `data`, strictly: UTF-8, no byte-order mark, no duplicated key, at most 64 deep."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise Malformed("a byte-order mark is not allowed")
    check_depth(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Malformed(f"the file is not valid UTF-8 (byte {error.start})") from None
    try:
        return json.loads(text, object_pairs_hook=unique_keys, parse_int=Number, parse_float=Number,
                          parse_constant=no_constant)
    except json.JSONDecodeError as error:
        raise Malformed(f"not JSON: {error}") from None


def integer(proof, key):
    value = proof[key]
    if not isinstance(value, Number) or not CANONICAL_INTEGER.fullmatch(value.text) or int(value.text) >= 2 ** 63:
        raise Malformed(f"{key} must be an integer in 0 ... 2^63 - 1, written plainly")
    return int(value.text)


def unhex(value, key, length=None):
    if not isinstance(value, str) or not HEX.fullmatch(value):
        raise Malformed(f"{key} must be lowercase hex")
    raw = bytes.fromhex(value)
    if length is not None and len(raw) != length:
        raise Malformed(f"{key} must be {length} bytes, found {len(raw)}")
    return raw


def fields(proof):
    """The proof's fields, checked for shape and decoded: integers as int, hex as bytes."""
    if not isinstance(proof, dict):
        raise Malformed("a proof is a JSON object")
    unknown = sorted(set(proof) - set(KEYS))
    if unknown:
        raise Malformed(f"unknown field {unknown[0]}")
    missing = [key for key in KEYS if key not in proof]
    if missing:
        raise Malformed(f"missing field {missing[0]}")
    if proof["format"] != "swan-proof/1":
        raise Malformed('format must be "swan-proof/1"')
    result = {key: integer(proof, key) for key in INTEGER_KEYS}
    for key in ("audit_path", "later_headers_hex"):
        if not isinstance(proof[key], list):
            raise Malformed(f"{key} must be an array")
    result["audit_path"] = [unhex(node, f"audit_path[{i}]", 32) for i, node in enumerate(proof["audit_path"])]
    result["later_headers_hex"] = [unhex(raw, f"later_headers_hex[{i}]")
                                   for i, raw in enumerate(proof["later_headers_hex"])]
    for key, length in (("payload_hex", None), ("prev_hash", 32), ("block_header_hex", None), ("head_block_hash", 32)):
        result[key] = unhex(proof[key], key, length)
    return result


def root_from_path(index, size, leaf, path):
    """RFC 9162 §2.1.3.2."""
    if not 0 <= index < size:
        raise Invalid(f"audit_path: leaf_index {index} is not below tree_size {size}")
    fn, sn, r = index, size - 1, leaf
    for node in path:
        if sn == 0:
            raise Invalid("audit_path: more nodes than the tree needs")
        if fn & 1 or fn == sn:
            r = sha256(b"\x01", node, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = sha256(b"\x01", r, node)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise Invalid("audit_path: fewer nodes than the tree needs")
    return r


def header(raw, key):
    """The Header that `raw`, a canonical swansim-block/1 header (docs/LEDGER-ENCODING.md), encodes."""
    if len(raw) != 4 + len(BLOCK_VERSION) + 5 * 8 + 4 * 32 or raw[:4] != struct.pack(">I", len(BLOCK_VERSION)) \
            or raw[4:4 + len(BLOCK_VERSION)] != BLOCK_VERSION:
        raise Invalid(f"{key}: not a canonical swansim-block/1 header ({len(raw)} bytes)")
    offset = 4 + len(BLOCK_VERSION)
    numbers = struct.unpack(">QQQQq", raw[offset:offset + 40])
    day, first, last, count = numbers[:4]
    # A ledger's day, seqs and counts stay below 2^63 (signed 64-bit in swansim); beyond is no ledger's header.
    if max(day, first, last, count) >= 2 ** 63 or day == 2 ** 63 - 1 or last == 2 ** 63 - 1:
        raise Invalid(f"{key}: not a canonical swansim-block/1 header (a day, seq or count beyond 2^63 - 2)")
    offset += 40
    digests = [raw[offset + 32 * i: offset + 32 * (i + 1)] for i in range(4)]
    return Header(*numbers, *digests)


def check_entry_in_block(p):
    """The entry's hash is leaf leaf_index of the block header's Merkle root, and the header is of its day and seq."""
    entry = sha256(ENTRY_TAG, p["prev_hash"], p["payload_hex"])
    root = root_from_path(p["leaf_index"], p["tree_size"], sha256(b"\x00", entry), p["audit_path"])
    day, first, last, count, _close, merkle, _state, _prev_block, last_entry = header(p["block_header_hex"],
                                                                                      "block_header_hex")
    if day != p["day"]:
        raise Invalid(f"block_header_hex: the header is of day {day}, the proof of day {p['day']}")
    if count != p["tree_size"]:
        raise Invalid(f"tree_size: {p['tree_size']}, but the block header commits to {count} entries")
    if first + p["leaf_index"] != p["seq"] or last != first + count - 1:
        raise Invalid(f"leaf_index: seq {p['seq']} is not entry {p['leaf_index']} of seqs {first}..{last}")
    if root != merkle:
        raise Invalid(f"merkle_root: the audit path leads to {root.hex()}, the header commits to {merkle.hex()}")
    if p["leaf_index"] == count - 1 and last_entry != entry:
        raise Invalid("block_header_hex: the block's last entry hash is not the entry's")


def check_payload(p, schema):
    """payload_hex is the one encoding of an entry, and that entry is of the proof's seq and day."""
    version = ledger.version_of(p["payload_hex"], schema)
    if version is None:
        raise Malformed(f"payload_hex: not an entry of an encoding this tool reads ({', '.join(ledger.readable(schema))})")
    try:
        entry = ledger.decode(p["payload_hex"], schema, version)
    except ledger.DecodingError as error:
        raise Invalid(f"payload_hex: not a {version} entry: {error}") from None
    if (entry["seq"], entry["day"]) != (p["seq"], p["day"]):
        raise Invalid(f"payload_hex: the entry is seq {entry['seq']} of day {entry['day']}, "
                      f"the proof is of seq {p['seq']} of day {p['day']}")


def check_continuity(before, before_hash, after, key):
    """Header `after` follows `before`: linked by hash, the next day, the next seqs, at least one entry."""
    day, first, last, count = after.day, after.first_seq, after.last_seq, after.entry_count
    if after.prev_block_hash != before_hash:
        raise Invalid(f"{key}: prev_block_hash {after.prev_block_hash.hex()} is not the hash {before_hash.hex()} "
                      "of the header before")
    if day != before.day + 1:
        raise Invalid(f"{key}: day {day} does not follow day {before.day}")
    if first != before.last_seq + 1:
        raise Invalid(f"{key}: first_seq {first} does not follow last_seq {before.last_seq} of the header before")
    if count < 1:
        raise Invalid(f"{key}: entry_count {count}, but a block holds at least one entry")
    if count != last - first + 1:
        raise Invalid(f"{key}: entry_count {count}, but seqs {first}..{last} are {last - first + 1} entries")


def chain_head(p):
    """The hash of the last header, each later header checked against the one before."""
    before, before_hash = header(p["block_header_hex"], "block_header_hex"), sha256(p["block_header_hex"])
    for i, raw in enumerate(p["later_headers_hex"]):
        key = f"later_headers_hex[{i}]"
        after = header(raw, key)
        check_continuity(before, before_hash, after, key)
        before, before_hash = after, sha256(raw)
    if before_hash != p["head_block_hash"]:
        raise Invalid(f"head_block_hash: the headers end at {before_hash.hex()}, "
                      f"the proof names {p['head_block_hash'].hex()}")
    return before_hash.hex()


def verify(p, head=None, schema=None):
    """The head block hash under which the proof `p` (as from fields) holds; with `head`, it must be that."""
    check_entry_in_block(p)
    check_payload(p, schema or ledger.load_schema())
    current = chain_head(p)
    if head is not None and head != current:
        raise Invalid(f"--head: the proof's head is {current}, expected {head}")
    return current


def arguments(args):
    """(PROOF path, --head lowercased or None) from the command line."""
    path, head = None, None
    args = list(args)
    while args:
        arg = args.pop(0)
        if arg == "--head" or arg.startswith("--head="):
            if head is not None:
                raise Usage("--head is given twice")
            if arg == "--head":
                arg = "--head=" + (args.pop(0) if args else "")
            head = arg[len("--head="):]
        elif path is None and not arg.startswith("-"):
            path = arg
        else:
            raise Usage(f"unexpected argument {arg}")
    if path is None:
        raise Usage("no PROOF.json given")
    if head is not None and not HEAD.fullmatch(head):
        raise Usage(f"--head {head}: expected 64 hex digits")
    return path, (head.lower() if head is not None else None)


def main(argv):
    if any(arg in ("-h", "--help") for arg in argv[1:]):
        print(__doc__.strip())
        return 0
    try:
        path, head = arguments(argv[1:])
    except Usage as error:
        print(f"{printable(str(error))}\n{USAGE}", file=sys.stderr)
        return 2
    try:
        schema = ledger.load_schema()
    except ledger.SchemaError as error:
        print(printable(str(error)), file=sys.stderr)
        return 2
    try:
        p = fields(parse(read_file(path)))
        result = verify(p, head, schema)
    except Malformed as error:
        print(f"{printable(path)}: malformed: {printable(str(error))}", file=sys.stderr)
        return 2
    except Invalid as error:
        print(f"{printable(path)}: invalid: {printable(str(error))}", file=sys.stderr)
        return 3
    print(f"valid: seq {p['seq']} (block {p['day']}) is in the ledger with head block {result}")
    if head is None:
        print(f"note: the head is not pinned: the proof is consistent with head block {result}, but anyone can "
              "fabricate a chain to a head of their choosing; give --head HASH from a source you trust")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
