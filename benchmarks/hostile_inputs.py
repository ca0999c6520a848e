"""Time and peak memory of `planck check` on every case of the hostile-input corpus, and on the
largest inputs the default size limit lets through.

    python benchmarks/hostile_inputs.py            # the corpus (tests/data/hostile/cases.yaml)
    python benchmarks/hostile_inputs.py --limits   # plus inputs just under --max-file-size

Each case runs in its own process (`python -m planck ... --format json`); the peak resident
memory is that process's (wait4 rusage). Generated inputs go to benchmarks/_data/ (ignored
by git). Numbers depend on the machine: this prints them, it asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "benchmarks" / "_data"
LIMIT = 16 * 1024 * 1024


# Started through a small forked launcher, so that the measured process's peak memory does not
# include this (larger) process's, which a spawned child's ru_maxrss would inherit.
_LAUNCH = """
import os, sys
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.execv(sys.executable, [sys.executable, "-m", "planck", *sys.argv[1:]])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def run(args: list[str]) -> tuple[int, float, float]:
    """(exit code, seconds, peak RSS in MiB) of one planck process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCH, *args, "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    code, rss_kib = done.stdout.split()
    return int(code), elapsed, int(rss_kib) / 1024


def corpus_cases() -> list[tuple[str, list[str]]]:
    import yaml

    from tests.acceptance.test_hostile import HOSTILE, _case_id, _generate

    DATA.mkdir(parents=True, exist_ok=True)
    cases = []
    for case in yaml.safe_load((HOSTILE / "cases.yaml").read_text("utf-8")):
        if "file" in case:
            target = str((HOSTILE / case["file"]).relative_to(ROOT))
        else:
            target = str(_generate(case["generate"], DATA))
        cases.append(
            (_case_id(case), [*case.get("command", ["check"]), target, *case.get("args", [])])
        )
    return cases


def limit_cases() -> list[tuple[str, list[str]]]:
    """Inputs just under the default limit: what a hostile sender can make planck read."""
    DATA.mkdir(parents=True, exist_ok=True)
    cases = []
    yaml_path = DATA / "max-indicators.yaml"
    if not yaml_path.exists():
        with open(yaml_path, "w", encoding="utf-8") as out:
            out.write("jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensity: 1.62\n")
            i = 0
            while out.tell() < LIMIT - 100:
                out.write(f"  unknown_{i}: {i}\n")
                i += 1
    cases.append(("YAML, 16 MiB of unknown indicators", ["check", str(yaml_path)]))
    note_path = DATA / "max-note.yaml"
    if not note_path.exists():
        note = "备注 note " * ((LIMIT - 200) // 14)
        note_path.write_text(
            f'jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensity: {{value: 1.62, note: "{note}"}}\n',
            encoding="utf-8",
        )
    cases.append(("YAML, one 16 MiB note (json)", ["check", str(note_path), "--format", "json"]))
    cases.append(("YAML, one 16 MiB note (text)", ["check", str(note_path)]))
    csv_path = DATA / "max-rows.csv"
    if not csv_path.exists():
        with open(csv_path, "w", encoding="utf-8") as out:
            out.write("jurisdiction,year,indicator,value\n")
            i = 0
            while out.tell() < LIMIT - 100:
                out.write(f"dushanzi,{2021 + i % 5},ind_{i},{i}\n")
                i += 1
    cases.append(("CSV, 16 MiB of rows", ["check", str(csv_path), "--format", "json"]))
    bad_csv = DATA / "max-bad-rows.csv"
    if not bad_csv.exists():
        with open(bad_csv, "w", encoding="utf-8") as out:
            out.write("jurisdiction,year,indicator,value\n")
            while out.tell() < LIMIT - 100:
                out.write("atlantis,2023,x,1\n")
    cases.append(("CSV, 16 MiB of bad rows", ["check", str(bad_csv)]))
    xlsx_path = DATA / "big.xlsx"
    if not xlsx_path.exists():
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("S")
        sheet.append(["jurisdiction", "year", "indicator", "value"])
        for i in range(300_000):  # unpacks to about 60 MiB, just under 4 x 16 MiB
            sheet.append(["dushanzi", 2021 + i % 5, f"ind_{i}", i * 1.5])
        workbook.save(xlsx_path)
    size = xlsx_path.stat().st_size / 2**20
    cases.append(
        (f"XLSX, 300,000 rows ({size:.1f} MiB)", ["check", str(xlsx_path), "--format", "json"])
    )
    return cases


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limits", action="store_true", help="also inputs just under the limit")
    args = parser.parse_args()
    cases = corpus_cases() + (limit_cases() if args.limits else [])
    rows = []
    for name, argv in cases:
        code, seconds, rss = run(argv)
        rows.append((seconds, rss, code, name))
        print(f"{seconds:7.2f} s {rss:8.1f} MiB  exit {code}  {name}", flush=True)
    print(f"\n{len(rows)} cases; slowest and largest:")
    for seconds, rss, code, name in sorted(rows, reverse=True)[:5]:
        print(f"  {seconds:7.2f} s {rss:8.1f} MiB  exit {code}  {name}")
    worst_rss = max(rows, key=lambda r: r[1])
    print(f"  peak memory: {worst_rss[1]:.1f} MiB ({worst_rss[3]})")


if __name__ == "__main__":
    main()
