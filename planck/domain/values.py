"""Turn what a report says into numbers (SPEC §2): lenient where the meaning is unambiguous,
strict where a guess could be wrong."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from planck.i18n import Msg, msg
from planck.model import Number
from planck.nodes import Mapping, Node, Sequence

MONEY = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_MONEY_ALIASES = {"万": "万元", "亿": "亿元"}
PERCENT = "%"

_NUMBER = re.compile(
    r"""^(?P<sign>[-+])?
        (?P<int>\d+(?:,\d+)*|\d*)
        (?P<frac>\.\d+)?
        (?P<exp>[eE][-+]?\d+)?
        \s*(?P<unit>[%A-Za-z\u00b5\u3400-\u9fff][^\d]*)?$""",
    re.VERBOSE | re.ASCII,  # ASCII digits only: NFKC has already mapped full-width ones
)
# A comma separates thousands only between groups of exactly three digits, after a first group
# of one to three digits that does not start with 0 (SPEC §2): 1,934 and 12,345,678.
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+\Z", re.ASCII)
_NOT_FINITE = re.compile(r"^[-+]?\.?(nan|inf|infinity)$", re.IGNORECASE)


def normalise_text(text: str) -> str:
    """Full-width digits, punctuation and spaces to ASCII; trim."""
    return unicodedata.normalize("NFKC", text).strip()


def normalise_unit(unit: str) -> str:
    unit = normalise_text(unit).replace(" ", "")
    return _MONEY_ALIASES.get(unit, unit)


def parse_number(node: Node) -> tuple[Number | None, Msg | None]:
    """A report value node to a Number. Returns (None, None) for null: the value is missing."""
    if isinstance(node, Sequence):
        return None, msg("列表不是数值", "a list is not a number")
    if isinstance(node, Mapping):
        return None, msg("映射不是数值", "a mapping is not a number")
    if node.plain and node.tag.endswith(":null"):
        return None, None
    if node.plain and node.tag.endswith(":bool"):
        return None, msg(
            "“{raw}”是布尔值，不是数值", "'{raw}' is a boolean, not a number", raw=node.raw
        )
    return parse_number_text(node.raw)


# Most values are written like 972 or 1.30: decided without the general pattern, as it would.
_SIMPLE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\Z", re.ASCII)


def parse_number_text(raw: str) -> tuple[Number | None, Msg | None]:
    if _SIMPLE.match(raw):
        quick = float(raw)
        if math.isfinite(quick):
            return Number(quick, None, "." not in raw), None
    text = normalise_text(raw)
    if not text:
        return None, msg("空文本不是数值", "empty text is not a number")
    if _NOT_FINITE.match(text):
        return None, msg("“{raw}”不是有限数值", "'{raw}' is not a finite number", raw=short(raw))
    match = _NUMBER.match(text)
    if match is None or not (match["int"] or match["frac"]):
        return None, msg("“{raw}”不是数值", "'{raw}' is not a number", raw=short(raw))
    digits = match["int"]
    if "," in digits and not _THOUSANDS.match(digits):
        return None, _bad_comma(raw, match)
    if len(digits) > 1 and digits.startswith("0") and "," not in digits:
        return None, msg(
            "“{raw}”以 0 开头，含义不明确（YAML 1.1 会把 010 读成八进制 8）；请去掉前导 0",
            "'{raw}' has a leading zero, which is ambiguous (YAML 1.1 reads 010 as octal 8); "
            "remove the leading zero",
            raw=short(raw),
        )
    number_text = (
        (match["sign"] or "")
        + digits.replace(",", "")
        + (match["frac"] or "")
        + (match["exp"] or "")
    )
    try:
        value = Decimal(number_text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        return None, msg("“{raw}”不是数值", "'{raw}' is not a number", raw=short(raw))
    as_float = float(value)
    if not math.isfinite(as_float):
        return None, msg("“{raw}”超出数值范围", "'{raw}' is out of range", raw=short(raw))
    unit = match["unit"]
    return (
        Number(
            as_float, normalise_unit(unit) if unit else None, not match["frac"] and not match["exp"]
        ),
        None,
    )


def _bad_comma(raw: str, match: re.Match[str]) -> Msg:
    """Why a comma in a number is not a thousands separator, and what to write instead."""
    digits = match["int"]
    if digits.count(",") == 1 and not match["frac"]:
        # One comma and no decimal point: most likely a decimal comma (0,620 for 0.620).
        dotted = (match["sign"] or "") + digits.replace(",", ".") + (match["exp"] or "")
        return msg(
            "“{raw}”中的逗号不是千位分隔符（千位分隔符只能分隔恰好三位的数字组，且首组为不以 0 "
            "开头的 1–3 位数字）；如为小数，请用小数点写作 {dotted}",
            "the comma in '{raw}' is not a thousands separator (it may only separate groups of "
            "exactly three digits after a first group of one to three digits not starting "
            "with 0); if it is a decimal comma, write {dotted}",
            raw=short(raw),
            dotted=dotted,
        )
    return msg(
        "“{raw}”中的逗号不是千位分隔符（千位分隔符只能分隔恰好三位的数字组，且首组为不以 0 "
        "开头的 1–3 位数字，如 1,234,567）",
        "the commas in '{raw}' are not thousands separators (they may only separate groups of "
        "exactly three digits after a first group of one to three digits not starting with 0, "
        "as in 1,234,567)",
        raw=short(raw),
    )


def with_declared_unit(number: Number, declared: str) -> tuple[Number | None, Msg | None]:
    """Apply a `unit:` field to a number; a unit written with the number must agree with it."""
    unit = normalise_unit(declared)
    if number.unit and number.unit != unit:
        return None, msg(
            "数值自带单位“{a}”与 unit 字段“{b}”不一致",
            "the value's own unit '{a}' disagrees with its unit field '{b}'",
            a=number.unit,
            b=unit,
        )
    return Number(number.value, unit, number.is_integer_text), None


def to_rule_unit(number: Number, rule_unit: str) -> tuple[float | None, Msg | None]:
    """Convert a number to the rule's unit and check its range (SPEC §2)."""
    unit = number.unit
    value = number.value
    if unit is not None and unit != rule_unit:
        if unit in MONEY and rule_unit in MONEY:
            value = float(Decimal(repr(value)) * MONEY[unit] / MONEY[rule_unit])
            if not math.isfinite(value):
                return None, msg(
                    "{v}{u} 换算为{r}后超出数值范围",
                    "{v} {u} is out of range in {r}",
                    v=fmt(number.value),
                    u=unit,
                    r=rule_unit,
                )
        else:
            return None, msg(
                "单位“{u}”无法换算为本指标的单位“{r}”",
                "unit '{u}' does not convert to this indicator's unit '{r}'",
                u=short(unit),
                r=rule_unit,
            )
    if rule_unit == PERCENT:
        if not 0 <= value <= 100:
            return None, msg(
                "百分比 {v} 超出 0–100 范围", "percentage {v} is outside 0–100", v=fmt(value)
            )
    elif value < 0:
        return None, msg(
            "数量或金额不能为负（{v}）", "an amount or count cannot be negative ({v})", v=fmt(value)
        )
    return value, None


COMPACT_FROM = 1e15  # from here on, numbers are shown as 1.23457e+15


# Units that count whole things: a projection of them is a whole number (预计 106 家).
COUNT_UNITS = frozenset({"家", "个", "项", "件", "人", "名", "所", "座", "台", "次"})


def projected(value: float | None, unit: str, lower_is_better: bool) -> float | None:
    """A projection as planck shows it: a whole number for counted things, rounded toward the
    verdict (down for a target to reach, up for a ceiling), so that it never reads as reaching
    a target it misses."""
    if value is None or unit not in COUNT_UNITS or not math.isfinite(value):
        return value
    return float(math.ceil(value) if lower_is_better else math.floor(value))


def fmt(value: float | None, digits: int = 4) -> str:
    """A number for people: no float noise, no needless zeros; beyond COMPACT_FROM, in
    scientific notation with ``digits + 2`` significant digits."""
    if value is None:
        return "—"
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= COMPACT_FROM:
        # 1e300 would be 301 digits: a table would lose its other columns to it
        return f"{value:.{digits + 2}g}"
    if value == int(value):
        return str(int(value))
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def fmt_beside(value: float | None, *references: float | None, digits: int = 4) -> str:
    """``value`` as shown beside a verdict: the shortest text from :func:`fmt` (``digits``
    decimals or more) that differs from ``fmt(reference)`` for every reference it is not equal
    to, and from "0" unless it is 0. So 1.99999 beside a target of 2 reads 1.99999, a fall of
    0.00001 reads 0.00001, and 1.62 beside 2 still reads 1.62 (SPEC §3: a number shown beside a
    verdict never contradicts it)."""
    if value is None or not math.isfinite(value):
        return fmt(value)
    text = fmt(value, digits)
    # Formatting is the cost here: a reference is formatted only when it is near enough to
    # read the same at ``digits`` decimals (two numbers more than one unit of the last
    # decimal apart never round to the same text, except in scientific notation).
    unit = 10.0**-digits
    others = {
        fmt(r, digits)
        for r in references
        if r is not None
        and r != value
        and math.isfinite(r)
        and (abs(r - value) <= unit or max(abs(r), abs(value)) >= COMPACT_FROM)
    }
    if value != 0:
        others.add("0")
    if text not in others:
        return text
    for places in range(digits + 1, 18):
        text = fmt(value, places)
        if text not in others:
            return text
    return repr(value)


def fmt_rate(x: float | None, *beside: float | None) -> str:
    """A growth rate, '+14.0%', with more decimals where fewer would read as one beside it (the
    rate achieved and the rate needed must never look equal when they are not)."""
    if x is None:
        return "—"
    others = {f"{r * 100:+.1f}%" for r in beside if r is not None and r != x}
    for places in range(1, 12):
        text = f"{x * 100:+.{places}f}%"
        if text not in others:
            return text
    return text


def short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
