"""Hypothesis strategies for report files, and one checked run of planck over them.

Used by tests/test_fuzz.py (a bounded run in the default suite) and by fuzz/fuzz_reports.py
(a long run outside it). Files are written in the formats users send: YAML, JSON, CSV, XLSX.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import os
import re
import shlex
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from tests.conftest import ROOT, run_cli

KNOWN_IDS = [
    "rd_intensity",
    "fiscal_st_spending",
    "industrial_rd_to_revenue",
    "industrial_firms_with_rd_share",
    "high_tech_firms_per_10k_firms",
    "high_tech_revenue_share",
    "rd_personnel_per_10k",
    "tech_contract_value",
    "invention_patents_per_10k",
    "fiscal_st_share",
    "tech_smes",
    "high_tech_firms",
    "st_little_giants",
    "national_key_labs",
    "regional_key_labs",
    "tech_contract_turnover",
]
JURISDICTIONS = ["dushanzi", "独山子区", "Dushanzi District", "karamay", "克拉玛依市", "KARAMAY"]
UNITS = ["", "%", "万元", "亿元", "元", "万", "亿", "家", "件/万人", "kg", "％", " 万元", "个"]

# text that is hard for parsers and terminals alike
NASTY = st.sampled_from(
    [
        "\x1b[31m",
        "\x1b]0;t\x07",
        "[bold]",
        "[/]",
        "[@click=app.quit]",
        "<b>",
        "&amp;",
        "\u202e",
        "\u200f",
        "\ufeff",
        "\r",
        "\t",
        "'",
        '"',
        ",",
        ";",
        "：",
        "１２",
        "٣",
        "፩",
        "0x1F",
        "1e400",
        "-0",
        "010",
        ".nan",
        "~",
        "&a",
        "*a",
        "!!python/name:os.system",
        "%YAML 1.2",
        "---",
    ]
)
short_text = st.one_of(
    st.text(max_size=12), NASTY, st.builds(lambda a, b: a + b, NASTY, st.text(max_size=4))
)

finite = st.floats(allow_nan=False, allow_infinity=False)
anyfloat = st.floats()
ints = st.integers(-(10**20), 10**20)


@st.composite
def number_text(draw: st.DrawFn) -> str:
    """A number written as a person might: separators, full-width digits, a unit."""
    value = draw(st.one_of(finite, ints, st.sampled_from([0, 1.62, 2310, 1e-300, 1e300])))
    text = repr(value) if isinstance(value, float) else str(value)
    if draw(st.booleans()) and isinstance(value, int) and abs(value) >= 1000:
        text = f"{value:,}"
    if draw(st.booleans()):
        text = text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789.,-+"})
    return text + draw(st.sampled_from(UNITS))


leaf = st.one_of(st.none(), st.booleans(), ints, anyfloat, number_text(), short_text)
value = st.one_of(
    leaf,
    st.lists(leaf, max_size=3),
    st.dictionaries(
        st.sampled_from(["value", "unit", "previous", "note", "valeu"]),
        st.one_of(leaf, st.sampled_from(UNITS)),
        max_size=5,
    ),
)
indicator_id = st.one_of(st.sampled_from(KNOWN_IDS), st.text(min_size=1, max_size=20))
indicators = st.dictionaries(indicator_id, value, max_size=12)
year = st.one_of(
    st.integers(2019, 2027), st.integers(), short_text, anyfloat, st.none(), st.booleans()
)


@st.composite
def report(draw: st.DrawFn, series: bool = True) -> dict[str, Any]:
    """A report with the structure of SPEC §2 and random content; sometimes a broken one."""
    doc: dict[str, Any] = {
        "jurisdiction": draw(st.one_of(st.sampled_from(JURISDICTIONS), short_text)),
        "year": draw(st.one_of(st.integers(2021, 2025), year)),
        "indicators": draw(st.one_of(indicators, st.none(), leaf)),
    }
    if draw(st.booleans()):
        doc["planck"] = draw(st.sampled_from([1, 2, "1", None]))
    if draw(st.booleans()):
        doc["submitted_by"] = draw(short_text)
    if draw(st.integers(0, 9)) == 0:
        doc[draw(st.text(max_size=8))] = draw(leaf)
    if draw(st.integers(0, 9)) == 0:
        del doc[draw(st.sampled_from(sorted(doc)))]
    return doc


def _plain(x: Any) -> Any:
    """Data YAML and JSON can both hold (nan/inf become the text a person would type)."""
    if isinstance(x, float) and not math.isfinite(x):
        return str(x)
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    return x


def as_yaml(doc: Any) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def as_json(doc: Any, ascii_only: bool = False) -> str:
    """JSON as tools write it: raw UTF-8, or everything escaped (emoji as surrogate pairs)."""
    return json.dumps(_plain(doc), ensure_ascii=ascii_only, indent=None if ascii_only else 1)


def _cell(x: Any) -> Any:
    if x is None:
        return ""
    if isinstance(x, list | dict):
        return json.dumps(_plain(x), ensure_ascii=False)
    return x


def table_rows(docs: list[dict[str, Any]], chinese: bool) -> list[list[Any]]:
    """The long table (SPEC §2) holding the same reports."""
    header = ["地区", "年份", "指标", "数值", "单位", "备注", "上年值"]
    if not chinese:
        header = ["jurisdiction", "year", "indicator", "value", "unit", "note", "previous"]
    rows: list[list[Any]] = [header]
    for doc in docs:
        items = doc.get("indicators")
        if not isinstance(items, dict):
            items = {"rd_intensity": items}
        for key, entry in items.items():
            base = [_cell(doc.get("jurisdiction")), _cell(doc.get("year")), key]
            if isinstance(entry, dict):
                rows.append(
                    base + [_cell(entry.get(k)) for k in ("value", "unit", "note", "previous")]
                )
            else:
                rows.append(base + [_cell(entry), "", "", ""])
    return rows


def as_csv(docs: list[dict[str, Any]], chinese: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in table_rows(docs, chinese):
        writer.writerow([str(c) if not isinstance(c, str) else c for c in row])
    return out.getvalue()


def as_xlsx(docs: list[dict[str, Any]], chinese: bool) -> bytes:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in table_rows(docs, chinese):
        cells = []
        for c in row:
            if isinstance(c, str):
                c = ILLEGAL_CHARACTERS_RE.sub("", c)
            elif isinstance(c, float) and not math.isfinite(c):
                c = str(c)
            elif isinstance(c, int) and not isinstance(c, bool) and abs(c) > 10**15:
                c = str(c)
            cells.append(c)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return _fixed_time(out.getvalue())


def _fixed_time(package: bytes) -> bytes:
    """The same package bytes for the same rows (openpyxl stamps the save time into the zip
    and into docProps/core.xml), so that Hypothesis can replay an example exactly."""
    stamp = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = stamp.sub(b"2024-01-01T00:00:00Z", source.read(info.filename))
            target.writestr(zipfile.ZipInfo(info.filename, (2024, 1, 1, 0, 0, 0)), content)
    return out.getvalue()


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """A text with a few random edits: the hand-edited, truncated files users send."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "truncate", "dup"]))
        if action == "insert":
            text = text[:at] + draw(st.one_of(st.text(max_size=5), NASTY)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 10)) :]
        elif action == "truncate":
            text = text[:at]
        else:
            end = min(len(text), at + draw(st.integers(1, 40)))
            text = text[:end] + text[at:end] + text[end:]
    return text


@dataclass
class Outcome:
    code: int
    document: dict[str, Any]


CALLS = {"check": 0}  # how many inputs were run (the fuzz script reports it)


def check_files(files: dict[str, str | bytes], *extra: str, rules: str | None = None) -> Outcome:
    """Run `planck check --format json` (and the text format) on the files; assert what must
    hold for any input whatsoever. ``rules`` is a rule set given with --rules."""
    CALLS["check"] += 1
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as rules_dir:
        root = Path(folder)
        if rules is not None:
            rules_path = Path(rules_dir) / "fuzz.yaml"
            rules_path.write_bytes(rules.encode("utf-8", "surrogatepass"))
            extra = (*extra, "--rules", str(rules_path))
            lint = run_cli("rules", "lint", str(rules_path), "--lang", "en")
            assert lint.code in (0, 2), (lint.code, lint.err[-2000:])
        for name, content in files.items():
            path = root / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_bytes(content.encode("utf-8", "surrogatepass"))
        result = run_cli("check", str(root), "--format", "json", "--lang", "en", *extra)
        assert result.code in (0, 1, 2), (result.code, result.err[-2000:])
        assert "Traceback" not in result.err

        def refuse(name: str) -> object:
            raise AssertionError(f"the JSON output holds {name}")

        document = json.loads(result.out, parse_constant=refuse)
        assert document["exit_code"] == result.code
        lang = "zh" if len(result.out) % 2 else "en"  # both, without a random draw
        text = run_cli("check", str(root), "--lang", lang, *extra)
        assert text.code == result.code, (text.code, result.code, text.err[-2000:])
        for raw in ("\x1b", "\x07", "\u202e"):
            assert raw not in text.out and raw not in text.err, f"{raw!r} reached the terminal"
        return Outcome(result.code, document)


KINDS = ["at_least", "at_most", "non_decreasing", "qualitative"]


@st.composite
def ruleset(draw: st.DrawFn) -> dict[str, Any]:
    """A rule set for the jurisdiction 'testland' with random rules (SPEC §1 format)."""
    number = st.one_of(finite, ints, st.sampled_from([0, -1, 1e-300, 1e300]), short_text)
    rules = []
    for index in range(draw(st.integers(0, 4))):
        rule: dict[str, Any] = {
            "id": draw(st.sampled_from(KNOWN_IDS[:4] + [f"r{index}"])),
            "name": "指标",
            "name_en": "Indicator",
            "unit": draw(st.sampled_from(UNITS)),
            "kind": draw(st.one_of(st.sampled_from(KINDS), short_text)),
            "source": {"locator": "表1", "quote": "原文"},
        }
        if draw(st.booleans()):
            rule["target"] = draw(number)
        if draw(st.booleans()):
            rule["target_year"] = draw(st.one_of(st.integers(2019, 2027), number))
        if draw(st.booleans()):
            rule["baseline"] = {
                "year": draw(st.one_of(st.integers(2015, 2026), number)),
                "value": draw(number),
            }
        if draw(st.booleans()):
            rule["binding"] = draw(st.one_of(st.booleans(), short_text))
        rules.append(rule)
    return {
        "planck": 1,
        "id": "fuzz",
        "title": "测试",
        "title_en": "Test",
        "jurisdictions": {"testland": {"name": "测试区", "name_en": "Testland"}},
        "period": [draw(st.integers(2015, 2030)), draw(st.integers(2018, 2035))],
        "binding": draw(st.booleans()),
        "source": {
            "document": "文件",
            "issuer": "机关",
            "number": "1号",
            "date": "2022-01-01",
            "locator": "表1",
            "quote": "原文",
        },
        "rules": rules,
    }


@st.composite
def series_of_reports(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A series of reports for 'testland', one per year, with the ids rule sets may use."""
    years = draw(st.lists(st.integers(2018, 2030), min_size=1, max_size=4, unique=True))
    ids = KNOWN_IDS[:4] + ["r0", "r1", "r2", "r3"]
    return [
        {
            "jurisdiction": "testland",
            "year": y,
            "indicators": draw(st.dictionaries(st.sampled_from(ids), value, max_size=8)),
        }
        for y in years
    ]


def _comparable(outcome: Outcome) -> dict[str, Any]:
    """What a reader learns from a run, without file names and positions."""
    document = outcome.document

    def words(message: str) -> str:  # "also in /tmp/x/r0.yaml" -> "also in r0"
        return re.sub(r"\S*?(r\d+)\.(?:yaml|json)", r"\1", message)

    def unquoted(message: str) -> str:
        # an input error quotes the text as written, and the two writers spell some numbers
        # differently (YAML 1.0e-09, JSON 1e-09): compare what is said about it
        return re.sub(r"'[^']*'", "'…'", words(message))

    return {
        "exit_code": document["exit_code"],
        "reports": [
            (
                r["jurisdiction"],
                r["year"],
                [(x["rule"], x["status"], x["value"], words(x["message"])) for x in r["results"]],
            )
            for r in document["reports"]
        ],
        "errors": sorted(unquoted(e["message"]) for e in document["errors"]),
        "warnings": sorted(words(w["message"]) for w in document["warnings"]),
    }


def _without_yaml_breaks(x: Any) -> Any:
    """NEL, LS and PS are line breaks to YAML (PyYAML even writes them raw into quoted
    scalars, where they fold into spaces) but plain characters to JSON: keep them out of a
    comparison of the two."""
    if isinstance(x, str):
        return re.sub("[\x85\u2028\u2029]", "?", x)
    if isinstance(x, dict):
        return {_without_yaml_breaks(k): _without_yaml_breaks(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_without_yaml_breaks(v) for v in x]
    return x


def check_yaml_and_json_agree(docs: list[dict[str, Any]], ascii_only: bool) -> None:
    """The same reports written as YAML and as JSON give the same outcome."""
    plain = [_without_yaml_breaks(_plain(doc)) for doc in docs]
    from_yaml = check_files({f"r{i}.yaml": as_yaml(doc) for i, doc in enumerate(plain)})
    from_json = check_files({f"r{i}.json": as_json(doc, ascii_only) for i, doc in enumerate(plain)})
    assert _comparable(from_json) == _comparable(from_yaml)


# -- file names, the environment and signals (issue 13) ----------------------------------------

# Characters a file name may hold on Linux that mean something to a terminal, a shell, an editor
# or a markup language (NUL and "/" cannot be in a name).
NAME_CHARS = st.sampled_from(
    list("-+ :;'\"$`\\*?[]{}<>|&#%!~=,.") + ["\x1b", "\x07", "\x7f", "\x9b", "\u202e", "\t", "\n"]
)


@st.composite
def file_name(draw: st.DrawFn, suffix: str = ".yaml") -> str:
    """A hostile but possible report file name: may start with - or +, hold control characters,
    shell metacharacters, bidi marks or CJK."""
    parts = draw(
        st.lists(
            st.one_of(NAME_CHARS, st.sampled_from(["独山子", "ｒ", "a", "2023", "é"])),
            min_size=1,
            max_size=12,
        )
    )
    name = "".join(parts).replace("/", "")
    return (name if name.strip(".") else "x" + name)[:100] + suffix


PLAIN_REPORT = "jurisdiction: dushanzi\nyear: 2023\nindicators:\n  rd_intensity: 1.62\n"


def check_hostile_name(name: str) -> None:
    """A report under any name is read, and the name reaches the terminal cleaned."""
    CALLS["check"] += 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        text = PLAIN_REPORT
        if name.endswith(".json"):
            text = json.dumps(yaml.safe_load(PLAIN_REPORT))
        path.write_text(text, encoding="utf-8")
        runs = [["check", str(path)], ["report", str(path)]]
        if not name.startswith("."):  # a folder's hidden files are skipped, by design
            runs.append(["check", folder])
        for args in runs:
            result = run_cli(*args, "--lang", "en")
            assert result.code == 1, (args, result.code, result.err[-2000:])  # 8 indicators missing
            for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
                assert raw not in result.out and raw not in result.err, (
                    f"{raw!r} reached the terminal"
                )
        result = run_cli("check", str(path), "--format", "json")
        assert json.loads(result.out)["reports"][0]["file"] == str(path)


ENCODINGS = ["utf-8", "gbk", "gb18030", "ascii", "latin-1", "cp1252"]
COLUMNS = [None, "0", "-3", "abc", "1", "20", "80", "400"]


@dataclass
class Environment:
    encoding: str
    columns: str | None
    no_color: bool
    stdout: str  # "pipe" | "closed" | "gone" (the reader exits at once)
    stderr_closed: bool


@st.composite
def environment(draw: st.DrawFn) -> Environment:
    return Environment(
        draw(st.sampled_from(ENCODINGS)),
        draw(st.sampled_from(COLUMNS)),
        draw(st.booleans()),
        draw(st.sampled_from(["pipe", "closed", "gone"])),
        draw(st.booleans()),
    )


def run_in(env: Environment, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """`python -m planck ARGS` in a shell with the given streams and environment."""
    variables = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    variables["PYTHONIOENCODING"] = env.encoding
    variables.pop("PLANCK_LANG", None)
    if env.columns is not None:
        variables["COLUMNS"] = env.columns
    if env.no_color:
        variables["NO_COLOR"] = "1"
    command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "planck", *args])
    if env.stdout == "closed":
        command += " >&-"
    elif env.stdout == "gone":
        command += " | true; exit ${PIPESTATUS[0]}"
    if env.stderr_closed:
        command = f"{{ {command}; }} 2>&-"
    return subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        capture_output=True,
        env=variables,
        timeout=120,
    )


def check_environment(env: Environment, args: list[str], expected: int) -> None:
    """Whatever the streams and locale, the exit code is the verdict's and nothing crashes."""
    CALLS["check"] += 1
    done = run_in(env, args)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == expected, (env, args, done.returncode, stderr[-2000:])
    assert "Traceback" not in stderr, (env, args, stderr[-2000:])


@functools.cache
def _whole_output(fmt: str) -> str:
    """What `check examples --format FMT=FILE` writes when nothing stops it."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"out.{fmt}"
        subprocess.run(
            [sys.executable, "-m", "planck", "check", "examples", "--format", f"{fmt}={out}"],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        return out.read_text(encoding="utf-8")


def check_signal(signum: int, delay: float, fmt: str) -> None:
    """A run stopped by SIGINT or SIGTERM at any moment ends with its verdict's code (if it had
    finished) or 130/143, leaves the output file old or whole, no temporary file, no traceback."""
    CALLS["check"] += 1
    import signal
    import time

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"out.{fmt}"
        out.write_text("old\n", encoding="utf-8")
        # The delay starts once the interpreter is up and planck imported: a signal during
        # Python's own start-up is the interpreter's business, not planck's.
        starter = (
            "import sys, planck.cli; print('READY', file=sys.stderr, flush=True); planck.cli.run()"
        )
        process = subprocess.Popen(
            [sys.executable, "-c", starter, "check", "examples", "--format", f"{fmt}={out}"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stderr is not None
        assert process.stderr.readline() == b"READY\n"
        time.sleep(delay)
        process.send_signal(signum)
        _, err = process.communicate(timeout=120)
        stopped = {signal.SIGINT: 130, signal.SIGTERM: 143}[signal.Signals(signum)]
        # 2: the examples hold two files with input errors, by design; a signal that arrives
        # before Python has set up its handlers ends the process the signal's default way
        assert process.returncode in (2, stopped, -signum), (process.returncode, err[-2000:])
        assert b"Traceback" not in err, err[-2000:]
        assert sorted(p.name for p in Path(folder).iterdir()) == [out.name]
        content = out.read_text(encoding="utf-8")
        # old, or whole: the signal may come after the file was written, before the exit
        assert content in ("old\n", _whole_output(fmt)), content[:200]
