"""A check in worker processes (planck.engine) writes exactly what one process writes.

The set below is laid out by year (2021/p03.yaml …), so every jurisdiction's reports are split
between the workers' first-round shares and must be gathered again; it also holds a CSV with
several jurisdictions, a duplicate report, a file that does not parse, an unknown key, a year
outside the plan period, an unknown jurisdiction and `previous` values that disagree.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planck.engine import run as engine
from planck.engine import sharing
from planck.sources.discover import discover
from tests.conftest import run_cli, run_subprocess

PLACES = 40  # 125 files: enough for three workers of at least 32 files
YEARS = (2021, 2022, 2023)

RULES = """planck: 1
id: par-plan
title: 并行测试规划
title_en: Parallel test plan
jurisdictions:
{places}
period: [2021, 2025]
binding: true
source: {{document: 测试, issuer: planck, number: null, date: 2026-01-01, locator: 表1, quote: 测试}}
rules:
  - {{id: rd, name: 研发投入强度, name_en: R&D intensity, unit: "%", kind: at_least, target: 2, target_year: 2025, baseline: {{year: 2020, value: 1.2}}}}
  - {{id: spend, name: 财政科技支出, name_en: Fiscal S&T spending, unit: 万元, kind: non_decreasing}}
  - {{id: firms, name: 高新技术企业数, name_en: High-tech firms, unit: 家, kind: at_least, target: 150, target_year: 2025}}
  - {{id: labs, name: 重点实验室, name_en: Key labs, unit: 个, kind: qualitative}}
"""


def _report(place: int, year: int) -> str:
    spend = 900 + 13 * place + 40 * (year - 2021) * (-1 if place % 7 == 0 else 1)
    previous = spend - (25 if place % 3 else -60)  # every third place: a `previous` that disagrees
    firms = f"{80 + place + 20 * (year - 2021)}" if place % 11 else "null"
    return (
        f"jurisdiction: p{place:02d}\n"
        f"year: {year}\n" + ("extra_key: 1\n" if place == 5 else "") + "indicators:\n"
        f"  rd: {1.2 + 0.05 * place + 0.1 * (year - 2021):.2f}\n"
        f"  spend: {{value: {spend}, previous: {previous}}}\n"
        f"  firms: {firms}\n"
        f"  labs: {place % 4}\n" + ('  note_only: "样例"\n' if place == 9 else "")
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parallel")
    places = "\n".join(
        f"  p{i:02d}: {{name: 区{i:02d}, name_en: Place {i}}}" for i in range(PLACES)
    )
    (root / "rules.yaml").write_text(RULES.format(places=places), encoding="utf-8")
    reports = root / "reports"
    for year in YEARS:
        (reports / str(year)).mkdir(parents=True)
        for place in range(PLACES):
            (reports / str(year) / f"p{place:02d}.yaml").write_text(
                _report(place, year), encoding="utf-8"
            )
    (reports / "2024.csv").write_text(
        "地区,年份,指标,数值,单位,备注,上年值\n"
        + "".join(
            f"p{place:02d},2024,rd,{1.9 + place / 100:.2f}%,,,\n"
            f"p{place:02d},2024,spend,{1200 + place},万元,,\n"
            for place in (0, 14, 15, 29, 30, 39)
        ),
        encoding="utf-8",
    )
    extra = reports / "zz-extra"
    extra.mkdir()
    (extra / "dup-p03-2022.yaml").write_text(_report(3, 2022), encoding="utf-8")
    (extra / "broken.yaml").write_text("jurisdiction: p01\nyear: [2022\n", encoding="utf-8")
    (extra / "late.yaml").write_text(_report(7, 2030), encoding="utf-8")
    (extra / "stranger.yaml").write_text(
        _report(1, 2022).replace("p01", "nowhere"), encoding="utf-8"
    )
    return root


def _check(tree: Path, jobs: int, *extra: str) -> tuple[int, str, str]:
    result = run_cli(
        "check",
        "--format",
        "json",
        "--jobs",
        str(jobs),
        "--rules",
        "rules.yaml",
        *extra,
        "reports",
        cwd=tree,
    )
    return result.code, result.out, result.err


def test_the_set_is_large_enough_to_be_shared_out(tree: Path) -> None:
    files, errors = discover([str(tree / "reports")])
    assert not errors
    assert sharing.worth_it(files, 2)
    assert len(files) // sharing.MIN_SHARE >= 3  # so --jobs 3 and 7 run three workers


@pytest.mark.parametrize("extra", [(), ("--lang", "en"), ("--strict",)])
def test_workers_write_the_same_bytes_as_one_process(
    tree: Path, extra: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[int] = []
    real = engine.check_json

    def spy(job: engine.Job, *args: object, **kwargs: object) -> engine.JsonRun | None:
        used.append(job.jobs)
        return real(job, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "check_json", spy)
    one = _check(tree, 1, *extra)
    assert used == []  # --jobs 1 runs in this process
    for jobs in (2, 3, 7):
        assert _check(tree, jobs, *extra) == one
    assert used == [2, 3, 7]
    code, out, _ = one
    assert code == 2  # the broken file, the duplicate, the stranger and 2030 are input errors
    for fragment in ('"file": "reports/2024.csv"', "dup-p03-2022.yaml", "broken.yaml", "2030"):
        assert fragment in out
    assert '"warnings": [\n' in out  # disagreeing `previous` values and unknown keys


def test_output_file_and_stderr_diagnostics_are_the_same(tree: Path) -> None:
    outputs = []
    for jobs in (1, 2):
        target = tree / f"out-{jobs}.json"
        code, out, err = _check(tree, jobs, "--output", str(target))
        outputs.append((code, out, err, target.read_bytes()))
        target.unlink()
    assert outputs[0] == outputs[1]
    assert "broken.yaml" in outputs[0][2]  # the errors are told on stderr


def test_a_real_process_gives_the_same_output(tree: Path) -> None:
    runs = [
        run_subprocess(
            "check", "-f", "json", "-j", jobs, "--rules", "rules.yaml", "reports", cwd=tree
        )
        for jobs in ("1", "2")
    ]
    assert runs[0].returncode == runs[1].returncode == 2
    assert runs[0].stdout == runs[1].stdout
    assert "Traceback" not in runs[1].stderr


def test_a_failing_worker_stops_the_run_and_leaves_no_process(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug in evaluation")

    # The workers are forked from this process, so they evaluate with the broken function.
    monkeypatch.setattr(engine, "evaluate", broken)
    with pytest.raises(ZeroDivisionError, match="a bug in evaluation"):
        _check(tree, 2)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every worker has been waited for


def test_a_killed_worker_is_told_plainly(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), 9)  # as the kernel's out-of-memory killer would

    monkeypatch.setattr(engine, "evaluate", killed)
    code, out, err = _check(tree, 2)
    assert code == 2
    assert "stopped unexpectedly" in err or "意外退出" in err
    assert "--jobs 1" in err
    assert "Traceback" not in err
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_jobs_must_be_a_positive_whole_number(tree: Path) -> None:
    for bad in ("0", "-1", "two"):
        result = run_subprocess("check", "--jobs", bad, "reports", cwd=tree)
        assert result.returncode == 2
        assert "--jobs" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_big_spreadsheet_gives_the_same_output_whatever_jobs(tmp_path: Path) -> None:
    # One CSV cannot be shared out by file: whatever --jobs, it is checked in one process.
    places = "\n".join(f"  p{i:02d}: {{name: 区{i:02d}, name_en: Place {i}}}" for i in range(12))
    (tmp_path / "rules.yaml").write_text(RULES.format(places=places), encoding="utf-8")
    rows = ["地区,年份,指标,数值,单位,备注,上年值"]
    for place in range(12):
        for year in (2021, 2022, 2023):
            rows.append(f"p{place:02d},{year},rd,{1.3 + place / 50 + (year - 2021) / 10:.2f}%,,,")
            rows.append(f"p{place:02d},{year},spend,{1000 + 7 * place - 30 * (year % 2)},万元,,")
            rows.append(f"p{place:02d},{year},firms,{90 + place},,,{88 + place}")
    (tmp_path / "all.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "late.csv").write_text(  # an input error beside it
        f"{rows[0]}\nnowhere,2022,rd,1.5%,,,\n", encoding="utf-8"
    )
    csvs = ("all.csv", "late.csv")
    runs = [
        run_cli("check", "-f", "json", "-j", jobs, "--rules", "rules.yaml", *csvs, cwd=tmp_path)
        for jobs in ("1", "2", "3")
    ]
    assert runs[0].code == runs[1].code == runs[2].code == 2
    assert runs[0].out == runs[1].out == runs[2].out
    assert '"jurisdiction": "p11"' in runs[0].out and "nowhere" in runs[0].out


def test_a_rule_set_the_schema_refuses_is_refused_as_in_one_process(tree: Path) -> None:
    # An unknown key, which the rule-set builder itself would ignore: only the schema check
    # refuses it, and it must do so with workers as in one process.
    text = (tree / "rules.yaml").read_text(encoding="utf-8")
    (tree / "odd-rules.yaml").write_text(
        text.replace("id: par-plan", "id: par-plan\nunexpected_key: 1"), encoding="utf-8"
    )
    runs = [
        run_cli("check", "-f", "json", "-j", jobs, "--rules", "odd-rules.yaml", "reports", cwd=tree)
        for jobs in ("1", "2")
    ]
    assert runs[0].code == runs[1].code == 2
    assert runs[0].out == runs[1].out
    assert "odd-rules.yaml" in runs[0].out and "unexpected_key" in runs[0].out
