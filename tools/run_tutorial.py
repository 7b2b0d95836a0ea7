#!/usr/bin/env python3
"""Run every code block of a Markdown tutorial in order (docs/TUTORIAL.md), as a reader would.

Usage: .venv/bin/python tools/run_tutorial.py [docs/TUTORIAL.md] [--swansim PATH] [--keep] [--show]
Standard library only. Prints one line per block and 'N passed, M failed'; exits 1 when a block fails,
naming its line. Blocks by fence language:
  bash, sh         run with `bash -euo pipefail`
  python           run with this interpreter (the venv's python, with ray, pandas and duckdb)
  text, console    output or a transcript: not run
  anything else    an error (a block is either run or marked as output)
Each block runs in its own process, in one scratch working copy shared by all blocks: Fixtures/
(a copy), tools/ (a link to the repository's), .build/release/swansim (a link to the binary). PATH
starts with the binary's directory and this interpreter's, as after `source .venv/bin/activate`
and `export PATH="$PWD/.build/release:$PATH"`. HOME, TMPDIR and RAY_TMPDIR point into the
scratch copy, RAY_ADDRESS is unset, so that nothing outside it is written and Ray starts locally.
"""
import argparse, os, re, shutil, subprocess, sys, tempfile, time

REPO = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([\w+-]*)[^`]*$")
RUN = {"bash": "bash", "sh": "bash", "python": "python"}
OUTPUT = {"text", "console"}
BLOCK_TIMEOUT = 600


class Block:
    def __init__(self, line, language, code):
        self.line, self.language, self.code = line, language, code

    def __repr__(self):
        return f"Block(line={self.line}, language={self.language!r})"


def blocks(text):
    """The fenced code blocks of a Markdown text, in order; line = the 1-based line of the opening fence."""
    out, current = [], None
    for number, line in enumerate(text.split("\n"), 1):
        if current is None:
            m = FENCE.match(line)
            if m:
                current = (number, len(m.group(1)), m.group(2), m.group(3).lower(), [])
        else:
            start, indent, fence, language, lines = current
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                out.append(Block(start, language, "\n".join(lines) + "\n"))
                current = None
            else:
                lines.append(line[indent:] if line[:indent].strip() == "" else line.lstrip())
    if current is not None:
        raise ValueError(f"line {current[0]}: the code block is never closed")
    return out


def scratch_copy(root, swansim):
    """A working copy in ROOT as a reader has it after `make build venv`."""
    shutil.copytree(os.path.join(REPO, "Fixtures"), os.path.join(root, "Fixtures"))
    os.symlink(os.path.join(REPO, "tools"), os.path.join(root, "tools"))
    os.makedirs(os.path.join(root, ".build", "release"))
    binary = os.path.join(root, ".build", "release", "swansim")
    os.symlink(os.path.abspath(swansim), binary)
    for d in ("home", "tmp"):
        os.makedirs(os.path.join(root, ".scratch", d))
    os.makedirs(os.path.join(root, ".ray-tmp"))      # short: Ray's socket paths must stay under 108 bytes
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAY_", "VIRTUAL_ENV", "PYTHON"))}
    env.update(PATH=os.pathsep.join([os.path.dirname(binary), os.path.dirname(sys.executable), env.get("PATH", "")]),
               VIRTUAL_ENV=sys.prefix, HOME=os.path.join(root, ".scratch", "home"),
               TMPDIR=os.path.join(root, ".scratch", "tmp"), RAY_TMPDIR=os.path.join(root, ".ray-tmp"),
               PYTHONUNBUFFERED="1")
    return env


def run_block(block, root, env, timeout=BLOCK_TIMEOUT):
    """(exit code, combined output, seconds) of one block run in ROOT."""
    if block.language in ("bash", "sh"):
        cmd = ["bash", "-euo", "pipefail", "-c", block.code, f"block-{block.line}"]
    else:
        path = os.path.join(root, ".scratch", f"block-{block.line}.py")
        with open(path, "w") as f:
            f.write(block.code)
        cmd = [sys.executable, path]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()                      # the block's own process; its group follows below
        out, _ = proc.communicate()
        out += f"\n(timed out after {timeout} s)\n".encode()
        code = 124
    try:
        os.killpg(proc.pid, 9)           # whatever the block left running in its own group
    except (ProcessLookupError, PermissionError):
        pass
    return code, out.decode("utf-8", "replace"), time.monotonic() - started


def run(path, swansim, keep=False, show=False, log=print):
    """Runs the tutorial; returns the list of failures (line, message)."""
    with open(path, encoding="utf-8") as f:
        found = blocks(f.read())
    name = os.path.relpath(path, REPO) if os.path.realpath(path).startswith(REPO + os.sep) else path
    root = tempfile.mkdtemp(prefix="tutorial-")
    failures, passed = [], 0
    try:
        env = scratch_copy(root, swansim)
        for block in found:
            where = f"{name}:{block.line}"
            if block.language in OUTPUT:
                continue
            if block.language not in RUN:
                failures.append((block.line, f"{where}: a ```{block.language or '(no language)'} block: "
                                             "fence it as bash, sh or python to run it, or text/console for output"))
                log(f"FAIL {where} ({block.language or 'no language'}): not runnable")
                break
            code, out, seconds = run_block(block, root, env)
            if code == 0:
                passed += 1
                log(f"ok   {where} ({block.language}, {seconds:.1f} s)")
                if show and out:
                    log(out.rstrip("\n"))
            else:
                failures.append((block.line, f"{where}: the {block.language} block exited {code}:\n{out[-4000:]}"))
                log(f"FAIL {where} ({block.language}, exit {code}, {seconds:.1f} s)\n{out[-4000:]}")
                break                    # later blocks build on this one
        log(f"{passed} passed, {len(failures)} failed")
    finally:
        if keep:
            log(f"scratch copy kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return failures


def main():
    p = argparse.ArgumentParser(description="Run every code block of a Markdown tutorial in order.")
    p.add_argument("tutorial", nargs="?", default=os.path.join(REPO, "docs", "TUTORIAL.md"))
    p.add_argument("--swansim", default=os.path.join(REPO, ".build", "release", "swansim"),
                   help="the binary named swansim on PATH (default: .build/release/swansim)")
    p.add_argument("--keep", action="store_true", help="keep the scratch working copy")
    p.add_argument("--show", action="store_true", help="print what each block prints (to update the text blocks)")
    a = p.parse_args()
    return 1 if run(a.tutorial, a.swansim, a.keep, a.show) else 0


if __name__ == "__main__":
    sys.exit(main())
