"""How fast `planck review` is with 2,000 reports: time to the first full screen, and how long
each keypress takes to reach the screen while moving through the reports.

    python benchmarks/tui_bench.py [--places 400] [--moves 200] [--size 120x40]

It writes synthetic reports (PLACES jurisdictions x 5 years, 9 indicators each) and a rule set
covering them into a temporary folder, then runs `python -m planck review` in a pseudo-terminal,
as a user would, and times what it writes: a keypress's latency runs from writing the key to the
last byte of the frame it causes (the screen is taken as settled after QUIET seconds without
output). POSIX only. Aims (2 cores): first full screen under 0.6 s, each keypress under 30 ms.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

YEARS = range(2021, 2026)
INDICATORS = 9
QUIET = 0.25  # seconds without output after which a frame is taken as complete
DOWN, UP, TAB, ENTER, ESC = "\x1b[B", "\x1b[A", "\t", "\r", "\x1b"


def write_inputs(folder: Path, places: int) -> tuple[Path, Path]:
    """A regional rule set covering ``places`` counties, and one report per county and year."""
    lines = [
        "planck: 1",
        "id: bench-region",
        "title: 基准测试区域规划",
        "title_en: Benchmark regional plan",
        "jurisdictions:",
    ]
    lines += [
        f"  p{i:04d}: {{name: 测试县{i:04d}, name_en: Test County {i:04d}}}" for i in range(places)
    ]
    lines += ["period: [2021, 2025]", "binding: true", "rules:"]
    for k in range(INDICATORS):
        lines += [
            f"  - id: ind{k}",
            f"    name: 测试指标{k}号",
            f"    name_en: Test indicator {k}",
            '    unit: "%"',
            "    kind: at_least",
            "    target: 50",
            "    target_year: 2025",
            "    baseline: {year: 2020, value: 10}",
            "    source: {document: 测试规划, issuer: 测试政府, number: 测发〔2022〕1号, "
            "date: 2022-01-01, locator: 表1, quote: 测试}",
        ]
    rules = folder / "rules.yaml"
    rules.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reports = folder / "reports"
    reports.mkdir()
    rnd = random.Random(1)
    for i in range(places):
        for year in YEARS:
            body = [f"jurisdiction: p{i:04d}", f"year: {year}", "indicators:"]
            body += [f"  ind{k}: {rnd.uniform(5, 60):.2f}" for k in range(INDICATORS)]
            (reports / f"p{i:04d}-{year}.yaml").write_text("\n".join(body) + "\n", "utf-8")
    return rules, reports


class Terminal:
    """A child process on a pseudo-terminal, and the times at which it wrote."""

    def __init__(self, argv: list[str], cwd: Path, size: tuple[int, int]) -> None:
        master, slave = pty.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
        env["TERM"] = "xterm-256color"
        # The planck of this checkout, whatever is installed (so two commits can be compared).
        env["PYTHONPATH"] = os.pathsep.join(
            [str(Path(__file__).resolve().parents[1]), env.get("PYTHONPATH", "")]
        ).rstrip(os.pathsep)
        self.started = time.perf_counter()
        # A session of its own with the terminal as its controlling terminal, as in a real
        # terminal window: if this script dies, closing the terminal hangs the app up.
        self.proc = subprocess.Popen(
            argv,
            cwd=cwd,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        self.fd = master
        self.seen = b""

    def read_until_quiet(self, quiet: float = QUIET, limit: float = 60.0) -> float | None:
        """Read output until none has come for ``quiet`` seconds; the time of the last byte."""
        last: float | None = None
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                return last
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                return last
            if not chunk:
                return last
            last = time.perf_counter()
            self.seen += chunk
        return last

    def wait_for(self, marker: bytes, limit: float = 120.0) -> float:
        """Read until ``marker`` has been written; the time it arrived."""
        deadline = time.perf_counter() + limit
        while marker not in self.seen:
            if time.perf_counter() > deadline:
                raise TimeoutError(marker)
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if ready:
                self.seen += os.read(self.fd, 1 << 16)
        return time.perf_counter()

    def press(self, key: str) -> float | None:
        """Latency of one key: from writing it to the last byte of the frame it caused."""
        self.seen = b""
        sent = time.perf_counter()
        os.write(self.fd, key.encode())
        ready, _, _ = select.select([self.fd], [], [], 5.0)  # the first byte may take a while
        if not ready:
            return None
        last = self.read_until_quiet()
        return None if last is None else last - sent

    def close(self) -> None:
        try:
            os.write(self.fd, b"q")
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            os.close(self.fd)


def ms(latency: float | None) -> str:
    return "no output" if latency is None else f"{latency * 1000:.1f} ms"


def summary(name: str, samples: list[float | None]) -> str:
    ms = sorted(s * 1000 for s in samples if s is not None)
    silent = sum(s is None for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    note = f", {silent} without output" if silent else ""
    return (
        f"{name}: {len(samples)} presses, median {statistics.median(ms):.1f} ms, "
        f"p95 {p95:.1f} ms, max {ms[-1]:.1f} ms{note}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--places", type=int, default=400, help="jurisdictions (x5 years)")
    parser.add_argument("--moves", type=int, default=200, help="key presses in the tree")
    parser.add_argument("--size", default="120x40", help="terminal size, e.g. 80x24")
    parser.add_argument(
        "--json", action="store_true", help="print the headline figures as JSON (for run.py)"
    )
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="planck-bench-") as tmp:
        folder = Path(tmp)
        rules, reports = write_inputs(folder, args.places)

        from planck.engine.check import run_check

        t = time.perf_counter()
        run = run_check([str(reports)], [str(rules)])
        engine = time.perf_counter() - t
        say = (lambda *a: None) if args.json else print
        say(
            f"{len(run.reports)} reports, {len(run.all_results())} results, "
            f"{len(run.errors)} input errors; terminal {width}x{height}"
        )
        say(f"engine alone (run_check, in this process): {engine:.3f} s")

        argv = [sys.executable, "-m", "planck", "review", "reports", "--rules", "rules.yaml"]
        term = Terminal(argv, folder, (width, height))
        try:
            figures = measure(term, args.moves, say)
        finally:
            term.close()
        if args.json:
            import json

            n = len(run.reports)
            print(
                json.dumps(
                    {
                        f"review: first full screen, {n:,} reports (s)": figures["first_full"],
                        f"review: tree keypress median, {n:,} reports (s)": figures["tree_median"],
                        f"review: tree keypress p95, {n:,} reports (s)": figures["tree_p95"],
                    }
                )
            )


def measure(term: Terminal, moves: int, say: Callable[..., None] = print) -> dict[str, float]:
    first = term.wait_for("正在读取".encode())
    full_marker = f"测试指标{INDICATORS - 1}号".encode()
    term.wait_for(full_marker)
    full = term.read_until_quiet() or time.perf_counter()
    say(f"start -> first frame (while checking): {first - term.started:.3f} s")
    say(f"start -> first full screen: {full - term.started:.3f} s")

    term.press(TAB)  # to the tree of jurisdictions and years
    tree = [term.press(DOWN) for _ in range(moves)]
    say(summary("tree, each press shows another report", tree))
    term.press(TAB)  # to the rule table
    table = [term.press(key) for key in [DOWN] * 8 + [UP] * 8]
    say(summary("rule table", table))
    for key, name in (
        (ENTER, "Enter (open the drill-down)"),
        (ESC, "Esc (back; a lone Esc is told from a key sequence by waiting)"),
        ("f", "f (problems only)"),
        ("f", "f (all again)"),
        ("l", "l (language)"),
    ):
        say(f"{name}: {ms(term.press(key))}")
    timed = sorted(t for t in tree if t is not None)
    return {
        "first_full": full - term.started,
        "tree_median": statistics.median(timed) if timed else float("nan"),
        "tree_p95": timed[int(0.95 * (len(timed) - 1))] if timed else float("nan"),
    }


if __name__ == "__main__":
    main()
