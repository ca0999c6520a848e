"""Suspect values (数值存疑, SPEC §3): a value whose magnitude is far from every earlier value of
its indicator is probably a unit or scale slip (元 for 万元, 0.186 for 18.6%), and a clerk must
confirm it (a `verified` note) or correct it. Pure functions, no I/O.

A value that is suspect and not verified is not used as a base point or reference magnitude for
other years, like an invalid one: a slip must not decide another year's verdict.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from planck.domain.values import MONEY, PERCENT
from planck.i18n import Msg, msg
from planck.model import Kind, Number, Observation, Rule

HIGH = 10**3.5  # x / m at or above this: a 元/万元/亿元 slip or a misplaced decimal point
LOW = 10**-3.5
FRACTION_HIGH = 10**-1.5  # a % value <= 1 with x / m in [FRACTION_LOW, FRACTION_HIGH]: a
FRACTION_LOW = 10**-2.5  # fraction written for a percentage (0.186 for 18.6%)


@dataclass(frozen=True, slots=True)
class Reference:
    """The magnitude a value is compared with, and where it came from."""

    value: float
    source: str  # "previous" | "series" | "baseline" | "target"
    year: int | None


def reference(
    rule: Rule, year: int, previous: float | None, series: Mapping[int, float]
) -> Reference | None:
    """The reference magnitude m of SPEC §3: the latest earlier value (the report's `previous`,
    else an earlier report), else the baseline, else the target of an at_least/at_most rule.
    Only values > 0 count."""
    if previous is not None and previous > 0:
        return Reference(previous, "previous", year - 1)
    earlier = [y for y, v in series.items() if y < year and v > 0]
    if earlier:
        latest = max(earlier)
        return Reference(series[latest], "series", latest)
    if rule.baseline is not None and rule.baseline.value > 0:
        return Reference(rule.baseline.value, "baseline", rule.baseline.year)
    if rule.kind in (Kind.AT_LEAST, Kind.AT_MOST) and rule.target is not None and rule.target > 0:
        return Reference(rule.target, "target", rule.target_year)
    return None


def is_fraction_for_percent(value: float, m: float, unit: str) -> bool:
    return unit == PERCENT and value <= 1 and FRACTION_LOW <= value / m <= FRACTION_HIGH


def is_suspect(value: float, m: float, unit: str) -> bool:
    """SPEC §3's two tests; never for a value or reference of 0 or less."""
    if value <= 0 or m <= 0:
        return False
    ratio = value / m
    return ratio >= HIGH or ratio <= LOW or is_fraction_for_percent(value, m, unit)


def verified_note(obs: Observation | None) -> str | None:
    """The report's 核实说明 for a value, if it says anything."""
    if obs is None or obs.verified is None or not obs.verified.strip():
        return None
    return obs.verified


def _plain(number: Decimal) -> str:
    """A decimal as people write it: 0.000046, 4600, 18.6 (no exponent, no needless zeros)."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _exact(value: float) -> Decimal:
    return Decimal(repr(value))


def reading(number: Number | None, value: float, m: float, unit: str) -> Msg:
    """The likely reading of a suspect value, as a question to the reporter."""
    if is_fraction_for_percent(value, m, unit):
        return msg("是否应为 {p}%？", "should it be {p}%?", p=_plain(_exact(value).scaleb(2)))
    if unit in MONEY and number is not None:
        written = number.unit if number.unit in MONEY else unit
        best: tuple[float, str, Decimal] | None = None
        for other, factor in MONEY.items():
            if other == written:
                continue
            converted = _exact(number.value) * factor / MONEY[unit]
            if converted <= 0:
                continue
            distance = abs(math.log10(float(converted)) - math.log10(m))
            if best is None or distance < best[0]:
                best = (distance, other, converted)
        if best is not None:
            _, other, converted = best
            if other == unit:  # 30元 for an 亿元 indicator: "30亿元?" says it all
                return msg(
                    "是否应为 {n}{w}？",
                    "should it be {n} {w}?",
                    n=_plain(_exact(number.value)),
                    w=other,
                )
            return msg(
                "是否应为 {n}{w}，即 {c}{u}？",
                "should it be {n} {w}, that is {c} {u}?",
                n=_plain(_exact(number.value)),
                w=other,
                c=_plain(converted),
                u=unit,
            )
    shift = round(math.log10(value / m))
    sep = "" if unit == PERCENT else " "
    return msg(
        "小数点位置可能有误，是否应为 {c}{u}？",
        "the decimal point may be misplaced: should it be {c}{sep}{u}?",
        c=_plain(_exact(value).scaleb(-shift)),
        u=unit,
        sep=sep,
    )
