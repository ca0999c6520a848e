"""Fuzzing in the default run: bounded, derandomised Hypothesis runs over generated report
files. Whatever the input, `planck check` ends with 0, 1 or 2, valid JSON and no traceback.
fuzz/fuzz_reports.py runs the same properties for much longer."""

from __future__ import annotations

import signal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import (
    Environment,
    as_csv,
    as_json,
    as_xlsx,
    as_yaml,
    check_environment,
    check_files,
    check_hostile_name,
    check_signal,
    check_yaml_and_json_agree,
    environment,
    file_name,
    mutated,
    report,
    ruleset,
    series_of_reports,
)

BOUNDED = settings(
    max_examples=40,
    deadline=5000,  # ms per example: generous for a slow CI machine, still bounded
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@BOUNDED
@given(st.lists(report(), min_size=1, max_size=3), st.sampled_from(["yaml", "json", "json-ascii"]))
def test_structured_reports(docs: list[dict[str, Any]], form: str) -> None:
    def dump(doc: dict[str, Any]) -> str:
        return as_yaml(doc) if form == "yaml" else as_json(doc, ascii_only=form == "json-ascii")

    suffix = "yaml" if form == "yaml" else "json"
    check_files({f"r{i}.{suffix}": dump(doc) for i, doc in enumerate(docs)})


@BOUNDED
@given(st.lists(report(), min_size=1, max_size=2), st.booleans())
def test_yaml_and_json_agree(docs: list[dict[str, Any]], ascii_only: bool) -> None:
    check_yaml_and_json_agree(docs, ascii_only)


@BOUNDED
@given(st.lists(report(), min_size=1, max_size=3), st.booleans())
def test_structured_tables(docs: list[dict[str, Any]], chinese: bool) -> None:
    check_files({"r.csv": as_csv(docs, chinese)})


@settings(BOUNDED, max_examples=15)
@given(st.lists(report(), min_size=1, max_size=2), st.booleans())
def test_structured_workbooks(docs: list[dict[str, Any]], chinese: bool) -> None:
    check_files({"r.xlsx": as_xlsx(docs, chinese)})


@BOUNDED
@given(st.data(), st.sampled_from(["yaml", "json", "csv"]))
def test_edited_and_random_text(data: st.DataObject, form: str) -> None:
    doc = data.draw(report())
    text = (
        as_yaml(doc) if form == "yaml" else as_json(doc) if form == "json" else as_csv([doc], False)
    )
    text = data.draw(st.one_of(mutated(text), st.text(max_size=200)))
    check_files({f"r.{form}": text})


@settings(BOUNDED, max_examples=20)
@given(st.binary(max_size=300), st.sampled_from(["yaml", "json", "csv", "xlsx"]))
def test_random_bytes(data: bytes, suffix: str) -> None:
    outcome = check_files({f"r.{suffix}": data})
    assert outcome.code == 2 or outcome.document["reports"]


@settings(BOUNDED, max_examples=30)
@given(ruleset(), series_of_reports())
def test_random_rule_sets(rules: dict[str, Any], docs: list[dict[str, Any]]) -> None:
    check_files({f"r{i}.yaml": as_yaml(doc) for i, doc in enumerate(docs)}, rules=as_yaml(rules))


@settings(BOUNDED, max_examples=15)
@given(st.one_of(file_name(".yaml"), file_name(".json"), file_name(".yml")))
def test_hostile_file_names(name: str) -> None:
    check_hostile_name(name)


# The expected exit codes of the runs below, from planck's own verdict on the examples.
_RUNS = [
    (["check", "examples/dushanzi"], 0),
    (["check", "examples/failing", "--format", "json"], 1),
    (["check", "examples/failing", "--format", "markdown"], 1),
    (["report", "examples/karamay"], 0),
    (["check", "examples"], 2),
]


@settings(BOUNDED, max_examples=12, deadline=None)
@given(environment(), st.sampled_from(_RUNS))
def test_any_environment_keeps_the_verdict(env: Environment, run: tuple[list[str], int]) -> None:
    args, expected = run
    check_environment(env, args, expected)


@settings(BOUNDED, max_examples=6, deadline=None)
@given(
    st.sampled_from([signal.SIGINT, signal.SIGTERM]),
    st.floats(0.0, 0.6),
    st.sampled_from(["json", "sarif", "junit"]),
)
def test_a_signal_at_any_moment_loses_nothing(signum: int, delay: float, fmt: str) -> None:
    check_signal(signum, delay, fmt)
