"""tools/ray_sweep.py against `swansim sweep` (WORKFLOW.md §2): the same files, byte for byte.

Run from the repository root after `make build`: .venv/bin/python -m unittest tools.tests.test_ray_sweep -v
(or `make test`). SWANSIM=PATH tests another binary than .build/release/swansim.

Ray's processes are confined to what the tests start: every Ray step has a timeout, a local cluster
is the driver's own (ray.shutdown() when it ends), a head runs as a child process in its own
process group and is stopped by its process id. HOME and RAY_TMPDIR point into a temporary
directory, so Ray's token (~/.ray/auth_token) and session files stay there.
"""
import os, shutil, signal, socket, sqlite3, subprocess, sys, tempfile, time, unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SWANSIM = os.path.abspath(os.environ.get("SWANSIM") or os.path.join(REPO, ".build", "release", "swansim"))
RAY_SWEEP = os.path.join(REPO, "tools", "ray_sweep.py")
SCENARIO = os.path.join(REPO, "Fixtures", "scenarios", "baseline.json")
SWEEP = [SCENARIO, "--set", "collateral.c_base=2000,3533", "--seeds", "3"]      # 6 runs, exit 1 (pinned expectations)
RAY_STEP_TIMEOUT = 240
CSV_FILES = ("runs.csv", "run_days.csv")


class Child:
    """A process in its own process group; stop() ends it by its id, then what is left of its group."""

    def __init__(self, cmd, env, stdout=subprocess.PIPE, stderr=subprocess.PIPE):
        self.proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdin=subprocess.DEVNULL, stdout=stdout,
                                     stderr=stderr, start_new_session=True)

    def communicate(self, timeout):
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise AssertionError(f"timed out after {timeout} s: {self.proc.args}")
        return self.proc.returncode, out.decode(), err.decode()

    def stop(self, grace=60):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=grace)
        try:                                     # anything of ours still in the group (never another's)
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def ray_env(tmp, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env.update(HOME=os.path.join(tmp, "home"), RAY_TMPDIR=os.path.join(tmp, "ray"),
               RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER="0", RAY_USAGE_STATS_ENABLED="0", PYTHONUNBUFFERED="1")
    os.makedirs(env["HOME"], exist_ok=True)
    os.makedirs(env["RAY_TMPDIR"], exist_ok=True)
    env.update(extra)
    return env


def ray_sweep(args, env, timeout=RAY_STEP_TIMEOUT):
    return Child([sys.executable, RAY_SWEEP, *args], env).communicate(timeout)


def table_rows(path):
    """Every table of a sweep.sqlite as (columns, rows ordered by the primary key, else by every column)."""
    db = sqlite3.connect(f"file:{path}?immutable=1", uri=True)       # leaves no -wal/-shm behind
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {}
        for t in tables:
            info = db.execute(f'PRAGMA table_info("{t}")').fetchall()
            pk = [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5] > 0] or [c[1] for c in info]
            order = ", ".join(f'"{c}"' for c in pk)
            out[t] = ([c[1] for c in info], db.execute(f'SELECT * FROM "{t}" ORDER BY {order}').fetchall())
        return out
    finally:
        db.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_wrapper(path, marker, always):
    """A fake swansim: fails shard 1/3 (first attempt only, unless always), else runs the real one."""
    fail = ("echo 'fake swansim: shard 1/3 fails' >&2; exit 4" if always else
            f"if [ ! -e '{marker}' ]; then : > '{marker}'; echo 'fake swansim: first attempt fails' >&2; exit 4; fi")
    with open(path, "w") as f:
        f.write(f'#!/bin/bash\nfor a in "$@"; do if [ "$a" = 1/3 ]; then {fail}; fi; done\nexec \'{SWANSIM}\' "$@"\n')
    os.chmod(path, 0o755)


def write_forging_wrapper(path, directory):
    """A swansim that runs the real one, then edits what shard 1/3 sends back (a worker not to trust)."""
    forge = os.path.join(directory, "forge.py")
    with open(forge, "w") as f:
        f.write("import sqlite3, sys\n"
                "db = sqlite3.connect(sys.argv[1])\n"
                "db.execute(\"UPDATE runs SET summary_json = replace(summary_json, '\\\"ubi_paid\\\": \\\"', "
                "'\\\"ubi_paid\\\": \\\"9')\")\n"
                "db.commit()\n")
    with open(path, "w") as f:
        f.write(f'#!/bin/bash\n\'{SWANSIM}\' "$@"; status=$?\nprev=; shard=; out=\n'
                'for a in "$@"; do [ "$a" = 1/3 ] && shard=1; [ "$prev" = --out ] && out="$a"; prev="$a"; done\n'
                f'if [ -n "$shard" ] && [ -n "$out" ]; then python3 \'{forge}\' "$out/sweep.sqlite"; fi\n'
                'exit $status\n')
    os.chmod(path, 0o755)


class Reference:
    """The local `swansim sweep` of SWEEP, computed once."""
    tmp = code = None

    @classmethod
    def get(cls):
        if cls.tmp is None:
            cls.tmp = tempfile.TemporaryDirectory(prefix="ray-sweep-ref-")
            out = os.path.join(cls.tmp.name, "local")
            proc = subprocess.run([SWANSIM, "sweep", *SWEEP, "--out", out, "--quiet"], cwd=REPO,
                                  capture_output=True, text=True, timeout=120)
            cls.code, cls.out = proc.returncode, out
            assert cls.code in (0, 1, 3), proc.stderr
        return cls.out, cls.code


def tearDownModule():
    if Reference.tmp is not None:
        Reference.tmp.cleanup()


@unittest.skipUnless(os.access(SWANSIM, os.X_OK), f"{SWANSIM} is not built (make build)")
class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="ray-sweep-test-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def assertSameSweep(self, out, code, expected_code=None):
        ref, ref_code = Reference.get()
        self.assertEqual(code, ref_code if expected_code is None else expected_code)
        self.assertEqual(sorted(os.listdir(out)), ["run_days.csv", "runs.csv", "sweep.sqlite"])
        self.assertEqual(sorted(os.listdir(out)), sorted(os.listdir(ref)))
        for name in CSV_FILES:
            with open(os.path.join(out, name), "rb") as a, open(os.path.join(ref, name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)
        mine, theirs = table_rows(os.path.join(out, "sweep.sqlite")), table_rows(os.path.join(ref, "sweep.sqlite"))
        self.assertEqual(sorted(mine), sorted(theirs))
        self.assertIn("run_days", mine)
        for t in theirs:
            self.assertEqual(mine[t], theirs[t], f"table {t}")


class Arguments(Base):
    """No Ray is started for these."""

    def test_help_teaches_with_an_example(self):
        code, out, err = ray_sweep(["--help"], ray_env(self.tmp), timeout=60)
        self.assertEqual(code, 0, err)
        self.assertIn("Examples:", out)
        self.assertIn("tools/ray_sweep.py Fixtures/scenarios/baseline.json --set collateral.c_base=", out)
        for option in ("--set", "--seeds", "--out", "--force", "--quiet", "--shards", "--check", "--address", "--swansim"):
            self.assertIn(option, out)

    def test_argument_errors_exit_2_with_one_message_and_write_nothing(self):
        out = os.path.join(self.tmp, "out")
        cases = [(["--shards", "0"], "--shards 0"),
                 (["--check", "-1"], "--check -1"),
                 (["--address", "nohost"], "--address nohost"),
                 (["--swansim", os.path.join(self.tmp, "missing")], "--swansim"),
                 (["--set", "collateral.c_base=abc"], 'value "abc"'),       # swansim's own message
                 (["--set", "collateral.nope=1"], "collateral.nope"),
                 (["--seeds", "5..2"], "--seeds 5..2")]
        for extra, needle in cases:
            with self.subTest(extra=extra):
                code, stdout, err = ray_sweep([SCENARIO, *extra, "--out", out], ray_env(self.tmp), timeout=60)
                self.assertEqual(code, 2, err)
                self.assertEqual(len(err.strip().splitlines()), 1, err)
                self.assertIn(needle, err)
                self.assertEqual(stdout, "")
                self.assertFalse(os.path.exists(out))

    def test_another_sweep_in_out_is_refused_without_force(self):
        out = os.path.join(self.tmp, "out")
        subprocess.run([SWANSIM, "sweep", SCENARIO, "--seeds", "2", "--out", out, "--quiet"], timeout=120)
        before = {f: os.path.getmtime(os.path.join(out, f)) for f in os.listdir(out)}
        code, _, err = ray_sweep([*SWEEP, "--out", out], ray_env(self.tmp), timeout=60)
        self.assertEqual(code, 2, err)
        self.assertIn("--force", err)
        self.assertEqual(before, {f: os.path.getmtime(os.path.join(out, f)) for f in os.listdir(out)})


class LocalCluster(Base):
    def test_local_cluster_equals_local_sweep(self):
        out = os.path.join(self.tmp, "sweep")
        code, stdout, err = ray_sweep([*SWEEP, "--shards", "3", "--num-cpus", "2", "--out", out], ray_env(self.tmp))
        self.assertIn("6 runs in 3 shards on a local Ray cluster", err)
        self.assertIn(f"exit status   {code}", stdout)
        self.assertSameSweep(out, code)


class HeadCluster(Base):
    """One head on 127.0.0.1 (ray start --head --block as a child process) for the tests of this class.

    HOME holds a token (~/.ray/auth_token), so the head turns token authentication on by itself
    (Ray 2.60), and the driver, given --address, must find the token: RAY_AUTH_MODE is left unset in both."""

    @classmethod
    def setUpClass(cls):
        if not os.access(SWANSIM, os.X_OK):
            raise unittest.SkipTest(f"{SWANSIM} is not built")
        cls.home = tempfile.mkdtemp(prefix="ray-sweep-head-")
        cls.env = ray_env(cls.home)
        os.makedirs(os.path.join(cls.env["HOME"], ".ray"))
        with open(os.path.join(cls.env["HOME"], ".ray", "auth_token"), "w") as f:
            f.write(os.urandom(32).hex())
        cls.address = f"127.0.0.1:{free_port()}"
        ray_cli = os.path.join(os.path.dirname(sys.executable), "ray")
        cls.log_path = os.path.join(cls.home, "head.log")
        cls.log = open(cls.log_path, "wb")
        cls.head = Child([ray_cli, "start", "--head", "--block", f"--port={cls.address.split(':')[1]}",
                          "--node-ip-address=127.0.0.1", "--num-cpus=2", "--object-store-memory=100000000",
                          "--include-dashboard=false", "--disable-usage-stats"],
                         cls.env, stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + RAY_STEP_TIMEOUT
        while True:
            with open(cls.log_path, "rb") as f:
                text = f.read().decode(errors="replace")
            if "Ray runtime started" in text:
                break
            if cls.head.proc.poll() is not None or time.monotonic() > deadline:
                cls.tearDownClass()
                raise AssertionError(f"ray start --head did not start:\n{text[-3000:]}")
            time.sleep(0.5)

    @classmethod
    def tearDownClass(cls):
        cls.head.stop()
        cls.log.close()
        shutil.rmtree(cls.home, ignore_errors=True)

    def test_head_on_loopback_equals_local_sweep(self):
        out = os.path.join(self.tmp, "sweep")
        self.assertNotIn("RAY_AUTH_MODE", self.env)
        with open(self.log_path, "rb") as f:
            self.assertIn(b"Token authentication is enabled", f.read())
        code, stdout, err = ray_sweep([*SWEEP, "--shards", "3", "--address", self.address, "--out", out], self.env)
        self.assertIn(f"6 runs in 3 shards on Ray at {self.address} (2 CPUs)", err)
        self.assertSameSweep(out, code)

    def test_a_shard_failing_once_is_run_again(self):
        wrapper, out = os.path.join(self.tmp, "swansim-once"), os.path.join(self.tmp, "sweep")
        write_wrapper(wrapper, os.path.join(self.tmp, "failed-once"), always=False)
        code, _, err = ray_sweep([*SWEEP, "--shards", "3", "--address", self.address, "--swansim", wrapper,
                                  "--out", out], self.env)
        self.assertIn("shard 1/3 failed (exit 4: fake swansim: first attempt fails); running it again", err)
        self.assertTrue(os.path.exists(os.path.join(self.tmp, "failed-once")))
        self.assertSameSweep(out, code)

    def test_a_shard_failing_twice_fails_the_sweep_and_keeps_the_others(self):
        wrapper, out = os.path.join(self.tmp, "swansim-always"), os.path.join(self.tmp, "sweep")
        write_wrapper(wrapper, None, always=True)
        args = [*SWEEP, "--shards", "3", "--address", self.address, "--out", out]
        code, stdout, err = ray_sweep([*args, "--swansim", wrapper], self.env)
        self.assertEqual(code, 4, err)
        self.assertIn("shard 1/3 failed 2 times; its last error: exit 4: fake swansim: shard 1/3 fails", err)
        self.assertEqual(stdout, "")
        kept = os.path.join(out, "ray-shards")
        self.assertEqual(sorted(os.listdir(kept)), ["shard-0-of-3", "shard-2-of-3"])
        self.assertFalse(os.path.exists(os.path.join(out, "sweep.sqlite")))
        # The same command with a working swansim runs only the missing shard.
        code, _, err = ray_sweep(args, self.env)
        self.assertIn("(2 CPUs, 2 already finished)", err)
        self.assertIn("shard 1/3 done", err)
        self.assertNotIn("shard 0/3 done", err)
        self.assertFalse(os.path.exists(kept))
        self.assertSameSweep(out, code)

    def test_a_shard_edited_on_its_worker_is_caught_by_the_merge_check(self):
        wrapper, out = os.path.join(self.tmp, "swansim-forging"), os.path.join(self.tmp, "sweep")
        write_forging_wrapper(wrapper, self.tmp)
        code, stdout, err = ray_sweep([*SWEEP, "--shards", "3", "--address", self.address, "--swansim", wrapper,
                                       "--check", "2", "--out", out], self.env)
        self.assertEqual(code, 3, err)
        self.assertIn("differs from its re-execution at runs.summary_json", err)
        self.assertEqual(stdout, "")
        self.assertFalse(os.path.exists(os.path.join(out, "sweep.sqlite")), "nothing merged")
        self.assertEqual(sorted(os.listdir(os.path.join(out, "ray-shards"))),
                         ["shard-0-of-3", "shard-1-of-3", "shard-2-of-3"])


if __name__ == "__main__":
    unittest.main()
