"""`planck check --format json` on report files: verdicts a reviewer can trust (SPEC §2, §3, §5)."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import run_cli


def strict(text: str) -> Any:
    def refuse(name: str) -> object:
        raise AssertionError(f"JSON output holds {name}, which is not JSON")

    return json.loads(text, parse_constant=refuse)


def check(*paths: Any, lang: str = "en") -> tuple[int, Any]:
    result = run_cli("check", *map(str, paths), "--format", "json", "--lang", lang)
    return result.code, strict(result.out)


def results(doc: Any, year: int) -> dict[str, dict[str, Any]]:
    report = next(r for r in doc["reports"] if r["year"] == year)
    return {r["rule"]: r for r in report["results"]}


def yaml(year: int, body: str) -> str:
    return f"jurisdiction: dushanzi\nyear: {year}\nindicators:\n{body}"


def test_a_fall_from_5_wan_yuan_to_zero_is_deteriorating(write) -> None:  # type: ignore[no-untyped-def]
    a = write("2021.yaml", yaml(2021, "  tech_contract_value: 5万元\n"))
    b = write("2023.yaml", yaml(2023, "  tech_contract_value: 0\n"))
    _, doc = check(a, b)
    result = results(doc, 2023)["tech_contract_value"]
    assert result["status"] == "deteriorating"
    assert result["progress"]["method"] == "linear"
    assert result["ratio"] < 0


def test_a_rise_from_zero_has_a_sane_ratio_and_projection(write) -> None:  # type: ignore[no-untyped-def]
    a = write("2021.yaml", yaml(2021, "  invention_patents_per_10k: 0\n"))
    b = write("2023.yaml", yaml(2023, "  invention_patents_per_10k: 1\n"))
    _, doc = check(a, b)
    result = results(doc, 2023)["invention_patents_per_10k"]
    assert result["progress"]["method"] == "linear"
    assert result["ratio"] == 0.5  # a quarter of the gap (to 4) in half the time
    assert result["status"] == "limited_progress"
    assert result["progress"]["projection"] == 2.0


def test_the_4600_slip_is_suspect_with_its_reading(write) -> None:  # type: ignore[no-untyped-def]
    a = write("2022.yaml", yaml(2022, "  tech_contract_value: 0.31\n"))
    b = write("2023.yaml", yaml(2023, "  tech_contract_value: 4600\n"))
    code, doc = check(a, b, lang="zh")
    assert code == 1
    result = results(doc, 2023)["tech_contract_value"]
    assert (result["status"], result["severity"]) == ("suspect", "error")
    assert result["as_written"] == "met"
    assert result["suggestion"] == "是否应为 4600万元，即 0.46亿元？"
    assert result["value"] == 4600.0
    assert doc["summary"]["suspect"] == 1


def test_an_elevenfold_jump_is_not_suspect(write) -> None:  # type: ignore[no-untyped-def]
    a = write("2022.yaml", yaml(2022, "  tech_contract_value: 0.04\n"))
    b = write("2023.yaml", yaml(2023, "  tech_contract_value: 0.44\n"))
    _, doc = check(a, b)
    assert results(doc, 2023)["tech_contract_value"]["status"] != "suspect"


def test_a_json_report_fraction_for_a_percentage_is_suspect(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "r.json",
        json.dumps(
            {"jurisdiction": "dushanzi", "year": 2023, "indicators": {"rd_intensity": 0.0162}}
        ),
    )
    _, doc = check(path)
    result = results(doc, 2023)["rd_intensity"]  # baseline 1.28%
    assert result["status"] == "suspect"
    assert result["suggestion"] == "should it be 1.62%?"


def test_values_at_full_precision(write) -> None:  # type: ignore[no-untyped-def]
    path = write("r.yaml", yaml(2023, "  tech_contract_value: 30元\n"))
    _, doc = check(path)
    assert results(doc, 2023)["tech_contract_value"]["value"] == 3e-07


def test_extreme_inputs_never_give_infinity_or_nan(write) -> None:  # type: ignore[no-untyped-def]
    a = write(
        "2021.yaml",
        yaml(
            2021,
            "  fiscal_st_spending: 1e308亿元\n"
            "  tech_contract_value: 1e-300\n"
            "  high_tech_firms_per_10k_firms: 1e300\n",
        ),
    )
    b = write(
        "2023.yaml",
        yaml(
            2023,
            "  tech_contract_value: {value: 1e300, verified: 核实}\n"
            "  high_tech_firms_per_10k_firms: 1e-300\n"
            "  rd_intensity: 1e-300\n",
        ),
    )
    code, doc = check(a, b)  # strict() refuses Infinity and NaN
    assert code == 1
    spending = results(doc, 2021)["fiscal_st_spending"]
    assert spending["status"] == "invalid" and "out of range" in spending["message"]


def test_commas_follow_the_thousands_rule(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "r.yaml",
        yaml(
            2023,
            "  fiscal_st_spending: '1,934'\n"
            "  rd_intensity: '0,620'\n"
            "  high_tech_firms_per_10k_firms: '1234,567'\n"
            "  rd_personnel_per_10k: '１，２３４'\n",
        ),
    )
    _, doc = check(path)
    found = results(doc, 2023)
    assert found["fiscal_st_spending"]["value"] == 1934.0
    assert found["rd_personnel_per_10k"]["value"] == 1234.0
    assert found["rd_intensity"]["status"] == "invalid"
    assert "write 0.620" in found["rd_intensity"]["message"]
    assert found["high_tech_firms_per_10k_firms"]["status"] == "invalid"


def test_a_hair_below_the_target_is_shown_with_its_digits(write) -> None:  # type: ignore[no-untyped-def]
    path = write("r.yaml", yaml(2025, "  rd_intensity: 1.99999\n"))
    result = run_cli("check", str(path), "--format", "json", "--lang", "zh")
    # dushanzi's period ends in 2025: the value misses the target
    doc = strict(result.out)
    message = results(doc, 2025)["rd_intensity"]["message"]
    assert "1.99999%" in message and "目标 ≥ 2%" in message
