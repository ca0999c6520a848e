"""Cost of "did you mean" suggestions and of merged XLSX cells (issue 13, items 16 and 17).

    python benchmarks/suggestions.py [--only NAME]

Writes synthetic rule sets and reports into a temporary folder and prints the wall time of one
`python -m planck check` process for each case. Not a test: the figures depend on the machine;
compare two commits on the same machine.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "enterprise revenue patent research personnel contract fiscal spending share intensity "
    "industrial output export energy water carbon forest school hospital road broadband "
    "digital service tourism grain housing pension insurance credit startup talent"
).split()


def rule_ids(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    ids: list[str] = []
    seen: set[str] = set()
    while len(ids) < count:
        rid = "_".join(rng.sample(WORDS, 3)) + f"_{rng.randrange(100)}"
        if rid not in seen:
            seen.add(rid)
            ids.append(rid)
    return ids


def misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # two letters swapped


def ruleset(path: Path, ids: list[str], places: int = 1, prefix: str = "place") -> None:
    lines = [
        "planck: 1",
        "id: bench",
        "title: 基准",
        "title_en: Bench",
        "jurisdictions:",
    ]
    for p in range(places):
        lines.append(f"  {prefix}{p}: {{name: 地区{p}号, name_en: Place {p}}}")
    lines += [
        "period: [2021, 2025]",
        "binding: true",
        "source: {document: 文件, issuer: 机关, number: 1号, date: 2022-01-01, "
        "locator: 表1, quote: 原文}",
        "rules:",
    ]
    for i, rid in enumerate(ids):
        lines.append(
            f"  - {{id: {rid}, name: 指标{i}, name_en: Indicator {i}, unit: '%', "
            "kind: at_least, target: 50, target_year: 2025}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def report(path: Path, keys: list[str]) -> None:
    lines = ["jurisdiction: place0", "year: 2023", "indicators:"]
    lines += [f"  {key}: 12.5" for key in keys]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def xlsx(path: Path, rows: int, merged: bool) -> None:
    import zipfile

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet")
    ws.append(["jurisdiction", "year", "indicator", "value"])
    for i in range(rows):
        year = 2021 + (i // 20) % 5
        # the jurisdiction is written on the first row of each pair: the second is merged
        place = f"d{i // 100}" if not merged or i % 2 == 0 else None
        ws.append([place, year, f"r{i % 20}", 10 + i % 7])
    wb.save(path)
    if not merged:
        return
    # the jurisdiction merged over each pair of rows: 40,000 ranges (written into the sheet's
    # XML directly: openpyxl's merge_cells takes far longer than planck's reading)
    ranges = "".join(f'<mergeCell ref="A{r}:A{r + 1}"/>' for r in range(2, rows + 2, 2))
    block = f'<mergeCells count="{rows // 2}">{ranges}</mergeCells>'
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"</sheetData>", b"</sheetData>" + block.encode(), 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "planck", "check", *args, "--format", "json"],
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only")
    only = parser.parse_args().only
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        cases: dict[str, list[str]] = {}
        ids200 = rule_ids(200)
        ruleset(d / "r200.yaml", ids200)
        report(d / "typo200.yaml", [misspell(r, rng) for r in ids200])
        report(d / "right200.yaml", ids200)
        cases["200 misspelt ids, 200-rule set"] = [str(d / "typo200.yaml"), "--rules", str(d / "r200.yaml")]
        cases["200 ids spelt right, 200-rule set"] = [str(d / "right200.yaml"), "--rules", str(d / "r200.yaml")]
        report(d / "typo2000.yaml", [misspell(r, rng) + f"x{i}" for i, r in enumerate(ids200 * 10)])
        cases["2,000 misspelt ids, 200-rule set"] = [str(d / "typo2000.yaml"), "--rules", str(d / "r200.yaml")]
        ids2000 = rule_ids(2000, seed=2)
        ruleset(d / "r2000.yaml", ids2000)
        report(d / "typo28k.yaml", [misspell(r, rng) for r in ids2000[:700]])
        size = (d / "typo28k.yaml").stat().st_size
        cases[f"{size // 1024} KB report of typos, 2,000-rule set"] = [
            str(d / "typo28k.yaml"), "--rules", str(d / "r2000.yaml")]
        ruleset(d / "p3000.yaml", ids200[:5], places=3000)
        csv = ["jurisdiction,year,indicator,value"]
        csv += [f"plcae{i},2023,{ids200[0]},1" for i in range(50)]
        (d / "places.csv").write_text("\n".join(csv) + "\n", encoding="utf-8")
        cases["50 CSV rows, misspelt place, 3,000 places"] = [
            str(d / "places.csv"), "--rules", str(d / "p3000.yaml")]
        if only is None or "xlsx" in only.lower():
            xlsx(d / "merged.xlsx", 80_000, merged=True)
            xlsx(d / "plain.xlsx", 80_000, merged=False)
            ruleset(d / "x.yaml", [f"r{i}" for i in range(20)], places=800, prefix="d")
            big = ["--max-file-size", "100m", "--rules", str(d / "x.yaml")]
            cases["XLSX 80,000 rows with merged cells"] = [str(d / "merged.xlsx"), *big]
            cases["XLSX 80,000 rows, no merged cells"] = [str(d / "plain.xlsx"), *big]
        for name, args in cases.items():
            if only is not None and only.lower() not in name.lower():
                continue
            print(f"{name:45} {timed(args):7.2f} s", flush=True)


if __name__ == "__main__":
    main()
