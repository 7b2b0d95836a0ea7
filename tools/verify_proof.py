#!/usr/bin/env python3
"""Verify a swansim inclusion proof (swan-proof/1, WORKFLOW.md §5) with the standard library only.

    python3 tools/verify_proof.py PROOF.json [--head HASH]

Recomputes, trusting nothing in the file: the entry hash from prev_hash and payload_hex
(docs/LEDGER-ENCODING.md), its leaf hash, the Merkle root through the audit path (RFC 9162
§2.1.3.2: leaf_index < tree_size, the exact path length, the final index walk), the block header's
commitments (day, entry count = tree_size, the entry's position, merkle_root), the block hash, and
every later header's prev_block_hash up to head_block_hash. Exit 0 valid, 3 invalid (the first
failed check is printed), 2 malformed.
"""
import hashlib
import json
import re
import struct
import sys

ENTRY_TAG = b"swansim-entry-hash\x00"
BLOCK_VERSION = b"swansim-block/1"
KEYS = {"audit_path", "block_header_hex", "day", "format", "head_block_hash", "later_headers_hex", "leaf_index",
        "payload_hex", "prev_hash", "seq", "tree_size"}
HEX = re.compile(r"^(?:[0-9a-f]{2})*$")


class Invalid(Exception):
    """A well-formed proof that is false: the first check that failed."""


class Malformed(Exception):
    """Not a swan-proof/1 document."""


def sha256(*parts):
    h = hashlib.sha256()
    for part in parts:
        h.update(part)
    return h.digest()


def unhex(value, key, length=None):
    if not isinstance(value, str) or not HEX.match(value):
        raise Malformed(f"{key} must be lowercase hex")
    raw = bytes.fromhex(value)
    if length is not None and len(raw) != length:
        raise Malformed(f"{key} must be {length} bytes, found {len(raw)}")
    return raw


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
    """(day, first_seq, last_seq, entry_count, close_time, merkle_root, state_root, prev_block_hash, last_entry_hash)."""
    if len(raw) != 4 + len(BLOCK_VERSION) + 5 * 8 + 4 * 32 or raw[:4] != struct.pack(">I", len(BLOCK_VERSION)) \
            or raw[4:4 + len(BLOCK_VERSION)] != BLOCK_VERSION:
        raise Invalid(f"{key}: not a canonical swansim-block/1 header ({len(raw)} bytes)")
    offset = 4 + len(BLOCK_VERSION)
    numbers = struct.unpack(">QQQQq", raw[offset:offset + 40])
    offset += 40
    digests = [raw[offset + 32 * i: offset + 32 * (i + 1)] for i in range(4)]
    return numbers + tuple(digests)


def verify(proof, head=None):
    if not isinstance(proof, dict) or set(proof) != KEYS:
        raise Malformed("a proof is an object with exactly the keys " + ", ".join(sorted(KEYS)))
    if proof["format"] != "swan-proof/1":
        raise Malformed('format must be "swan-proof/1"')
    for key in ("seq", "day", "leaf_index", "tree_size"):
        if type(proof[key]) is not int or proof[key] < 0:
            raise Malformed(f"{key} must be a non-negative integer")
    if not isinstance(proof["audit_path"], list) or not isinstance(proof["later_headers_hex"], list):
        raise Malformed("audit_path and later_headers_hex must be arrays")
    path = [unhex(node, f"audit_path[{i}]", 32) for i, node in enumerate(proof["audit_path"])]
    later = [unhex(h, f"later_headers_hex[{i}]") for i, h in enumerate(proof["later_headers_hex"])]
    payload = unhex(proof["payload_hex"], "payload_hex")
    prev = unhex(proof["prev_hash"], "prev_hash", 32)
    block = unhex(proof["block_header_hex"], "block_header_hex")
    named_head = unhex(proof["head_block_hash"], "head_block_hash", 32)

    entry = sha256(ENTRY_TAG, prev, payload)
    root = root_from_path(proof["leaf_index"], proof["tree_size"], sha256(b"\x00", entry), path)
    day, first, last, count, _close, merkle, _state, _prev_block, last_entry = header(block, "block_header_hex")
    if day != proof["day"]:
        raise Invalid(f"block_header_hex: the header is of day {day}, the proof of day {proof['day']}")
    if count != proof["tree_size"]:
        raise Invalid(f"tree_size: {proof['tree_size']}, but the block header commits to {count} entries")
    if first + proof["leaf_index"] != proof["seq"] or last != first + count - 1:
        raise Invalid(f"leaf_index: seq {proof['seq']} is not entry {proof['leaf_index']} of seqs {first}..{last}")
    if root != merkle:
        raise Invalid(f"merkle_root: the audit path leads to {root.hex()}, the header commits to {merkle.hex()}")
    if proof["leaf_index"] == count - 1 and last_entry != entry:
        raise Invalid("block_header_hex: the block's last entry hash is not the entry's")
    current, current_day = sha256(block), day
    for i, raw in enumerate(later):
        later_day, *_rest = header(raw, f"later_headers_hex[{i}]")
        if _rest[6] != current:
            raise Invalid(f"later_headers_hex[{i}]: prev_block_hash is not the hash of the header before")
        if later_day != current_day + 1:
            raise Invalid(f"later_headers_hex[{i}]: day {later_day} does not follow day {current_day}")
        current, current_day = sha256(raw), later_day
    if current != named_head:
        raise Invalid(f"head_block_hash: the headers end at {current.hex()}, the proof names {named_head.hex()}")
    if head is not None and head != current.hex():
        raise Invalid(f"--head: the proof's head is {current.hex()}, expected {head}")
    return current.hex()


def main(argv):
    args = argv[1:]
    if not args or args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if args else 2
    head = None
    if "--head" in args:
        at = args.index("--head")
        if at + 1 >= len(args):
            print("--head needs a hash", file=sys.stderr)
            return 2
        head = args[at + 1].lower()
        del args[at:at + 2]
    try:
        with open(args[0], "rb") as f:
            proof = json.loads(f.read())
        result = verify(proof, head)
    except (Malformed, ValueError, UnicodeDecodeError) as error:
        print(f"{args[0]}: malformed: {error}", file=sys.stderr)
        return 2
    except Invalid as error:
        print(f"{args[0]}: invalid: {error}", file=sys.stderr)
        return 3
    print(f"valid: seq {proof['seq']} (block {proof['day']}) is in the ledger with head block {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
