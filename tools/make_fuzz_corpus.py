#!/usr/bin/env python3
"""Writes the seed corpus of the scenario-loader fuzz target (make fuzz) from the fixtures.

Usage: python3 tools/make_fuzz_corpus.py   (writes Fixtures/fuzz/scenario-loader/)
Each fixture goes in twice: as its JSON bytes, and rendered as block-style YAML, so that
libFuzzer starts from valid documents of both syntaxes the loader reads. Standard library only.
"""
import json, pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Fixtures" / "fuzz" / "scenario-loader"

def scalar(v):
    if v is None: return "null"
    if v is True: return "true"
    if v is False: return "false"
    if isinstance(v, (int, float)): return json.dumps(v)
    return json.dumps(v, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar

def yaml_lines(v, indent=""):
    if isinstance(v, dict):
        if not v: yield indent + "{}"; return
        for k, x in v.items():
            if isinstance(x, (dict, list)) and x:
                yield f"{indent}{scalar(k)}:"
                yield from yaml_lines(x, indent + "  ")
            else:
                yield f"{indent}{scalar(k)}: " + (("{}" if isinstance(x, dict) else "[]") if isinstance(x, (dict, list)) else scalar(x))
    elif isinstance(v, list):
        if not v: yield indent + "[]"; return
        for x in v:
            if isinstance(x, (dict, list)) and x:
                inner = list(yaml_lines(x, indent + "  "))
                yield indent + "- " + inner[0][len(indent) + 2:]
                yield from inner[1:]
            else:
                yield indent + "- " + (("{}" if isinstance(x, dict) else "[]") if isinstance(x, (dict, list)) else scalar(x))
    else:
        yield indent + scalar(v)

def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*"): old.unlink()
    for fixture in sorted((ROOT / "Fixtures" / "scenarios").glob("*.json")):
        data = fixture.read_bytes()
        (OUT / f"{fixture.stem}.json").write_bytes(data)
        (OUT / f"{fixture.stem}.yaml").write_text("\n".join(yaml_lines(json.loads(data))) + "\n", encoding="utf-8")
    print(f"{len(list(OUT.glob('*')))} seeds in {OUT.relative_to(ROOT)}")

if __name__ == "__main__":
    main()
