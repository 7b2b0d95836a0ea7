#!/usr/bin/env python3
"""Run a swansim sweep on a Ray cluster (WORKFLOW.md §2): the same result as `swansim sweep`, in shards.

Usage: python3 tools/ray_sweep.py SCENARIO [--set KEY=V1,V2,...]... [--seeds A..B|N] [--out DIR]
                                  [--force] [--quiet] [--shards N] [--check K] [--address ADDR] [--swansim PATH]
Standard library and `ray` only (tools/requirements.txt; `make venv` installs it into .venv/).
`--help` explains every argument, the environment variables and the exit codes.
"""
import argparse, ipaddress, os, shutil, sqlite3, subprocess, sys, tempfile, time

REPO = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
DEFAULT_SWANSIM = os.path.join(REPO, ".build", "release", "swansim")
SWEEP_FILES = ("sweep.sqlite", "runs.csv", "run_days.csv")
CACHE = "ray-shards"                   # inside OUT while the sweep runs; removed after the merge
PROBE_SHARDS = 2**63 - 1               # --shard (N-1)/N with this N owns no run: a validation-only sweep
LOCAL_OBJECT_STORE = 256 * 1024 * 1024
MAX_ATTEMPTS = 2

EXAMPLES = """\
The sweep is split into N shards (run_index mod N); each shard is one Ray task that runs
`swansim sweep SCENARIO ... --shard I/N --quiet --jobs 1` on a worker and sends the shard's
files back. The driver writes each finished shard to OUT/ray-shards/, then merges them with
`swansim sweep-merge` into OUT: sweep.sqlite, runs.csv and run_days.csv, identical to
`swansim sweep` run locally with the same arguments. The swansim binary and the scenario reach
the workers through Ray's runtime_env (working_dir); nothing is installed on worker nodes
except what the binary links against (ldd; the Swift runtime unless it was built with
--static-swift-stdlib). The arguments are checked by the local swansim before Ray starts.

The merge does not take the workers' word for it: `--check K` (default 1) makes
`swansim sweep-merge` execute K runs of every shard again on this machine and compare them,
row and column, with what the worker sent; a difference merges nothing and exits 3, naming
the shard, run and column (WORKFLOW.md §9.4). `--check 0` trusts the workers.

A failed shard (non-zero exit, signal, lost worker) is run once more; a shard that fails
twice fails the sweep, naming the shard and its error. The shards that finished stay in
OUT/ray-shards/, and running the same command again only runs the missing ones.

Examples:
  # a local Ray cluster on this machine's cores, 2 shards per core:
  python3 tools/ray_sweep.py Fixtures/scenarios/baseline.json --set collateral.c_base=2000,3533 --seeds 20
  # an existing cluster that this machine is a node of; here a head on 127.0.0.1 started with
  #   RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0 ray start --head --port=6379 --node-ip-address=127.0.0.1
  python3 tools/ray_sweep.py Fixtures/scenarios/baseline.json --seeds 100 --shards 16 \\
      --address 127.0.0.1:6379 --out runs/baseline-ray

Environment:
  RAY_ADDRESS       the default of --address
  RAY_AUTH_MODE     Ray 2.60's token authentication. A driver given an address turns it on
                    itself (RAY_AUTH_MODE=token) when a token is at hand (RAY_AUTH_TOKEN,
                    RAY_AUTH_TOKEN_PATH or ~/.ray/auth_token) and RAY_AUTH_MODE is unset; a
                    cluster without authentication accepts such a driver too.
  RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER
                    set to 0 (unless already set) for a local cluster or a loopback address,
                    so that Ray binds to 127.0.0.1 only.

Exit codes (as swansim sweep's): 0 every run exited 0; otherwise the highest run exit code
(3 an invariant failed, 1 an expectation failed); 2 invalid arguments, scenario or OUT;
4 a shard failed twice, Ray failed, or an I/O error (finished shards are kept).
"""


class Failure(Exception):
    """An exit code and its message; raw messages (swansim's own) are printed as they are."""
    def __init__(self, code, message, raw=False):
        super().__init__(message)
        self.code, self.raw = code, raw


class Parser(argparse.ArgumentParser):
    def error(self, message):            # one line, exit 2
        raise Failure(2, f"{message} (see --help)")


def parse(argv):
    p = Parser(prog="ray_sweep.py", formatter_class=argparse.RawDescriptionHelpFormatter,
               description="Run a swansim sweep (WORKFLOW.md §1) as shards on a Ray cluster and merge them.",
               epilog=EXAMPLES)
    p.add_argument("scenario", metavar="SCENARIO", help="scenario file (JSON, or YAML with .yaml/.yml)")
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=V1,V2,...",
                   help="a swept parameter and its values (repeatable; each key once), as for swansim sweep")
    p.add_argument("--seeds", metavar="A..B|N", help="seeds A..B inclusive, or N for 0..N-1 (default: the scenario's seed)")
    p.add_argument("--out", metavar="DIR", help="output directory (default: runs/<scenario name>-sweep)")
    p.add_argument("--force", action="store_true", help="replace the sweep files of a DIR that holds a different sweep")
    p.add_argument("--quiet", action="store_true", help="print nothing on success; errors still go to standard error")
    p.add_argument("--shards", type=int, metavar="N",
                   help="number of shards, at most one per run (default: twice the cluster's CPUs)")
    p.add_argument("--check", type=int, metavar="K", default=1,
                   help="runs of each shard the merge executes again locally and compares with the shard's rows "
                        "(swansim sweep-merge --check, WORKFLOW.md §9.4; default 1, 0 trusts the workers)")
    p.add_argument("--address", metavar="ADDR",
                   help="HOST:PORT of a cluster this machine is a node of, or ray://HOST:PORT (needs ray[client]); "
                        "default: RAY_ADDRESS, else a new local cluster")
    p.add_argument("--num-cpus", type=int, metavar="N", help="CPUs of a new local cluster (default: all cores)")
    p.add_argument("--swansim", metavar="PATH", default=DEFAULT_SWANSIM,
                   help="the swansim binary (default: .build/release/swansim of this repository)")
    a = p.parse_args(argv)
    if a.shards is not None and a.shards < 1:
        p.error(f"--shards {a.shards}: must be at least 1")
    if a.check < 0:
        p.error(f"--check {a.check}: must be 0 or more")
    if a.num_cpus is not None and a.num_cpus < 1:
        p.error(f"--num-cpus {a.num_cpus}: must be at least 1")
    if a.address is None:
        a.address = os.environ.get("RAY_ADDRESS") or None
    if a.address is not None:
        check_address(p, a.address)
        if a.num_cpus is not None:
            p.error("--num-cpus: only for a new local cluster, not with --address or RAY_ADDRESS")
    if not (os.path.isfile(a.swansim) and os.access(a.swansim, os.X_OK)):
        p.error(f"--swansim {a.swansim}: not an executable file (build it with `make build`)")
    return a


def check_address(p, address):
    if address in ("auto", "local"):
        return
    rest = address[len("ray://"):] if address.startswith("ray://") else address
    host, sep, port = rest.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        p.error(f"--address {address}: expected HOST:PORT or ray://HOST:PORT")


def is_loopback(address):
    if address is None:
        return True
    host = address[len("ray://"):] if address.startswith("ray://") else address
    host = host.rpartition(":")[0].strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def sweep_args(a):
    out = []
    for s in a.sets:
        out += ["--set", s]
    if a.seeds is not None:
        out += ["--seeds", a.seeds]
    return out


def read_meta(directory):
    """sweep_meta of DIR/sweep.sqlite as a dict, and its runs as {run_index: exit_code}; None if unreadable."""
    path = os.path.join(directory, "sweep.sqlite")
    if not os.path.isfile(path):
        return None
    # immutable: a read-only connection to a WAL database would leave -wal and -shm files in DIR
    # (unless a -wal is already there, which then holds committed rows).
    mode = "mode=ro" if os.path.exists(path + "-wal") else "immutable=1"
    try:
        db = sqlite3.connect(f"file:{path}?{mode}", uri=True)
        try:
            meta = dict(db.execute("SELECT key, value FROM sweep_meta"))
            runs = dict(db.execute("SELECT run_index, exit_code FROM runs"))
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return meta, runs


def same_sweep(meta, other, shard=""):
    keys = ("format", "scenario_sha256", "grid_json", "seeds", "runs")
    return all(meta.get(k) == other.get(k) for k in keys) and other.get("shard") == shard


def probe(a):
    """Checks every argument and run with the local swansim (a sweep shard that owns no run) and
    returns its sweep_meta: scenario name, hash, grid, seeds and the number of runs."""
    with tempfile.TemporaryDirectory(prefix="ray-sweep-probe-") as tmp:
        cmd = [a.swansim, "sweep", a.scenario, *sweep_args(a), "--shard", f"{PROBE_SHARDS - 1}/{PROBE_SHARDS}",
               "--out", os.path.join(tmp, "probe"), "--quiet", "--jobs", "1"]
        try:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        except OSError as e:
            raise Failure(2, f"--swansim {a.swansim}: {e}")
        if proc.returncode == 2:                     # swansim's own located messages, as they are
            raise Failure(2, proc.stderr.rstrip("\n") or "swansim sweep: invalid arguments", raw=True)
        found = read_meta(os.path.join(tmp, "probe")) if proc.returncode == 0 else None
        if found is None:
            raise Failure(4, f"{a.swansim} sweep could not check the arguments (exit {proc.returncode}): "
                             f"{proc.stderr.strip() or 'no sweep.sqlite written'}")
        return found[0]


def check_out(a, meta):
    """Decides what OUT holds: returns (complete, replace). Refuses another sweep without --force."""
    if os.path.exists(a.out) and not os.path.isdir(a.out):
        raise Failure(2, f"--out {a.out}: exists and is not a directory")
    present = [f for f in SWEEP_FILES if os.path.exists(os.path.join(a.out, f))]
    if not present:
        return False, False
    found = read_meta(a.out)
    if found is not None and same_sweep(meta, found[0]):
        complete = len(present) == len(SWEEP_FILES) and len(found[1]) == int(meta["runs"])
        return complete, True
    if not a.force:
        what = (f"sweep {found[0].get('scenario_name')} (grid {found[0].get('grid_json')}, seeds {found[0].get('seeds')})"
                if found else ", ".join(present))
        raise Failure(2, f"--out {a.out}: holds another {what}; use --force to replace it")
    return False, True


class Log:
    def __init__(self, quiet):
        self.quiet = quiet

    def __call__(self, message):
        if not self.quiet:
            print(f"ray_sweep: {message}", file=sys.stderr, flush=True)


def import_ray(a):
    if is_loopback(a.address):
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    if a.address not in (None, "auto") and "RAY_AUTH_MODE" not in os.environ and token_at_hand():
        os.environ["RAY_AUTH_MODE"] = "token"
    try:
        import ray
    except ImportError as e:
        raise Failure(4, f"cannot import ray ({e}): install tools/requirements.txt (make venv; .venv/bin/python)")
    return ray


def token_at_hand():
    if os.environ.get("RAY_AUTH_TOKEN"):
        return True
    path = os.environ.get("RAY_AUTH_TOKEN_PATH") or os.path.join(os.path.expanduser("~"), ".ray", "auth_token")
    return os.path.isfile(path)


def connect(ray, a, working_dir):
    import logging
    level = logging.ERROR if a.quiet else logging.WARNING
    logging.getLogger("ray").setLevel(level)
    # The binary is larger than Ray's 10 MiB "large file" warning; that is expected here.
    logging.getLogger("ray._private.runtime_env.packaging").setLevel(logging.ERROR)
    options = dict(runtime_env={"working_dir": working_dir}, log_to_driver=False, logging_level=level)
    if a.address is None:
        options.update(address="local", include_dashboard=False, object_store_memory=LOCAL_OBJECT_STORE,
                       num_cpus=a.num_cpus or os.cpu_count() or 1)
    else:
        options.update(address=a.address)
    try:
        ray.init(**options)
    except ImportError as e:
        raise Failure(4, f"--address {a.address}: ray:// needs the Ray Client (pip install 'ray[client]==2.60.0'): {e}")
    except Exception as e:
        hint = ""
        if a.address is not None:
            hint = ("; if the cluster uses token authentication, give the driver its token "
                    "(RAY_AUTH_TOKEN or RAY_AUTH_TOKEN_PATH, RAY_AUTH_MODE=token)")
        raise Failure(4, f"cannot start or reach Ray at {a.address or 'a new local cluster'}: "
                         f"{type(e).__name__}: {e}{hint}")


def make_task(ray):
    @ray.remote(num_cpus=1, max_retries=1)
    def run_shard(scenario, args, index, count):
        """On a worker, in the runtime_env working_dir holding `swansim` and the scenario."""
        import os, platform, subprocess, tempfile
        here = os.getcwd()
        with tempfile.TemporaryDirectory(prefix="swansim-shard-") as tmp:
            out = os.path.join(tmp, "shard")
            cmd = [os.path.join(here, "swansim"), "sweep", os.path.join(here, scenario), *args,
                   "--shard", f"{index}/{count}", "--out", out, "--quiet", "--jobs", "1"]
            try:
                proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True)
                code, err = proc.returncode, proc.stderr.decode("utf-8", "replace")
            except OSError as e:
                code, err = 127, f"{cmd[0]}: {e}"
            files = {}
            if code in (0, 1, 3):
                for name in sorted(os.listdir(out)) if os.path.isdir(out) else []:
                    path = os.path.join(out, name)
                    if os.path.isfile(path):
                        with open(path, "rb") as f:
                            files[name] = f.read()
            return {"exit": code, "stderr": err, "files": files, "node": platform.node()}

    return run_shard


def shard_error(result):
    """None when the shard's result is usable, else the reason."""
    code, err = result["exit"], result["stderr"].strip()
    if code < 0:
        why = f"killed by signal {-code}"
    elif code not in (0, 1, 3):
        why = f"exit {code}"
    elif "sweep.sqlite" not in result["files"]:
        why = f"exit {code} but no sweep.sqlite"
    else:
        return None
    return f"{why}: {err}" if err else why


def write_shard(directory, files):
    tmp = directory + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    for name, data in files.items():
        with open(os.path.join(tmp, name), "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    os.replace(tmp, directory)


def tidy_cache(cache, meta, count):
    """Keeps the finished shards of this sweep with this shard count; removes what else ray_sweep left there."""
    done = set()
    for name in sorted(os.listdir(cache)):
        path = os.path.join(cache, name)
        if not name.startswith("shard-"):
            continue
        parts = name.split("-")            # shard-I-of-N[.tmp]
        ok = (len(parts) == 4 and parts[2] == "of" and parts[1].isdigit() and parts[3].isdigit()
              and int(parts[3]) == count)
        found = read_meta(path) if ok else None
        if found is not None and same_sweep(meta, found[0], f"{int(parts[1])}/{count}"):
            done.add(int(parts[1]))
        else:
            shutil.rmtree(path, ignore_errors=True)
    return done


def run(a):
    log = Log(a.quiet)
    meta = probe(a)
    total = int(meta["runs"])
    if a.out is None:
        a.out = os.path.join("runs", f"{meta['scenario_name']}-sweep")
    complete, replace = check_out(a, meta)
    if complete:
        log(f"{a.out} already holds this sweep's {total} runs")
        return summary(a, total, max(read_meta(a.out)[1].values(), default=0))

    ray = import_ray(a)
    staging = tempfile.mkdtemp(prefix="ray-sweep-env-")
    try:
        scenario = "scenario" + (os.path.splitext(a.scenario)[1] or ".json")
        shutil.copyfile(a.scenario, os.path.join(staging, scenario))
        shutil.copy2(a.swansim, os.path.join(staging, "swansim"))
        started = time.monotonic()
        connect(ray, a, staging)
        try:
            cpus = int(ray.cluster_resources().get("CPU", 0))
            if cpus < 1:
                raise Failure(4, f"{a.address or 'the local cluster'} has no CPUs for the shards' tasks")
            count = min(a.shards or 2 * cpus, total)
            cache = os.path.join(a.out, CACHE)
            os.makedirs(cache, exist_ok=True)
            done = tidy_cache(cache, meta, count)
            where = f"Ray at {a.address}" if a.address else "a local Ray cluster"
            kept = f", {len(done)} already finished" if done else ""
            log(f"sweep {meta['scenario_name']}: {total} runs in {count} shards on {where} ({cpus} CPUs{kept})")
            failures = collect(ray, make_task(ray), a, scenario, count, done, cache, log)
        finally:
            ray.shutdown()
    except OSError as e:
        raise Failure(4, f"{e}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if failures:
        kept = len(os.listdir(cache))
        raise Failure(4, "\nray_sweep: ".join(failures) + f"\nray_sweep: {kept} finished shard(s) kept in {cache}; "
                         "run the same command again to run only the others")
    dirs = [os.path.join(cache, f"shard-{i}-of-{count}") for i in range(count)]
    merge = [a.swansim, "sweep-merge", a.out, *dirs, "--quiet", "--check", str(a.check)] + (["--force"] if replace else [])
    proc = subprocess.run(merge, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    merged = read_meta(a.out)
    if proc.returncode == 3 and not (merged and same_sweep(meta, merged[0]) and len(merged[1]) == total):
        # Exit 3 with nothing merged: a shard's re-executed run differs from what the worker sent.
        raise Failure(3, f"{proc.stderr.strip()}\nray_sweep: the shards are kept in {cache}", raw=True)
    if proc.returncode not in (0, 1, 3):
        raise Failure(proc.returncode if proc.returncode in (2, 4) else 4,
                      f"swansim sweep-merge failed (exit {proc.returncode}): {proc.stderr.strip()}; "
                      f"the shards are kept in {cache}")
    shutil.rmtree(cache, ignore_errors=True)
    log(f"merged {count} shards into {a.out} in {time.monotonic() - started:.1f} s")
    return summary(a, total, proc.returncode)


def collect(ray, task, a, scenario, count, done, cache, log):
    args = sweep_args(a)
    attempts, pending, failures = {}, {}, []

    def submit(index):
        attempts[index] = attempts.get(index, 0) + 1
        pending[task.remote(scenario, args, index, count)] = index

    for index in range(count):
        if index not in done:
            submit(index)
    finished = len(done)
    while pending:
        ready, _ = ray.wait(list(pending), num_returns=1)
        index = pending.pop(ready[0])
        name = f"shard {index}/{count}"
        try:
            result = ray.get(ready[0])
            error = shard_error(result)
        except ray.exceptions.RayError as e:
            result, error = None, f"{type(e).__name__}: {e}"
        if error is None:
            write_shard(os.path.join(cache, f"shard-{index}-of-{count}"), result["files"])
            finished += 1
            log(f"{name} done on {result['node']} ({finished} of {count} shards finished)")
        elif attempts[index] < MAX_ATTEMPTS:
            log(f"{name} failed ({error.splitlines()[0] if error else ''}); running it again")
            submit(index)
        else:
            failures.append(f"{name} failed {attempts[index]} times; its last error: {error}")
    return failures


def summary(a, total, code):
    if not a.quiet:
        outputs = "\n              ".join(os.path.join(a.out, f) for f in SWEEP_FILES)
        print(f"runs          {total}\nexit status   {code}\noutputs       {outputs}")
    return code


def main(argv=None):
    try:
        return run(parse(sys.argv[1:] if argv is None else argv))
    except Failure as e:
        print(str(e) if e.raw else f"ray_sweep: {e}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print("ray_sweep: interrupted; finished shards are kept in OUT/ray-shards", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
