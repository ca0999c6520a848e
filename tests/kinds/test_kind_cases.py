"""Each rule kind's cases, from tests/kinds/<kind>.yaml: given a rule, earlier values and a
report, the status (and progress ratio, method, severity, message words) users rely on.

A case file has the kind, the rule's defaults and the cases; see at_least.yaml. Adding a case
is adding a few lines of YAML; adding a kind is adding its file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from planck.domain.evaluate import evaluate
from planck.domain.kinds import REGISTRY
from planck.domain.progress import floor_ratio
from planck.errors import Location
from planck.model import (
    Baseline,
    Jurisdiction,
    Kind,
    Number,
    Observation,
    Report,
    Result,
    Rule,
    RuleSet,
    Source,
)

HERE = Path(__file__).parent
FILES = sorted(HERE.glob("*.yaml"))
SOURCE = Source("规划", "人民政府", None, "2022-06-01", "表1 第1行", "原文")
CASE_KEYS = {"name", "rule", "earlier", "report", "status", "ratio", "method", "severity", "says"}


def _cases() -> list[Any]:
    out = []
    for path in FILES:
        data = yaml.safe_load(path.read_text("utf-8"))
        for case in data["cases"]:
            rule = {**data.get("rule", {}), **case.get("rule", {})}
            out.append(pytest.param(data["kind"], rule, case, id=f"{path.stem}: {case['name']}"))
    return out


def _rule(kind: str, spec: dict[str, Any]) -> Rule:
    baseline = spec.get("baseline")
    return Rule(
        id="x",
        name="指标",
        name_en="Indicator",
        unit=spec.get("unit", "%"),
        kind=Kind(kind),
        target=spec.get("target"),
        target_year=spec.get("target_year"),
        baseline=Baseline(baseline["year"], float(baseline["value"])) if baseline else None,
        binding=spec.get("binding", True),
        source=SOURCE,
    )


def _report(year: int, value: float, previous: float | None = None) -> Report:
    loc = Location(f"{year}.yaml", 3, 4)
    obs = Observation(
        indicator="x",
        number=Number(float(value), None),
        problem=None,
        location=loc,
        raw=str(value),
        previous=Number(float(previous), None) if previous is not None else None,
    )
    return Report(f"{year}.yaml", "here", year, {"x": obs}, Location(f"{year}.yaml"))


def _judge(kind: str, rule_spec: dict[str, Any], case: dict[str, Any]) -> Result:
    rule = _rule(kind, rule_spec)
    ruleset = RuleSet(
        id="rs",
        title="规划",
        title_en="Plan",
        jurisdictions=(Jurisdiction("here", "此地", "Here"),),
        period=(2020, 2025),
        binding=rule.binding,
        rules=(rule,),
        path="rs.yaml",
    )
    given = case["report"]
    reports = [_report(year, value) for year, value in case.get("earlier", {}).items()]
    reports.append(_report(given["year"], given["value"], given.get("previous")))
    results, _ = evaluate([ruleset], reports)
    return results[len(reports) - 1][0]


def test_every_kind_has_a_case_file() -> None:
    assert {path.stem for path in FILES} == {kind.value for kind in REGISTRY}


@pytest.mark.parametrize(("kind", "rule_spec", "case"), _cases())
def test_case(kind: str, rule_spec: dict[str, Any], case: dict[str, Any]) -> None:
    assert set(case) <= CASE_KEYS, f"unknown keys in the case: {set(case) - CASE_KEYS}"
    result = _judge(kind, rule_spec, case)
    assert result.status.value == case["status"], result.message.render("en")
    if "severity" in case:
        assert result.severity.value == case["severity"]
    if "ratio" in case:
        assert result.progress is not None and result.progress.ratio is not None
        assert f"{floor_ratio(result.progress.ratio):.3f}" == f"{case['ratio']:.3f}"
    if "method" in case:
        assert result.progress is not None and result.progress.method.value == case["method"]
    for lang, words in case.get("says", {}).items():
        text = result.message.render(lang)
        for word in words:
            assert word in text, f"{word!r} not in {text!r}"
