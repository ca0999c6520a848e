"""Long fuzzing run of `planck check` (outside the default test run).

    python fuzz/fuzz_reports.py                 # every target, 2000 examples each
    python fuzz/fuzz_reports.py --examples 500 --target tables --target xlsx-bytes
    python fuzz/fuzz_reports.py --examples 200 --target names --target environment --target signals

Uses the strategies of tests/fuzzing.py (the default suite runs the same properties with a
few dozen derandomised examples) with many random examples each, plus targets too slow for
the default run (mutated .xlsx packages). A failure prints Hypothesis's smallest failing
example and the run goes on with the next target; the exit status is 1 if any target failed.
Found examples are kept in .hypothesis/ and replayed first next time.
"""

from __future__ import annotations

import argparse
import io
import signal
import sys
import time
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.fuzzing import (  # noqa: E402
    CALLS,
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


def _structured(docs: list[dict[str, Any]], form: str) -> None:
    def dump(doc: dict[str, Any]) -> str:
        return as_yaml(doc) if form == "yaml" else as_json(doc, ascii_only=form == "json-ascii")

    suffix = "yaml" if form == "yaml" else "json"
    check_files({f"r{i}.{suffix}": dump(doc) for i, doc in enumerate(docs)})


def _tables(docs: list[dict[str, Any]], chinese: bool) -> None:
    check_files({"r.csv": as_csv(docs, chinese)})


def _workbooks(docs: list[dict[str, Any]], chinese: bool) -> None:
    check_files({"r.xlsx": as_xlsx(docs, chinese)})


def _edited(data: st.DataObject, form: str) -> None:
    doc = data.draw(report())
    text = {"yaml": as_yaml, "json": as_json}.get(form, lambda d: as_csv([d], False))(doc)
    check_files({f"r.{form}": data.draw(st.one_of(mutated(text), st.text(max_size=400)))})


def _bytes(data: bytes, suffix: str) -> None:
    check_files({f"r.{suffix}": data})


def _xlsx_bytes(data: st.DataObject) -> None:
    """A real workbook whose parts (XML text or raw bytes) have been edited."""
    docs = data.draw(st.lists(report(), min_size=1, max_size=2))
    package = as_xlsx(docs, data.draw(st.booleans()))
    if data.draw(st.booleans()):
        raw = bytearray(package)
        for _ in range(data.draw(st.integers(1, 8))):
            # modulo, not a bound from len(): the package's length varies with its timestamp,
            # and Hypothesis needs the same draws to replay an example
            at = data.draw(st.integers(0, 10**7)) % len(raw)
            raw[at] = data.draw(st.integers(0, 255))
        check_files({"r.xlsx": bytes(raw)})
        return
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts = {i.filename: source.read(i.filename) for i in source.infolist()}
    name = data.draw(st.sampled_from(sorted(parts)))
    parts[name] = data.draw(mutated(parts[name].decode("utf-8"))).encode("utf-8", "surrogatepass")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)
    check_files({"r.xlsx": out.getvalue()})


# Runs over the examples and the exit code of their verdict.
RUNS = [
    (("check", "examples/dushanzi"), 0),
    (("check", "examples/failing", "--format", "json"), 1),
    (("check", "examples/failing", "--format", "sarif"), 1),
    (("check", "examples/failing", "--format", "github"), 1),
    (("report", "examples/karamay"), 0),
    (("report", "examples/failing", "--lang", "en"), 1),
    (("rules", "list"), 0),
    (("check", "examples"), 2),
]


def _environment(env: Environment, run: tuple[tuple[str, ...], int]) -> None:
    check_environment(env, list(run[0]), run[1])


def _rules(rules: dict[str, Any], docs: list[dict[str, Any]]) -> None:
    check_files({f"r{i}.yaml": as_yaml(d) for i, d in enumerate(docs)}, rules=as_yaml(rules))


TARGETS: dict[str, tuple[Callable[..., None], tuple[Any, ...]]] = {
    "structured": (
        _structured,
        (
            st.lists(report(), min_size=1, max_size=3),
            st.sampled_from(["yaml", "json", "json-ascii"]),
        ),
    ),
    "yaml-json": (
        check_yaml_and_json_agree,
        (st.lists(report(), min_size=1, max_size=2), st.booleans()),
    ),
    "tables": (_tables, (st.lists(report(), min_size=1, max_size=3), st.booleans())),
    "workbooks": (_workbooks, (st.lists(report(), min_size=1, max_size=2), st.booleans())),
    "edited": (_edited, (st.data(), st.sampled_from(["yaml", "json", "csv"]))),
    "bytes": (_bytes, (st.binary(max_size=600), st.sampled_from(["yaml", "json", "csv", "xlsx"]))),
    "xlsx-bytes": (_xlsx_bytes, (st.data(),)),
    "rules": (_rules, (ruleset(), series_of_reports())),
    "names": (check_hostile_name, (st.one_of(file_name(".yaml"), file_name(".json")),)),
    "environment": (_environment, (environment(), st.sampled_from(RUNS))),
    "signals": (
        check_signal,
        (
            st.sampled_from([signal.SIGINT, signal.SIGTERM]),
            st.floats(0.0, 1.0),
            st.sampled_from(["json", "sarif", "junit", "github", "markdown"]),
        ),
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=2000, help="examples per target")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help="default: all")
    args = parser.parse_args()
    failed = []
    total_start = time.perf_counter()
    for name in args.target or list(TARGETS):
        function, strategies = TARGETS[name]
        test = settings(
            max_examples=args.examples,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )(given(*strategies)(function))
        before = CALLS["check"]
        start = time.perf_counter()
        try:
            test()
            status = "ok"
        except Exception:  # report and go on with the next target
            status = "FAILED"
            failed.append(name)
            traceback.print_exc()
        runs = CALLS["check"] - before
        print(
            f"{name:12} {status:6} {runs:6} inputs run in {time.perf_counter() - start:7.1f} s",
            flush=True,
        )
    print(
        f"total: {CALLS['check']} inputs in {time.perf_counter() - total_start:.0f} s; failed: {failed or 'none'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
