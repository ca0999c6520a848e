"""SPEC §2: reading reports — values, units, encodings, and the inputs that must be refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from planck.engine.check import run_check
from planck.model import CheckRun, Status

HEADER = "jurisdiction: dushanzi\nyear: 2023\nindicators:\n"


def check_text(tmp_path: Path, body: str, name: str = "r.yaml") -> CheckRun:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return run_check([str(path)])


def result_for(run: CheckRun, rule: str):  # type: ignore[no-untyped-def]
    return next(r for r in run.all_results() if r.rule.id == rule)


def one_value(tmp_path: Path, rule: str, text: str):  # type: ignore[no-untyped-def]
    run = check_text(tmp_path, HEADER + f"  {rule}: {text}\n")
    assert not run.errors, [e.render() for e in run.errors]
    return result_for(run, rule)


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        ("rd_intensity", "1.62", 1.62),
        ("rd_intensity", "'１．６２'", 1.62),  # full-width digits and point
        ("fiscal_st_spending", "'1,934'", 1934.0),
        ("rd_intensity", "'1.62%'", 1.62),
        ("rd_intensity", "'1.62 ％'", 1.62),
        ("fiscal_st_spending", "2450万元", 2450.0),
        ("tech_contract_value", "0.5亿元", 0.5),
        ("tech_contract_value", "5000万元", 0.5),
        ("tech_contract_value", "50000000元", 0.5),
        ("tech_contract_value", "{value: 5000, unit: 万元}", 0.5),
        ("rd_intensity", "0", 0.0),
        ("rd_intensity", "1e0", 1.0),
    ],
)
def test_values_that_are_unambiguously_numbers(
    tmp_path: Path, rule: str, text: str, expected: float
) -> None:
    result = one_value(tmp_path, rule, text)
    assert result.status is not Status.INVALID, result.message.render("en")
    assert result.value == pytest.approx(expected)


@pytest.mark.parametrize(
    ("rule", "text", "fragment"),
    [
        ("rd_intensity", "true", "boolean"),
        ("rd_intensity", "no", "boolean"),
        ("rd_intensity", "[1, 2]", "list"),
        ("rd_intensity", ".nan", "not a finite number"),
        ("rd_intensity", ".inf", "not a finite number"),
        ("rd_intensity", "'NaN'", "not a finite number"),
        ("rd_intensity", "about two", "not a number"),
        ("rd_intensity", "十二", "not a number"),
        ("rd_intensity", "'1,93'", "not a thousands separator"),
        ("rd_intensity", "1:30", "not a number"),  # YAML 1.1 sexagesimal
        ("rd_intensity", "0x1F", "not a number"),
        ("rd_intensity", "2450万元", "does not convert"),
        ("fiscal_st_spending", "-5", "negative"),
        ("high_tech_firms_per_10k_firms", "-1", "negative"),
        ("rd_intensity", "120", "outside 0–100"),
        ("rd_intensity", "-0.5", "outside 0–100"),
        ("high_tech_firms_per_10k_firms", "010", "leading zero"),
        ("high_tech_firms_per_10k_firms", "'010'", "leading zero"),
        ("fiscal_st_spending", "{value: 2450万元, unit: 亿元}", "disagrees"),
        ("fiscal_st_spending", "{value: 2450, previous: lots}", "previous"),
        ("rd_intensity", "{value: {a: 1}}", "mapping"),
    ],
)
def test_invalid_values_say_why(tmp_path: Path, rule: str, text: str, fragment: str) -> None:
    result = one_value(tmp_path, rule, text)
    assert result.status is Status.INVALID
    assert fragment in result.message.render("en")
    assert result.location is not None and result.location.line == 4


def test_null_and_absent_indicators_are_missing(tmp_path: Path) -> None:
    run = check_text(tmp_path, HEADER + "  rd_intensity: null\n  fiscal_st_spending: ~\n")
    assert result_for(run, "rd_intensity").status is Status.MISSING
    assert result_for(run, "fiscal_st_spending").status is Status.MISSING
    assert result_for(run, "tech_contract_value").status is Status.MISSING


def test_location_points_at_the_value(tmp_path: Path) -> None:
    run = check_text(tmp_path, HEADER + "  rd_intensity:   1.5\n")
    loc = result_for(run, "rd_intensity").location
    assert (loc.line, loc.column) == (4, 19)


def test_unknown_indicator_warns_with_closest_id(tmp_path: Path) -> None:
    run = check_text(tmp_path, HEADER + "  rd_intensty: 1.5\n")
    assert not run.errors
    assert [w.message.render("en") for w in run.warnings] == [
        "unknown indicator 'rd_intensty' (did you mean 'rd_intensity'?)"
    ]
    assert run.warnings[0].location.line == 4


def test_chinese_jurisdiction_name_is_accepted(tmp_path: Path) -> None:
    run = check_text(tmp_path, "jurisdiction: 独山子区\nyear: 2023\nindicators: {}\n")
    assert not run.errors
    assert run.reports[0].jurisdiction == "dushanzi"


def _error(run: CheckRun) -> tuple[str, int | None, int | None]:
    assert len(run.errors) == 1, [e.render() for e in run.errors]
    error = run.errors[0]
    return error.message.render("en"), error.location.line, error.location.column


def test_duplicate_keys_name_both_lines(tmp_path: Path) -> None:
    message, line, _ = _error(
        check_text(tmp_path, HEADER + "  rd_intensity: 1\n  rd_intensity: 2\n")
    )
    assert "duplicate key 'rd_intensity' on lines 4 and 5" in message
    assert line == 5


def test_duplicate_top_level_keys(tmp_path: Path) -> None:
    message, line, _ = _error(check_text(tmp_path, "year: 2023\n" + HEADER))
    assert "duplicate key 'year' on lines 1 and 3" in message


def test_duplicate_keys_in_json_name_both_places(tmp_path: Path) -> None:
    body = '{"jurisdiction": "dushanzi", "year": 2023,\n "indicators": {"rd_intensity": 1, "rd_intensity": 2}}'
    message, line, column = _error(check_text(tmp_path, body, "r.json"))
    assert "duplicate key 'rd_intensity' at line 2, columns 17 and 36" in message
    assert (line, column) == (2, 36)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + "  rd_intensity: 1.5\n").encode())
    run = run_check([str(path)])
    assert not run.errors
    assert result_for(run, "rd_intensity").location.column == 17


def test_gb18030_report_with_chinese_names(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    text = "jurisdiction: 独山子区\nyear: 2023\nsubmitted_by: 独山子区科学技术局\nindicators:\n  rd_intensity: 1.5\n"
    path.write_bytes(text.encode("gb18030"))
    run = run_check([str(path)])
    assert not run.errors
    assert run.reports[0].jurisdiction == "dushanzi"
    assert run.reports[0].submitted_by == "独山子区科学技术局"


def test_neither_utf8_nor_gb18030_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"year: 2023\n\x81\x30\xff\xff")
    message, line, _ = _error(run_check([str(path)]))
    assert "neither UTF-8 nor GB18030" in message
    assert line == 2


def test_aliases_are_refused(tmp_path: Path) -> None:
    body = HEADER + "  rd_intensity: &v 1.5\n  industrial_rd_to_revenue: *v\n"
    message, line, column = _error(check_text(tmp_path, body))
    assert "aliases" in message
    assert (line, column) == (5, 29)


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    message, _, _ = _error(check_text(tmp_path, "\n".join(lines) + "\n"))
    assert "aliases" in message


def test_python_object_tags_are_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    body = HEADER + f"  rd_intensity: !!python/object/apply:os.system ['touch {marker}']\n"
    message, line, _ = _error(check_text(tmp_path, body))
    assert "tag" in message and "not allowed" in message
    assert line == 4
    assert not marker.exists()


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    message, line, column = _error(check_text(tmp_path, HEADER + "  rd_intensity: [1.5\n"))
    assert message.startswith("YAML syntax error")
    assert line == 5 and column == 1


def test_tab_indentation_is_explained(tmp_path: Path) -> None:
    message, line, _ = _error(check_text(tmp_path, HEADER + "\trd_intensity: 1.5\n"))
    assert "tabs" in message
    assert line == 4


def test_json_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    message, line, column = _error(check_text(tmp_path, '{"year": 2023,\n "x": }', "r.json"))
    assert message.startswith("JSON syntax error")
    assert (line, column) == (2, 7)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("", "empty"),
        ("- 1\n- 2\n", "must be a mapping"),
        ("just text\n", "must be a mapping"),
        ("year: 2023\nindicators: {}\n", "'jurisdiction' is missing"),
        ("jurisdiction: atlantis\nyear: 2023\nindicators: {}\n", "unknown jurisdiction 'atlantis'"),
        ("jurisdiction: dushanzi\nindicators: {}\n", "'year' is missing"),
        ("jurisdiction: dushanzi\nyear: twenty\nindicators: {}\n", "four-digit year"),
        ("jurisdiction: dushanzi\nyear: 2019\nindicators: {}\n", "outside the period"),
        ("jurisdiction: dushanzi\nyear: 2023\n", "'indicators' is missing"),
        ("jurisdiction: dushanzi\nyear: 2023\nindicators: [1]\n", "'indicators' must be a mapping"),
        ("planck: 2\njurisdiction: dushanzi\nyear: 2023\nindicators: {}\n", "format version"),
    ],
)
def test_inputs_that_are_not_reports(tmp_path: Path, body: str, fragment: str) -> None:
    message, _, _ = _error(check_text(tmp_path, body))
    assert fragment in message


def test_unknown_jurisdiction_suggests_the_closest(tmp_path: Path) -> None:
    message, line, column = _error(
        check_text(tmp_path, "jurisdiction: dushanz\nyear: 2023\nindicators: {}\n")
    )
    assert "did you mean 'dushanzi'" in message
    assert (line, column) == (1, 15)


def test_year_may_be_quoted_digits(tmp_path: Path) -> None:
    run = check_text(tmp_path, "jurisdiction: dushanzi\nyear: '2023'\nindicators: {}\n")
    assert not run.errors and run.reports[0].year == 2023


def test_unknown_top_level_key_is_a_warning(tmp_path: Path) -> None:
    run = check_text(tmp_path, HEADER.replace("year", "yaer: 1\nyear") + "  rd_intensity: 1.5\n")
    assert not run.errors
    assert "did you mean 'year'" in run.warnings[0].message.render("en")


def test_two_reports_for_the_same_year(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(HEADER, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(HEADER, encoding="utf-8")
    run = run_check([str(tmp_path)])
    assert len(run.reports) == 1
    message, _, _ = _error(run)
    assert "two reports for the same jurisdiction and year" in message
    assert "a.yaml" in message


@pytest.mark.parametrize(
    "text",
    [
        # libyaml 0.2.6 stops this one itself, scanning ahead; older versions leave it to planck
        "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "a: " + "{k: " * 2_000 + "1" + "}" * 2_000 + "\n",
        "a:\n" + "[\n" * 70 + "]\n" * 70,
    ],
    ids=["one-line", "mappings", "one-per-line"],
)
def test_deep_nesting_is_refused_at_planck_s_limit(tmp_path: Path, text: str) -> None:
    message, line, column = _error(check_text(tmp_path, text))
    assert "nesting is too deep (more than 64 levels)" in message
    # the bracket that opens the 65th level (the report's mapping is the first)
    opened = 0
    for number, row in enumerate(text.splitlines(), start=1):
        for col, char in enumerate(row, start=1):
            if char in "[{":
                opened += 1
                if opened == 64:
                    assert (line, column) == (number, col)


def test_brackets_in_quotes_do_not_count_as_nesting(tmp_path: Path) -> None:
    quoted = "'" + "[" * 200 + "'"
    message, line, _ = _error(check_text(tmp_path, f"a: {quoted}\nb: [1, 2\n"))
    assert "nesting is too deep" not in message
    assert "YAML syntax error" in message


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:
        handle.truncate(2_000_000)  # sparse: costs nothing to make
    message, _, _ = _error(run_check([str(path)], max_bytes=1_000_000))
    assert "too large" in message
