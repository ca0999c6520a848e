"""Bugs found by fuzzing and review of the readers and the arithmetic, each pinned by a test."""

from __future__ import annotations

import json
import math

import pytest

from planck.domain.progress import GROWTH_LIMIT, RATIO_LIMIT, Course, compute
from planck.domain.values import fmt, parse_number_text
from planck.i18n import msg
from planck.model import BaseFrom
from tests.conftest import run_cli, run_subprocess


def strict_json(text: str) -> object:
    def refuse(name: str) -> object:
        raise AssertionError(f"JSON output holds {name}, which is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_growth_beyond_the_float_range_gives_finite_numbers() -> None:
    """(100 / 1e-300) ** 1 overflows; it used to raise OverflowError out of `planck check`."""
    progress = compute(
        Course(
            lower_is_better=False,
            base_year=2022,
            base_value=1e-300,
            base_from=BaseFrom.SERIES,
            year=2023,
            value=100,
            target=150,
            target_year=2025,
        )
    )
    assert progress.ratio is not None and 0 < progress.ratio <= RATIO_LIMIT
    for number in (progress.cagr_actual, progress.cagr_required, progress.growth_needed):
        assert number is not None and math.isfinite(number) and number <= GROWTH_LIMIT
    assert progress.projection is None  # no honest projection from an unbounded growth rate


def test_a_tiny_previous_value_does_not_crash_the_check(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "r.yaml",
        "jurisdiction: dushanzi\nyear: 2023\nindicators:\n"
        "  high_tech_firms_per_10k_firms: {value: 100, previous: 1e-300}\n"
        "  rd_intensity: {value: 1e-300, previous: 1e-320}\n",
    )
    result = run_cli("check", str(path), "--format", "json")
    assert result.code == 1, result.err
    doc = strict_json(result.out)
    assert isinstance(doc, dict)
    statuses = {r["rule"]: r["status"] for r in doc["reports"][0]["results"]}
    # 100 against a previous value of 1e-300 is a scale slip if anything is (SPEC §3)
    assert statuses["high_tech_firms_per_10k_firms"] == "suspect"
    text = run_cli("check", str(path))
    assert text.code == 1 and "Traceback" not in text.err


def test_fmt_never_raises() -> None:
    assert fmt(math.inf) == "inf"
    assert fmt(math.nan) == "nan"
    assert fmt(1e300) == "1e+300"  # compact, not 301 digits


def test_messages_may_have_parameters_named_zh_and_en() -> None:
    m = msg("这里是{zh}", "not {en}", zh="列表", en="a list")
    assert (m.render("zh"), m.render("en")) == ("这里是列表", "not a list")


@pytest.mark.parametrize("year", ["፩፪፫፬", "２０２３x", "True", "2023.0", "[2023]", "'２０２３'"])
def test_odd_years_are_input_errors(write, year: str) -> None:  # type: ignore[no-untyped-def]
    path = write("r.yaml", f"jurisdiction: dushanzi\nyear: {year}\nindicators: {{}}\n")
    result = run_cli("check", str(path), "--lang", "en")
    if year == "'２０２３'":  # full-width digits are normalised: this one is 2023
        assert result.code == 1, result.err
        return
    assert result.code == 2, result.err
    assert "r.yaml:2:7: 'year' must be a four-digit year" in result.err


def test_numbers_are_written_in_ascii_digits() -> None:
    """NFKC turns full-width digits into ASCII, but Arabic-Indic digits stay what they are:
    such a value is not read as a number by guesswork."""
    assert parse_number_text("１．６２")[0] is not None
    number, problem = parse_number_text("١٢")
    assert number is None and problem is not None


@pytest.mark.parametrize("size", ["inf", "1e400", "nan"])
def test_an_impossible_size_limit_is_a_usage_error(size: str) -> None:
    """--max-file-size inf raised OverflowError (a traceback) from the argument parser."""
    result = run_subprocess("check", "examples/dushanzi", "--max-file-size", size)
    assert result.returncode == 2
    assert "not a size" in result.stderr and "Traceback" not in result.stderr


def test_the_size_limit_accepts_units() -> None:
    assert run_cli("check", "examples/dushanzi", "--max-file-size", "1k").code == 2
    assert run_cli("check", "examples/dushanzi", "--max-file-size", "16M").code == 0


def test_json_keys_that_only_differ_in_escaped_characters_are_two_keys(write) -> None:  # type: ignore[no-untyped-def]
    """Found by the differential fuzz target: the YAML position pass saw the escaped astral
    keys "\\ud800\\udc00" and "\\ud800\\udc01" (and raw DEL and C1 keys) as the same key."""
    path = write(
        "r.json",
        '{"jurisdiction": "dushanzi", "year": 2023, "indicators": {"rd_intensity": 1.62, '
        '"\\ud800\\udc00": 1, "\\ud800\\udc01": 2, "\x7f": 3, "\x80": 4}}',
    )
    result = run_cli("check", str(path), "--format", "json", "--lang", "en")
    assert result.code == 1, result.err
    doc = strict_json(result.out)
    assert isinstance(doc, dict)
    unknown = sorted(w["message"] for w in doc["warnings"])
    assert len(unknown) == 4 and all(m.startswith("unknown indicator") for m in unknown)
    assert any("\U00010001" in m for m in unknown)
