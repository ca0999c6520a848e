"""The overview of many places and the indicators-by-year table that every report format lays
out (planck.render.overview)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planck.engine.check import run_check
from planck.model import Status
from planck.render.overview import (
    badness,
    build_overview,
    is_alert,
    needs_overview,
    projection_text,
    years_tables,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_one_place_needs_no_overview() -> None:
    assert not needs_overview(run_check([str(EXAMPLES / "dushanzi")]))
    assert needs_overview(run_check([str(EXAMPLES)]))


def test_places_come_worst_first_with_their_latest_year(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "dushanzi", tmp_path / "dushanzi")
    # Karamay's latest report loses a value: a missing value is an error, worse than any warning
    karamay = tmp_path / "karamay"
    shutil.copytree(EXAMPLES / "karamay", karamay)
    latest = max(karamay.glob("*.yaml"))
    text = latest.read_text(encoding="utf-8")
    first_value = next(line for line in text.splitlines() if line.startswith("  ") and ":" in line)
    key = first_value.split(":")[0]
    latest.write_text(text.replace(first_value, f"{key}: null"), encoding="utf-8")
    run = run_check([str(tmp_path)])
    overview = build_overview(run, "zh")
    assert [p.jurisdiction for p in overview.places] == ["karamay", "dushanzi"]
    for place in overview.places:
        years = [r.year for r in run.reports if r.jurisdiction == place.jurisdiction]
        assert place.year == max(years)
        judged = [c.result for c in place.cells if c is not None]
        assert place.worst is not None and place.worst.result == max(judged, key=badness)
    assert overview.places[0].worst is not None
    assert overview.places[0].worst.result.status is Status.MISSING
    # counts are of the latest years only, one per cell
    cells = sum(c is not None for p in overview.places for c in p.cells)
    assert sum(n for _, _, n in overview.counts) == cells


def test_alerts_are_binding_targets_the_pace_will_not_reach() -> None:
    run = run_check([str(EXAMPLES)])
    overview = build_overview(run, "zh")
    assert overview.alerts
    for alert in overview.alerts:
        assert alert.result.rule.binding
        assert alert.result.status in {
            Status.MISSED,
            Status.DETERIORATING,
            Status.LIMITED_PROGRESS,
            Status.NEEDS_ACCELERATION,
        }
    latest = [c.result for p in overview.places for c in p.cells if c is not None]
    assert sum(map(is_alert, latest)) == len(overview.alerts)


def test_years_table_has_every_year_and_indicator_of_a_place() -> None:
    run = run_check([str(EXAMPLES / "dushanzi")])
    (table,) = years_tables(run, "en")
    assert table.years == tuple(sorted(r.year for r in run.reports))
    ruleset = run.rulesets[0] if run.rulesets[0].covers_jurisdiction("dushanzi") else None
    assert ruleset is not None
    assert [row.rule.id for row in table.rows] == [rule.id for rule in ruleset.rules]
    for row in table.rows:
        for year, cell in zip(table.years, row.cells, strict=True):
            assert cell is not None and cell.result.report.year == year


@pytest.mark.parametrize(
    ("projection", "target", "lower_is_better", "shown"),
    [
        (106.26, 150.0, False, "106家"),
        (149.97, 150.0, False, "149家"),  # never rounds up to the target it misses
        (3.02, 3.0, True, "4家"),  # a ceiling it exceeds is never rounded down onto it
    ],
)
def test_projected_counts_are_whole_and_never_contradict_the_verdict(
    projection: float, target: float, lower_is_better: bool, shown: str
) -> None:
    run = run_check([str(EXAMPLES / "dushanzi")])
    result = next(r for r in run.all_results() if r.rule.unit == "家" and r.progress is not None)
    from dataclasses import replace

    from planck.model import Kind

    kind = Kind.AT_MOST if lower_is_better else Kind.AT_LEAST
    rule = replace(result.rule, target=target, kind=kind)
    assert result.progress is not None
    progress = replace(result.progress, projection=projection)
    assert projection_text(replace(result, rule=rule, progress=progress)) == shown


def test_every_message_gives_a_projected_count_as_a_whole_number() -> None:
    """The one-line messages of `planck check`, the explanations and the overview agree: a
    count (家) is projected as a whole number, never above what the pace reaches."""
    import math

    from planck.render.explain import explain

    run = run_check([str(EXAMPLES)])
    counted = [
        r
        for r in run.all_results()
        if r.rule.unit == "家" and r.progress is not None and r.progress.projection is not None
    ]
    shown_any = False
    for result in counted:
        assert result.progress is not None and result.progress.projection is not None
        whole = str(math.floor(result.progress.projection))
        params = result.message.params
        if "p" in params and params["p"] is not None:
            shown_any = True
            assert params["p"] == whole
        paragraph = explain(result)
        if paragraph is not None and "预计为" in paragraph.zh:
            assert f"预计为 {whole}家" in paragraph.zh
        assert projection_text(result) == f"{whole}家"
    assert shown_any
