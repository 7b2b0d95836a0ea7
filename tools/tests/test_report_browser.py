"""Renders swansim's HTML reports in headless Chromium and checks that they are self-contained.

For a run report (`swansim run Fixtures/scenarios/baseline.json`, then `swansim report`) and a
sweep report (`swansim sweep ...`, skipped while the binary has no `sweep` command), the page is
served from a local server that records every request and sends the page's own
Content-Security-Policy. `chromium-headless-shell` takes a screenshot with logging on. The test
asserts that the screenshot is a real picture, that the server saw exactly one request (the page:
no script, style, font, image or favicon was fetched), and that the browser logged no console
message (a CSP violation or an error would be one).

Standard library only. Run from the repository root after `swift build -c release --product swansim`:

    python -m unittest discover -s tools/tests

Screenshots go to $SWANSIM_TEST_OUT (else a temporary directory) and their paths are printed.
"""

import http.server
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import unittest
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SWANSIM = Path(os.environ.get("SWANSIM_BIN", REPOSITORY / ".build" / "release" / "swansim"))
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
BROWSER_CANDIDATES = ["chromium-headless-shell", "/usr/lib/chromium/headless_shell",
                      "/usr/lib/chromium/chromium-headless-shell", "headless_shell"]
STEP_TIMEOUT_S = 120
SWEEP_TIMEOUT_S = 900
BROWSER_TIMEOUT_S = 90


def find_browser():
    """The headless shell's path, or None."""
    for candidate in BROWSER_CANDIDATES:
        found = shutil.which(candidate) if "/" not in candidate else (candidate if os.access(candidate, os.X_OK) else None)
        if found:
            return found
    return None


def output_directory():
    """$SWANSIM_TEST_OUT, else a fresh temporary directory."""
    configured = os.environ.get("SWANSIM_TEST_OUT")
    if configured:
        path = Path(configured) / "report-browser"
        path.mkdir(parents=True, exist_ok=True)
        return path
    return Path(tempfile.mkdtemp(prefix="swansim-report-browser-"))


def swansim(*arguments, timeout=STEP_TIMEOUT_S):
    """Runs the binary from the repository root; returns the CompletedProcess."""
    return subprocess.run([str(SWANSIM), *map(str, arguments)], cwd=REPOSITORY, capture_output=True, text=True,
                          timeout=timeout, check=False)


class PageServer:
    """Serves one file at /report.html on 127.0.0.1 (a free port) and records every request path."""

    def __init__(self, page):
        self.requests = []
        body = Path(page).read_bytes()
        requests = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the http.server API)
                requests.append(self.path)
                if self.path != "/report.html":
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Security-Policy", CSP)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args):  # noqa: A002 (the http.server API)
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/report.html"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def png_size(path):
    """(width, height) from a PNG's IHDR chunk."""
    data = Path(path).read_bytes()[:24]
    if len(data) < 24 or data[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{path} is not a PNG")
    return struct.unpack(">II", data[16:24])


class ReportBrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not SWANSIM.is_file():
            raise unittest.SkipTest(f"{SWANSIM} is not built (swift build -c release --product swansim)")
        cls.browser = find_browser()
        if cls.browser is None:
            raise unittest.SkipTest("chromium-headless-shell is not installed (apt-get install chromium-headless-shell)")
        cls.out = output_directory()
        cls.work = Path(tempfile.mkdtemp(prefix="swansim-report-work-"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def render(self, page, name):
        """Serves `page`, screenshots it, and checks requests, log and picture; returns the PNG path."""
        screenshot = self.out / f"{name}.png"
        log = self.out / f"{name}.browser.log"
        if screenshot.exists():
            screenshot.unlink()
        profile = tempfile.mkdtemp(prefix="swansim-chromium-", dir=self.work)
        with PageServer(page) as server:
            command = [self.browser, "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                       "--disable-extensions", "--disable-background-networking", f"--user-data-dir={profile}",
                       f"--screenshot={screenshot}", "--window-size=1280,4000", "--enable-logging=stderr", "--v=1",
                       server.url]
            result = subprocess.run(command, capture_output=True, text=True, timeout=BROWSER_TIMEOUT_S, check=False)
            requests = list(server.requests)
        log.write_text(result.stdout + result.stderr)
        print(f"\n{name}: screenshot {screenshot} (browser log {log})", file=sys.stderr)
        self.assertEqual(result.returncode, 0, f"{self.browser} exited {result.returncode}; see {log}")
        self.assertTrue(screenshot.is_file(), f"no screenshot; see {log}")
        self.assertEqual(requests, ["/report.html"], "the page made requests beyond itself")
        console = [line for line in (result.stdout + result.stderr).splitlines() if ":CONSOLE" in line]
        self.assertEqual(console, [], f"console messages (CSP violations or errors); see {log}")
        for marker in ("Content Security Policy", "Refused to"):
            self.assertNotIn(marker, result.stderr, f"see {log}")
        self.assertEqual(png_size(screenshot), (1280, 4000))
        self.assertGreater(screenshot.stat().st_size, 60_000, "the screenshot is nearly blank")
        return screenshot

    def check_page(self, page, kind):
        html = Path(page).read_text(encoding="utf-8")
        self.assertIn(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">', html)
        self.assertIn('<link rel="icon" href="data:,">', html)
        self.assertIn('<script type="application/json" id="swansim-data">', html)
        self.assertNotIn("http://", html)
        self.assertNotIn("https://", html)
        self.assertIn(f'"kind":"{kind}"', html)

    def test_run_report(self):
        run = self.work / "baseline"
        result = swansim("run", "Fixtures/scenarios/baseline.json", "--out", run, "--quiet")
        self.assertEqual(result.returncode, 0, result.stderr)
        result = swansim("report", run)
        self.assertEqual(result.returncode, 0, result.stderr)
        page = run / "report.html"
        self.check_page(page, "run")
        shutil.copy(page, self.out / "run-report.html")
        self.render(page, "run-report")

    def test_sweep_report(self):
        help_text = swansim("sweep", "--help")
        # An unknown subcommand makes the root print its own help (exit 0), so look for sweep's usage line.
        if help_text.returncode != 0 or "USAGE: swansim sweep" not in help_text.stdout:
            self.skipTest("this swansim has no sweep command yet (swansim sweep --help shows no sweep usage): "
                          "the sweep report is not rendered")
        sweep = self.work / "sweep"
        result = swansim("sweep", "Fixtures/scenarios/baseline.json", "--set", "collateral.c_base=2000,3533",
                         "--seeds", "3", "--out", sweep, "--quiet", timeout=SWEEP_TIMEOUT_S)
        # Exit 1 is expected: baseline.json's expectations are pinned for its own seed and c_base.
        self.assertIn(result.returncode, (0, 1), result.stderr)
        self.assertTrue((sweep / "sweep.sqlite").is_file())
        result = swansim("report", sweep)
        self.assertEqual(result.returncode, 0, result.stderr)
        page = sweep / "report.html"
        self.check_page(page, "sweep")
        shutil.copy(page, self.out / "sweep-report.html")
        self.render(page, "sweep-report")


if __name__ == "__main__":
    unittest.main()
