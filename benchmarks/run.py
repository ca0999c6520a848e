"""Time whole `planck check` runs on synthetic report sets and print a table.

    python benchmarks/run.py                 # 1 and 2,000 reports
    python benchmarks/run.py --sizes 1 100 2000 20000 --runs 5

Each figure is the median of --runs whole-process runs (`python -m planck check --format json`),
with the peak resident memory of the slowest-growing run (ru_maxrss of the child). The reports
are written once into benchmarks/_data/ (git-ignored) and reused.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
RULES = """planck: 1
id: bench-plan
title: 基准测试规划
title_en: Benchmark plan
jurisdictions:
{jurisdictions}
period: [2021, 2025]
binding: true
source: {{document: 基准, issuer: planck, number: null, date: 2026-01-01, locator: 表1, quote: 基准}}
rules:
  - {{id: rd_intensity, name: 研发投入强度, name_en: R&D intensity, unit: "%", kind: at_least, target: 2, target_year: 2025, baseline: {{year: 2020, value: 1.2}}}}
  - {{id: fiscal_st_spending, name: 财政科技支出, name_en: Fiscal S&T spending, unit: 万元, kind: non_decreasing}}
  - {{id: high_tech_firms, name: 高新技术企业数, name_en: High-tech firms, unit: 家, kind: at_least, target: 150, target_year: 2025}}
  - {{id: tech_contract_value, name: 技术合同成交额, name_en: Technology contracts, unit: 亿元, kind: at_least, target: 15, target_year: 2025}}
  - {{id: patents_per_10k, name: 每万人发明专利拥有量, name_en: Patents per 10k, unit: 件/万人, kind: at_least, target: 4, target_year: 2025}}
  - {{id: key_labs, name: 重点实验室, name_en: Key labs, unit: 个, kind: qualitative}}
"""


def generate(n: int) -> Path:
    """n reports: jurisdictions of five years each (2021-2025), deterministic values."""
    folder = DATA / f"yaml-{n}"
    if (folder / ".done").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(n)
    places = max(1, (n + 4) // 5)
    (folder / "rules.yaml").write_text(
        RULES.format(
            jurisdictions="\n".join(
                f"  d{i:05d}: {{name: 区{i:05d}, name_en: District {i}}}" for i in range(places)
            )
        ),
        encoding="utf-8",
    )
    reports = folder / "reports"
    reports.mkdir(exist_ok=True)
    for k in range(n):
        place, year = divmod(k, 5)
        year += 2021
        spend = 1000 + 50 * (year - 2021) + rng.randint(-80, 80)
        (reports / f"d{place:05d}-{year}.yaml").write_text(
            f"jurisdiction: d{place:05d}\nyear: {year}\nindicators:\n"
            f"  rd_intensity: {1.2 + 0.15 * (year - 2020) * rng.random():.2f}\n"
            f"  fiscal_st_spending: {{value: {spend}, previous: {spend - rng.randint(-30, 60)}}}\n"
            f"  high_tech_firms: {80 + 12 * (year - 2021) + rng.randint(0, 10)}\n"
            f'  tech_contract_value: "{rng.randint(3000, 90000)}万元"\n'
            f"  patents_per_10k: {2 + 0.4 * (year - 2021) + rng.random():.1f}\n"
            f"  key_labs: {rng.randint(3, 9)}\n",
            encoding="utf-8",
        )
    (folder / ".done").write_text("", encoding="utf-8")
    return folder


def time_run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one whole-process run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"planck exited {proc.returncode}: {proc.stderr[-500:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the maximum over all children so far: report it when it grew.
    return wall, max(after, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2000])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    print(f"{'reports':>8} {'median s':>9} {'min s':>7} {'peak MiB':>9}")
    for n in sorted(options.sizes):  # smallest first, so each peak reading belongs to its size
        folder = generate(n)
        cmd = [
            sys.executable, "-m", "planck", "check", "--format", "json",
            "--rules", str(folder / "rules.yaml"), str(folder / "reports"),
        ]
        walls, peak = [], 0.0
        for _ in range(options.runs):
            wall, peak = time_run(cmd)
            walls.append(wall)
        print(f"{n:>8} {statistics.median(walls):>9.3f} {min(walls):>7.3f} {peak:>9.1f}")


if __name__ == "__main__":
    main()
