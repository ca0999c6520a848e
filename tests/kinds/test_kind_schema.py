"""The rule-set schema's kind list and per-kind conditions are the kinds' own fragments, and
`planck rules lint` says in both languages what a new kind's rule lacks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from planck.domain.kinds import REGISTRY, compose_schema
from planck.rulesets.loader import schema_text
from tests.conftest import run_cli


def test_the_shipped_schema_is_composed_from_the_kinds() -> None:
    shipped = json.loads(schema_text())
    assert compose_schema(shipped) == shipped
    kinds = shipped["$defs"]["rule"]["properties"]["kind"]["enum"]
    assert kinds == [kind.value for kind in REGISTRY]


def test_planck_rules_schema_prints_the_new_kinds() -> None:
    result = run_cli("rules", "schema")
    assert result.code == 0
    printed = json.loads(result.out)
    assert "growth_at_least" in printed["$defs"]["rule"]["properties"]["kind"]["enum"]
    assert printed == json.loads(schema_text())


def _ruleset(rule: dict[str, Any]) -> str:
    data = {
        "planck": 1,
        "id": "plan",
        "title": "规划",
        "title_en": "Plan",
        "jurisdictions": {"here": {"name": "此地", "name_en": "Here"}},
        "period": [2021, 2025],
        "binding": True,
        "source": {
            "document": "规划",
            "issuer": "人民政府",
            "number": None,
            "date": "2022-06-01",
            "locator": "表1",
            "quote": "原文",
        },
        "rules": [{"id": "x", "name": "指标", "name_en": "Indicator", "unit": "亿元", **rule}],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


GOOD = {
    "growth_at_least": {"kind": "growth_at_least", "target": 7, "target_year": 2025},
    "cumulative_change": {
        "kind": "cumulative_change",
        "target": -13.5,
        "target_year": 2025,
        "baseline": {"year": 2020, "value": 0.5},
    },
}


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_a_rule_of_a_new_kind_passes_lint(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(_ruleset(GOOD[kind]), "utf-8")
    result = run_cli("rules", "lint", str(path))
    assert result.code == 0, result.err


@pytest.mark.parametrize(
    ("rule", "zh", "en"),
    [
        (
            {"kind": "cumulative_change", "target": -13.5, "target_year": 2025},
            "缺少必需的键“baseline”",
            "the required key 'baseline' is missing",
        ),
        ({**GOOD["cumulative_change"], "target": 0}, "不能为 0", "must not be 0"),
        ({**GOOD["cumulative_change"], "target": -100}, "应大于 -100", "greater than -100"),
        (
            {**GOOD["cumulative_change"], "baseline": {"year": 2020, "value": 0}},
            "应大于 0",
            "greater than 0",
        ),
        ({**GOOD["growth_at_least"], "target": 0}, "应大于 0", "greater than 0"),
        (
            {"kind": "growth_at_least", "target_year": 2025},
            "缺少必需的键“target”",
            "the required key 'target' is missing",
        ),
    ],
)
def test_lint_says_what_a_new_kind_lacks(
    tmp_path: Path, rule: dict[str, Any], zh: str, en: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(_ruleset(rule), "utf-8")
    for lang, words in (("zh", zh), ("en", en)):
        result = run_cli("rules", "lint", str(path), "--lang", lang)
        assert result.code == 2
        assert words in result.err, result.err
        assert "plan.yaml:" in result.err
