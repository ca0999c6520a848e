"""planck's benchmark suite: whole-process timings and peak memory on synthetic report sets.

    python benchmarks/run.py                       # the full table (takes a few minutes)
    python benchmarks/run.py --quick               # 1, 100 and 2,000 YAML reports only
    python benchmarks/run.py --runs 7 --sizes 1 2000

Every figure is a whole process (`python -m planck ...`, start-up included): the median wall time
of --runs runs and the largest peak resident memory among them: "peak MiB" is the largest single
process (ru_maxrss read with wait4 through a small forked launcher, so this script's memory is
not counted; with worker processes, the largest of planck and its workers), "all MiB" the
memory of planck and its workers together, sampled every 20 ms as the sum of their proportional
set sizes (a page shared by n processes counts 1/n in each; where Linux does not give it, the
resident sizes, which count shared pages once per process).
Synthetic reports are generated once into benchmarks/_data/ (ignored by git) and reused; they
are deterministic, so two commits are measured on the same inputs. To compare commits:

    git stash; python benchmarks/run.py > before.txt; git stash pop
    python benchmarks/run.py > after.txt; diff before.txt after.txt

It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "_data"
YEARS = (2021, 2022, 2023, 2024, 2025)

RULES_HEAD = """planck: 1
id: bench-plan
title: 基准测试规划
title_en: Benchmark plan
period: [2021, 2025]
binding: true
source: {document: 基准规划, issuer: planck, number: null, date: 2026-01-01, locator: 表1, quote: 基准}
rules:
  - {id: rd_intensity, name: 研发投入强度, name_en: R&D intensity, unit: "%", kind: at_least, target: 2, target_year: 2025, baseline: {year: 2020, value: 1.2}}
  - {id: fiscal_st_spending, name: 财政科技支出, name_en: Fiscal S&T spending, unit: 万元, kind: non_decreasing}
  - {id: high_tech_firms, name: 高新技术企业数, name_en: High-tech firms, unit: 家, kind: at_least, target: 150, target_year: 2025}
  - {id: tech_contract_value, name: 技术合同成交额, name_en: Technology contracts, unit: 亿元, kind: at_least, target: 15, target_year: 2025}
  - {id: patents_per_10k, name: 每万人发明专利拥有量, name_en: Patents per 10k, unit: 件/万人, kind: at_least, target: 4, target_year: 2025}
  - {id: key_labs, name: 重点实验室, name_en: Key labs, unit: 个, kind: qualitative}
jurisdictions:
"""

# Launch the measured process from a tiny forked parent so that its ru_maxrss is its own.
# wait4's ru_maxrss is that of the largest single process (planck or one of the workers it
# waited for); the launcher also samples the resident memory of planck and its workers
# together every 20 ms (/proc), which counts pages they share once per process: an upper bound.
_LAUNCH = """
import os, sys, time
page = os.sysconf("SC_PAGE_SIZE")
def rss(pid):
    # The proportional set size: a page shared by n processes (forked workers share most of
    # the parent's) counts 1/n in each, so the sum over the tree is the memory it really uses.
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * page
    except OSError:
        return 0
def tree(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            kids = [int(k) for k in f.read().split()]
    except OSError:
        kids = []
    return rss(pid) + sum(rss(k) for k in kids)
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
total = 0
while True:
    done, status, usage = os.wait4(pid, os.WNOHANG)
    if done:
        break
    total = max(total, tree(pid))
    time.sleep(0.02)
print(os.waitstatus_to_exitcode(status), time.perf_counter() - start, usage.ru_maxrss, total // 1024)
"""


def report_rows(n: int) -> list[tuple[str, int, dict[str, object]]]:
    """n (jurisdiction, year, indicators) triples: districts of five years each."""
    rng = random.Random(20251121 + n)
    rows = []
    for k in range(n):
        place, index = divmod(k, len(YEARS))
        year = YEARS[index]
        spend = 1000 + 60 * index + rng.randint(-80, 80)
        rows.append(
            (
                f"d{place:05d}",
                year,
                {
                    "rd_intensity": round(1.2 + 0.15 * (index + 1) * rng.random(), 2),
                    "fiscal_st_spending": {"value": spend, "previous": spend - rng.randint(-30, 60)},
                    "high_tech_firms": 80 + 14 * index + rng.randint(0, 10),
                    "tech_contract_value": f"{rng.randint(3000, 90000)}万元",
                    "patents_per_10k": round(2 + 0.45 * index + rng.random(), 1),
                    "key_labs": rng.randint(3, 9),
                },
            )
        )
    return rows


def write_rules(folder: Path, n: int) -> Path:
    places = max(1, -(-n // len(YEARS)))
    path = folder / "rules.yaml"
    path.write_text(
        RULES_HEAD
        + "".join(f"  d{i:05d}: {{name: 区{i:05d}, name_en: District {i}}}\n" for i in range(places)),
        encoding="utf-8",
    )
    return path


def generate(kind: str, n: int) -> tuple[Path, Path]:
    """Reports of one format; returns (rules file, reports path)."""
    folder = DATA / f"{kind}-{n}"
    reports = folder / "reports"
    if (folder / ".done").exists():
        return folder / "rules.yaml", reports
    reports.mkdir(parents=True, exist_ok=True)
    rules = write_rules(folder, n)
    rows = report_rows(n)
    if kind == "yaml":
        for place, year, values in rows:
            lines = [f"jurisdiction: {place}", f"year: {year}", "indicators:"]
            for key, value in values.items():
                if isinstance(value, dict):
                    lines.append(f"  {key}: {{value: {value['value']}, previous: {value['previous']}}}")
                elif isinstance(value, str):
                    lines.append(f'  {key}: "{value}"')
                else:
                    lines.append(f"  {key}: {value}")
            (reports / f"{place}-{year}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif kind == "json":
        for place, year, values in rows:
            doc = {"jurisdiction": place, "year": year, "indicators": values}
            (reports / f"{place}-{year}.json").write_text(
                json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
    else:
        table = [["jurisdiction", "year", "indicator", "value", "previous"]]
        for place, year, values in rows:
            for key, value in values.items():
                if isinstance(value, dict):
                    table.append([place, year, key, value["value"], value["previous"]])
                else:
                    table.append([place, year, key, value, None])
        if kind == "csv":
            import csv

            with open(reports / "reports.csv", "w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows([["" if c is None else c for c in row] for row in table])
        else:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("reports")
            for row in table:
                sheet.append(row)
            book.save(reports / "reports.xlsx")
    (folder / ".done").write_text("", encoding="utf-8")
    return rules, reports


def measure(args: list[str], runs: int) -> tuple[float, float, float]:
    """Median wall seconds, peak MiB of the largest process, and peak MiB of all of them
    together (sampled), of `python -m planck ARGS`."""
    walls, peaks, totals = [], [], []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-c", _LAUNCH, "-m", "planck", *args],
            capture_output=True, text=True, cwd=ROOT, check=True,
        )
        code, wall, rss, total = proc.stdout.split()
        if int(code) not in (0, 1):
            raise SystemExit(f"planck {' '.join(args)} exited {code}")
        walls.append(float(wall))
        peaks.append(int(rss) / 1024)
        totals.append(max(int(rss), int(total)) / 1024)
    return statistics.median(walls), max(peaks), max(totals)


def same_output(rules: Path, reports: Path) -> bool:
    """Whether `--jobs 1` and the default (one worker per core) write the same bytes."""
    outputs = []
    for jobs in ("1", str(os.cpu_count() or 2)):
        out = DATA / f"same-{jobs}.json"
        subprocess.run(
            [sys.executable, "-m", "planck", "check", "--format", "json", "--jobs", jobs,
             "--output", str(out), "--rules", str(rules), str(reports)],
            cwd=ROOT, capture_output=True, check=False,
        )
        outputs.append(out.read_bytes())
        out.unlink()
    return outputs[0] == outputs[1]


def tui_figures() -> list[tuple[str, float]]:
    """First full screen and keypress latency with 2,000 reports, from benchmarks/tui_bench.py."""
    script = HERE / "tui_bench.py"
    if not script.exists():
        return []
    proc = subprocess.run(
        [sys.executable, str(script), "--json"],
        capture_output=True, text=True, cwd=ROOT,
    )
    if proc.returncode != 0:
        print(f"tui_bench failed: {proc.stderr[-400:]}", file=sys.stderr)
        return []
    return [(name, value) for name, value in json.loads(proc.stdout).items()]


def main() -> None:
    parser = argparse.ArgumentParser(description="planck benchmark suite")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 2000, 20000])
    parser.add_argument("--formats", nargs="+", default=["yaml", "json", "csv", "xlsx"])
    parser.add_argument("--quick", action="store_true", help="YAML at 1, 100 and 2,000 only")
    options = parser.parse_args()
    if options.quick:
        options.sizes, options.formats = [1, 100, 2000], ["yaml"]

    print(f"# planck benchmark — {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}, {time.strftime('%Y-%m-%d')}")
    print(f"| {'what':<50} | {'median s':>9} | {'peak MiB':>9} | {'all MiB':>8} |")
    print(f"|{'-' * 52}|{'-' * 11}|{'-' * 11}|{'-' * 10}|")

    def row(what: str, wall: float, peak: float | None = None, total: float | None = None) -> None:
        cells = [f"{v:>9.1f}" if v is not None else " " * 9 for v in (peak,)]
        cells.append(f"{total:>8.1f}" if total is not None else " " * 8)
        print(f"| {what:<50} | {wall:>9.3f} | {cells[0]} | {cells[1]} |")

    # Bytecode for the checkout's planck, as `pip install` writes it: where it is missing and
    # cannot be written (PYTHONDONTWRITEBYTECODE, a read-only tree) every run would compile
    # planck's sources first, about 25 ms more for one report.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "planck")],
        env=env, check=False, stdout=subprocess.DEVNULL,
    )
    # (older commits, measured with this script to compare, have no --jobs)
    help_text = subprocess.run(
        [sys.executable, "-m", "planck", "check", "--help"], capture_output=True, text=True, cwd=ROOT
    ).stdout
    has_jobs = "--jobs" in help_text
    for fmt in options.formats:
        for n in sorted(options.sizes):
            if fmt == "xlsx" and n > 2000:
                continue  # building a 120,000-row workbook with openpyxl takes minutes
            rules, reports = generate(fmt, n)
            runs = options.runs if n <= 2000 else max(1, options.runs // 2)
            base = ["check", "--format", "json", "--rules", str(rules), str(reports)]
            row(f"check --format json, {n:,} {fmt} reports", *measure(base, runs))
            if fmt == "yaml" and n >= 2000 and has_jobs:
                row("  the same, --jobs 1", *measure([*base[:3], "--jobs", "1", *base[3:]], runs))
    if 2000 in options.sizes and "yaml" in options.formats:
        rules, reports = generate("yaml", 2000)
        if has_jobs:
            print(f"same output with --jobs 1 and one worker per core: {same_output(rules, reports)}")
        out = DATA / "report-2000.html"
        wall, peak, total = measure(
            ["report", "--html", str(out), "--rules", str(rules), str(reports)], max(1, options.runs // 2)
        )
        row("report --html, 2,000 yaml reports", wall, peak, total)
        for name, value in tui_figures():
            row(name, value)


if __name__ == "__main__":
    main()
