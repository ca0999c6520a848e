"""Merged XLSX ranges fill exactly the data rows they cover (the fill was rewritten to cost
time in proportion to the rows, issue 13 item 17: benchmarks/suggestions.py measures it)."""

from __future__ import annotations

from pathlib import Path

from planck.engine.check import run_check
from tests.tablehelp import HEADER_EN, write_xlsx


def test_ranges_past_the_last_row_across_gaps_and_side_by_side(tmp_path: Path) -> None:
    rows = [
        HEADER_EN[:4],
        ["dushanzi", 2022, "rd_intensity", 1.5],
        [None, None, "tech_contract_value", 0.4],
        [],  # an empty row inside the range: no report row, nothing to fill
        [None, None, "high_tech_firms_per_10k_firms", 90],
        ["karamay", 2023, "rd_intensity", 2.1],
        [None, 2024, "rd_intensity", 2.2],  # only the jurisdiction is merged here
    ]
    path = write_xlsx(
        tmp_path / "r.xlsx",
        {"S": rows},
        # A2:A5 and B2:B5 over a gap; A6:A40 runs far past the last row
        merge=["S!A2:A5", "S!B2:B5", "S!A6:A40"],
    )
    run = run_check([str(path)])
    assert run.errors == []
    found = sorted((r.jurisdiction, r.year, sorted(r.observations)) for r in run.reports)
    assert found == [
        (
            "dushanzi",
            2022,
            ["high_tech_firms_per_10k_firms", "rd_intensity", "tech_contract_value"],
        ),
        ("karamay", 2023, ["rd_intensity"]),
        ("karamay", 2024, ["rd_intensity"]),
    ]
