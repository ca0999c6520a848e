"""A file with more bad rows than are listed says how many more there are after the ones it
lists, never before them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli


def test_the_count_of_problems_not_shown_comes_after_them(tmp_path: Path) -> None:
    rows = ["jurisdiction,year,indicator,value"]
    rows += [f"dushanzi,2023,rd_intensity,1.{i}" for i in range(1, 61)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("check", str(path), "--lang", "en")
    assert result.code == 2
    lines = result.err.splitlines()
    twice = [i for i, line in enumerate(lines) if "appears twice" in line]
    more = [i for i, line in enumerate(lines) if "more problems not shown" in line]
    assert twice and len(more) == 1
    assert more[0] > max(twice)
    # it names the place of the last problem it leaves out: row 61
    assert "many.csv:61: 39 more problems not shown" in lines[more[0]]
