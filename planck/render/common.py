"""Words and numbers every output format shows the same way. Imports nothing heavy (no Rich),
so that the CI formats can use it.

Strings returned here are plain and uncleaned: each format escapes them for its own medium
(terminal, XML, JSON, Markdown, HTML, workflow commands).
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

from planck.domain import kinds
from planck.domain.kinds.phrasing import kind_label
from planck.domain.progress import floor_ratio
from planck.domain.values import fmt_beside, projected
from planck.i18n import Lang, Msg, msg, word
from planck.model import Kind, Result, Rule, RuleSet, Severity, Status, status_label

# A symbol beside the word, so that status never depends on colour alone.
STATUS_MARK: dict[Status, str] = {
    Status.MET: "✓",
    Status.ON_TRACK: "✓",
    Status.NEEDS_ACCELERATION: "!",
    Status.LIMITED_PROGRESS: "!",
    Status.DETERIORATING: "↓",
    Status.MISSED: "✗",
    Status.MISSING: "✗",
    Status.INVALID: "✗",
    Status.SUSPECT: "✗",
    Status.UNASSESSED: "?",
    Status.REVIEW: "?",
}

Tone = Literal["ok", "info", "warn", "fail"]

# --- symbols a terminal's encoding may lack -------------------------------------------------

# What the symbols become where the output's encoding lacks them (PYTHONIOENCODING=ascii or
# gbk, LC_ALL=C): ASCII stand-ins that keep the statuses apart. Never "?", which is the mark
# of `unassessed` and `review`.
SYMBOL_FALLBACK: dict[str, str] = {
    "✓": "v",
    "✗": "x",
    "↓": "-",
    "≥": ">=",
    "≤": "<=",
    "—": "-",
    "–": "-",
    "─": "-",
    "━": "=",
    "█": "#",
    "░": ".",
    "▏": "+",
    "▎": "+",
    "▍": "+",
    "▌": "+",
    "▋": "+",
    "▊": "+",
    "▉": "+",
    "·": "|",
    "…": "...",
    "⏎": "/",
    "•": "*",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "→": "->",
    "▼": "v",
}

# The stand-ins in force: a str.translate table, empty where every symbol can be shown. Set
# for a block by symbols_for(); else the process's own (use_symbols_for(), for the review,
# whose screen is also drawn from callbacks that worker threads hand over without a context).
_FALLBACK: ContextVar[dict[int, str] | None] = ContextVar("planck_symbol_fallback", default=None)
_PROCESS_FALLBACK: dict[int, str] = {}


def can_encode(text: str, stream: object) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


def fallback_table(stream: object) -> dict[int, str]:
    """str.translate table: each symbol ``stream`` cannot encode to its ASCII stand-in."""
    return {ord(ch): alt for ch, alt in SYMBOL_FALLBACK.items() if not can_encode(ch, stream)}


def use_symbols_for(stream: object) -> None:
    """From now on, in this process (and a child it forks), symbols come out as ``stream`` can
    show them wherever no symbols_for() block says otherwise."""
    _PROCESS_FALLBACK.clear()
    _PROCESS_FALLBACK.update(fallback_table(stream))


@contextmanager
def symbols_for(stream: object | None = None) -> Iterator[None]:
    """Inside this block, marks and the symbols that change the width of a cell (≥ ≤ …) are
    written as ASCII where ``stream`` (default: stdout) cannot encode them, so that tables
    laid out here keep their columns when printed there."""
    token = _FALLBACK.set(fallback_table(sys.stdout if stream is None else stream))
    try:
        yield
    finally:
        _FALLBACK.reset(token)


def symbol(text: str) -> str:
    """``text`` with the symbols the current output lacks replaced (see symbols_for)."""
    table = _FALLBACK.get()
    if table is None:
        table = _PROCESS_FALLBACK
    return text.translate(table) if table else text


def status_mark(status: Status) -> str:
    """✓ ✗ ! ↓ ?, or v x ! - ? where the output cannot show them."""
    return symbol(STATUS_MARK[status])


# --- cells of bounded width -----------------------------------------------------------------

# A value or target cell is never wider than this (terminal cells), whatever the number or the
# unit: the status, indicator and message columns must stay on the screen.
VALUE_CELL_MAX = 16
TARGET_CELL_MAX = 20
NUMBER_MAX = 12  # a number longer than this is written in its shortest exact form (1e+300)


def display_width(text: str) -> int:
    """Terminal cells (or spreadsheet columns) of ``text``: East Asian wide characters take
    two. Without Rich, for the formats that do not load it."""
    if text.isascii():  # most cells: numbers, and units such as %
        return len(text)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, ending in an ellipsis when cut."""
    if display_width(text) <= width:
        return text
    mark = symbol("…")
    room = max(width - len(mark), 0)
    out = ""
    for ch in text:
        if display_width(out + ch) > room:
            break
        out += ch
    return out + mark


def number_text(value: float, *references: float | None) -> str:
    """A number for a cell: as values.fmt_beside writes it beside ``references``, or, when that
    is longer than NUMBER_MAX characters, Python's shortest form that reads back as the same
    number, so that the cell stays narrow and says nothing the value does not."""
    text = fmt_beside(value, *references)
    if len(text) > NUMBER_MAX and math.isfinite(value):
        text = repr(float(value))
    return text


def with_unit(number: str, unit: str, width: int) -> str:
    """``number`` followed by ``unit``; the unit, never the number, is cut to fit ``width``."""
    return number + fit(unit, max(width - display_width(number), 4))


# A report year in which nothing could be assessed (every result unassessed or left to a
# person) has passed nothing: it gets its own mark and words, never ✓ 通过.
NOT_ASSESSED_MARK = "?"
_NOT_ASSESSED = (Status.UNASSESSED, Status.REVIEW)


def nothing_assessed(results: Iterable[Result]) -> bool:
    """True when no result says anything about the targets: every one is `unassessed` or
    `review` (or there is none)."""
    return all(r.status in _NOT_ASSESSED for r in results)


def not_assessed_text(lang: Lang) -> str:
    """'? 无法评估' / '? not assessable'."""
    return f"{NOT_ASSESSED_MARK} {word('note.not_assessed', lang)}"


def not_assessed_sentence(lang: Lang) -> str:
    """The verdict line of a report year in which nothing could be assessed."""
    return not_assessed_text(lang) + word("note.not_assessed_why", lang)


def note_label(key: str, lang: Lang) -> str:
    """The label of a note shown with a value (SPEC §2, §3): note, verified, suggestion."""
    return word("note." + key, lang)


def value_notes(result: Result, lang: Lang) -> list[tuple[str, str]]:
    """(key, text) of what is said about a result's value besides its message, in the order
    shown: the report's note, its 核实说明 (verified), and for a suspect value the likely
    reading, unless the message already says it."""
    out: list[tuple[str, str]] = []
    if result.note:
        out.append(("note", result.note))
    if result.verified:
        out.append(("verified", result.verified))
    if result.suggestion is not None:
        text = result.suggestion.render(lang).strip()
        if text and text not in result.message.render(lang):
            out.append(("suggestion", text))
    return out


def status_word(result: Result, lang: Lang) -> str:
    """The status with its symbol: '✗ 缺报', '! needs acceleration'."""
    return status_phrase(result.status, lang)


def status_phrase(status: Status, lang: Lang) -> str:
    """A status with its symbol, as every status cell reads."""
    return f"{status_mark(status)} {status_label(status, lang)}"


SEVERITY_TONE: dict[Severity, Tone] = {
    Severity.INFO: "ok",
    Severity.WARNING: "warn",
    Severity.ERROR: "fail",
}


def tone(severity: Severity) -> Tone:
    return SEVERITY_TONE[severity]


def result_tone(result: Result) -> Tone:
    """Like :func:`tone`, but results that a person must still look at (no progress could be
    measured, or a qualitative target) are `info`, not `ok`."""
    if result.severity is Severity.INFO and result.status in (Status.UNASSESSED, Status.REVIEW):
        return "info"
    return tone(result.severity)


def target_text(result: Result, lang: Lang) -> str:
    rule = result.rule
    ge = symbol("≥")
    if rule.kind is Kind.NON_DECREASING:
        if result.compared_with is not None:
            number = number_text(result.compared_with[1])
            year = result.compared_with[0]
            return f"{ge} {number}" + word("punct.paren", lang, x=year)
        return kind_label(rule.kind, lang)
    if rule.kind is Kind.QUALITATIVE:
        return kind_label(rule.kind, lang)
    return goal_cell(rule, lang)


def goal_cell(rule: Rule, lang: Lang) -> str:
    """A target kind's target for a narrow cell: '≥ 2%', '≤ 0.4325吨' (x* of a cumulative
    change), '年均 ≥ 7%' (a yearly growth rate, whatever the indicator's unit)."""
    if rule.kind is Kind.GROWTH_AT_LEAST:
        rate = symbol("—") if rule.target is None else number_text(rule.target)
        ge = symbol("≥")
        return msg("年均 {ge} {r}%", "{ge} {r}%/yr", ge=ge, r=rate).render(lang)
    goal = kinds.goal(rule)
    op = symbol("≤") if kinds.lower_is_better(rule) else symbol("≥")
    number = symbol("—") if goal is None else number_text(goal)
    return with_unit(f"{op} {number}", rule.unit, TARGET_CELL_MAX)


def value_text(result: Result) -> str:
    """The value with its unit, at most VALUE_CELL_MAX cells wide, with the digits that keep it
    apart from what it is compared with (its target, or last year's value), so that the table
    never contradicts the verdict beside it."""
    if result.value is None:
        return symbol("—")
    compared = result.compared_with[1] if result.compared_with is not None else None
    number = number_text(result.value, kinds.goal(result.rule), compared)
    return with_unit(number, result.rule.unit, VALUE_CELL_MAX)


def shown_projection(result: Result) -> float | None:
    """The value the current pace leads to in the target year, as a report shows it: a whole
    number for counted things, rounded toward the verdict (down for a target to reach, up for
    a ceiling) so that it never reads as reaching a target it misses."""
    progress = result.progress
    if progress is None:
        return None
    return projected(progress.projection, result.rule.unit, kinds.lower_is_better(result.rule))


def ratio_text(result: Result) -> str:
    if result.progress is None or result.progress.ratio is None:
        return "—"
    return f"{floor_ratio(result.progress.ratio):.3f}"


def attainment(result: Result) -> float | None:
    """How much of its target a value reaches (1.0 = the target exactly), for progress bars.
    For `non_decreasing` the target is the previous year's value. None when there is nothing
    to measure against (missing or invalid value, qualitative rule, no previous value)."""
    value = result.value
    rule = result.rule
    if value is None or rule.kind is Kind.QUALITATIVE:
        return None
    if rule.kind is Kind.NON_DECREASING:
        if result.compared_with is None:
            return None
        reference = result.compared_with[1]
        return value / reference if reference > 0 else 1.0
    goal = kinds.goal(rule)  # None for a growth rate: no value to reach
    if goal is None:
        return None
    if kinds.lower_is_better(rule):
        if value <= goal:
            return 1.0
        return goal / value if value > 0 else 1.0
    if goal <= 0:
        return 1.0
    return max(0.0, value / goal)


def attainment_text(share: float | None) -> str:
    """Whole percent, cut rather than rounded: 99.6% of a target is not shown as 100%."""
    if share is None:
        return symbol("—")
    if share >= 10:  # 1000% and more: the size of the number is the news, not its digits
        return ">999%"
    return f"{math.floor(share * 100 + 1e-9)}%"


def bar_text(share: float | None, width: int = 10) -> str:
    """A progress bar in block characters that reads without colour (text files, Markdown):
    full blocks for the part reached, light shade for the rest, eighths for precision."""
    if share is None:
        return ""
    eighths = round(min(max(share, 0.0), 1.0) * width * 8)
    if share < 1.0:
        eighths = min(eighths, width * 8 - 1)  # a bar that looks full must mean the target
    full, part = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[part] if part else ""
    if partial:
        return "█" * full + partial + "░" * (width - full - 1)
    return "█" * full + "░" * (width - full)


def status_counts(results: Iterable[Result]) -> list[tuple[Status, int]]:
    """(status, count) for every status that occurs, in the order of SPEC §3."""
    counts = Counter(r.status for r in results)
    return [(status, counts[status]) for status in Status if counts[status]]


def counts_text(results: Iterable[Result], lang: Lang) -> str:
    return " · ".join(f"{status_label(s, lang)} {n}" for s, n in status_counts(results))


@dataclass(frozen=True, slots=True)
class Verdict:
    """The one-line conclusion of a run, shared by every format that has one."""

    tone: Tone
    text: Msg

    def render(self, lang: Lang) -> str:
        return self.text.render(lang)


def verdict(
    results: list[Result], exit_code: int, input_errors: int, where: Msg | None = None
) -> Verdict:
    """``where`` tells a reader where input errors are listed ('see above')."""
    errors = sum(r.severity is Severity.ERROR for r in results)
    warnings = sum(r.severity is Severity.WARNING for r in results)
    if exit_code == 2:
        zh = f"✗ 输入错误：有 {input_errors} 个输入错误"
        en = f"✗ Input errors: {input_errors} input error(s)"
        if where is not None:
            zh += f"（{where.zh}）"
            en += f", {where.en}"
        return Verdict("fail", Msg(zh, en))
    if exit_code == 1:
        if errors:
            return Verdict(
                "fail",
                Msg(
                    f"✗ 未通过：{errors} 项错误，{warnings} 项警告",
                    f"✗ Failed: {errors} error(s), {warnings} warning(s)",
                ),
            )
        return Verdict(
            "fail",
            Msg(
                f"✗ 未通过：{warnings} 项警告（--strict）",
                f"✗ Failed: {warnings} warning(s) (--strict)",
            ),
        )
    if results and nothing_assessed(results):
        return Verdict(
            "info",
            Msg(
                f"? 无法评估：{len(results)} 项结果均无法评估或需人工判断，无错误",
                f"? Not assessable: none of the {len(results)} result(s) could be assessed;"
                " no errors",
            ),
        )
    if warnings:
        return Verdict(
            "warn",
            Msg(
                f"✓ 通过：无错误，{warnings} 项警告",
                f"✓ Passed: no errors, {warnings} warning(s)",
            ),
        )
    return Verdict("ok", Msg("✓ 通过：无错误，无警告", "✓ Passed: no errors, no warnings"))


def rulesets_of(results: Iterable[Result]) -> list[RuleSet]:
    """The rule sets behind some results, in the order they first appear."""
    out: list[RuleSet] = []
    for result in results:
        if result.ruleset not in out:
            out.append(result.ruleset)
    return out


def place_name(rulesets: Iterable[RuleSet], jurisdiction: str, lang: Lang) -> str:
    """A jurisdiction's display name from the rule sets that judged it, else its id."""
    name = jurisdiction
    for ruleset in rulesets:
        found = ruleset.jurisdiction(jurisdiction)
        if found is not None:
            name = found.display_name(lang)  # the last rule set that names it
    return name


def year_text(year: int, lang: Lang) -> str:
    return word("punct.year", lang, year=year)
