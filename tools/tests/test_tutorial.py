"""docs/TUTORIAL.md runs block by block (tools/run_tutorial.py), and the runner names a failing block's line.

Run from the repository root after `make build venv`: .venv/bin/python -m unittest discover -s tools/tests -v
(or `make test`). SWANSIM=PATH runs the tutorial with another binary than .build/release/swansim.
"""
import os, subprocess, sys, tempfile, unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tools"))
import run_tutorial  # noqa: E402

SWANSIM = os.path.abspath(os.environ.get("SWANSIM") or os.path.join(REPO, ".build", "release", "swansim"))
TUTORIAL = os.path.join(REPO, "docs", "TUTORIAL.md")

SAMPLE = """# Sample

```bash
echo one
```

```text
one
```

1. A list item with an indented block:

   ```python
   print("two")
   ```

```console
$ not run
```

```sh
echo three; false
echo never
```
"""


def quiet(_):
    pass


class Parsing(unittest.TestCase):
    def test_blocks_in_order_with_their_opening_line(self):
        found = run_tutorial.blocks(SAMPLE)
        self.assertEqual([(b.line, b.language) for b in found],
                         [(3, "bash"), (7, "text"), (13, "python"), (17, "console"), (21, "sh")])
        self.assertEqual(found[2].code, 'print("two")\n')
        self.assertEqual(found[4].code, "echo three; false\necho never\n")

    def test_an_unclosed_block_is_an_error(self):
        with self.assertRaisesRegex(ValueError, "line 2"):
            run_tutorial.blocks("text\n```bash\necho\n")

    def test_the_tutorial_marks_every_block(self):
        with open(TUTORIAL, encoding="utf-8") as f:
            found = run_tutorial.blocks(f.read())
        self.assertGreater(len(found), 10)
        for b in found:
            self.assertIn(b.language, set(run_tutorial.RUN) | run_tutorial.OUTPUT, f"line {b.line}")


@unittest.skipUnless(os.access(SWANSIM, os.X_OK), f"{SWANSIM} is not built (make build)")
class Running(unittest.TestCase):
    def sample(self, text):
        fd, path = tempfile.mkstemp(suffix=".md")
        with os.fdopen(fd, "w") as f:
            f.write(text)
        self.addCleanup(os.remove, path)
        return path

    def test_a_failing_block_is_named_by_its_line_and_stops_the_run(self):
        path = self.sample(SAMPLE)
        lines = []
        failures = run_tutorial.run(path, SWANSIM, log=lines.append)
        self.assertEqual([line for line, _ in failures], [21])
        self.assertIn(f"{path}:21: the sh block exited 1", failures[0][1])
        self.assertEqual(lines[-1], "2 passed, 1 failed")
        self.assertNotIn("never", "\n".join(lines))

    def test_blocks_share_the_scratch_copy_and_see_the_tools(self):
        path = self.sample("```bash\nswansim --version > v.txt\ntest -f Fixtures/scenarios/baseline.json\n"
                           "test -f tools/ray_sweep.py\n```\n\n```python\nprint(open('v.txt').read())\n"
                           "import os; assert os.environ['HOME'].endswith('home')\n```\n")
        self.assertEqual(run_tutorial.run(path, SWANSIM, log=quiet), [])

    def test_a_block_of_another_language_fails(self):
        failures = run_tutorial.run(self.sample("```json\n{}\n```\n"), SWANSIM, log=quiet)
        self.assertEqual([line for line, _ in failures], [1])
        self.assertIn("fence it as bash, sh or python", failures[0][1])

    def test_the_tutorial_runs(self):
        usage = subprocess.run([SWANSIM, "report", "--help"], capture_output=True, text=True, timeout=60).stdout
        if "USAGE: swansim report" not in usage:
            self.skipTest(f"{SWANSIM} has no `report` command yet (WORKFLOW.md §3); the tutorial uses it")
        lines = []
        failures = run_tutorial.run(TUTORIAL, SWANSIM, log=lines.append)
        self.assertEqual(failures, [], "\n".join(lines))


if __name__ == "__main__":
    unittest.main()
