"""The pieces the explanations of planck.render.explain are written with: quantities with
their units, differences, rates still needed, the binding/anticipatory consequence and the
status bands, each in Chinese and English. Pure: no I/O, no Rich."""

from __future__ import annotations

from planck.domain.progress import NEEDS_ACCELERATION, ON_TRACK, cagr
from planck.domain.values import fmt_beside
from planck.i18n import Lang, Msg, msg, word
from planck.model import Progress, Result, Severity, Status


def quantity(
    value: float | None, unit: str, lang: Lang, digits: int = 4, beside: tuple[float, ...] = ()
) -> str:
    """A quantity with its unit: '1.62%', '2450万元' (zh); '1.62%', '2450 万元' (en). Shown
    with the digits that keep it apart from the numbers ``beside`` it (values.fmt_beside)."""
    number = fmt_beside(value, *beside, digits=digits)
    if lang == "zh" or unit in ("%", ""):
        return f"{number}{unit}"
    return f"{number} {unit}"


def difference(x: float, unit: str, lang: Lang, digits: int = 4) -> str:
    """A difference: in percentage points when the unit is a percentage. Never shown as 0
    unless it is 0."""
    if unit == "%":
        number = fmt_beside(x, digits=digits)
        return msg("{n} 个百分点", "{n} percentage points", n=number).render(lang)
    return quantity(x, unit, lang, digits)


def rate_needed(rate: float, lang: Lang) -> str:
    """'每年需增长 10.3%' / 'a rise of 10.3% a year'; a fall for lower-is-better targets."""
    size = f"{abs(rate) * 100:.1f}%"
    if rate < 0:
        return msg("每年需下降 {s}", "a fall of {s} a year", s=size).render(lang)
    return msg("每年需增长 {s}", "a rise of {s} a year", s=size).render(lang)


def share(x: float, *beside: float | None) -> str:
    """A share in whole percent, with decimals where fewer would read as one beside it."""
    return fmt_beside(x * 100, *(b * 100 for b in beside if b is not None), digits=0) + "%"


def change_per_year(change: float, unit: str, lang: Lang) -> str:
    """'每年需增加 0.25亿元' / 'an increase of 0.25 亿元 a year' (a fall for a negative change)."""
    size = quantity(abs(change), unit, lang)
    if change < 0:
        return msg("每年需减少 {s}", "a decrease of {s} a year", s=size).render(lang)
    return msg("每年需增加 {s}", "an increase of {s} a year", s=size).render(lang)


def still_needed(value: float, target: float, years: int, lang: Lang, unit: str) -> str | None:
    """What it takes from now to the target year: a growth rate where one is defined (value
    and target > 0), else a change per year."""
    if years <= 0:
        return None
    if value > 0 and target > 0:
        return rate_needed(cagr(value, target, years), lang)
    return change_per_year((target - value) / years, unit, lang)


def both(zh: list[str], en: list[str]) -> Msg:
    """Sentences joined the way each language joins them. No params: the text is final."""
    return Msg("".join(zh), " ".join(en))


def binding_words(result: Result) -> tuple[str, str]:
    if result.rule.binding:
        return "约束性", "binding"
    return "预期性", "anticipatory"


def consequence(result: Result) -> tuple[str, str]:
    kind_zh, kind_en = binding_words(result)
    if result.severity is Severity.ERROR:
        return (
            f"本指标为{kind_zh}指标，记为错误。",
            f"The target is {kind_en}, so this is an error.",
        )
    return (
        f"本指标为{kind_zh}指标，记为警告。",
        f"The target is {kind_en}, so this is a warning.",
    )


def band_words(status: Status) -> tuple[str, str]:
    """The cut-offs of SPEC §3 that put a ratio in ``status``, with the status's name."""
    on, acc = f"{ON_TRACK:.2f}", f"{NEEDS_ACCELERATION:.2f}"
    return {
        Status.ON_TRACK: (f"R ≥ {on}，进展顺利", f"R ≥ {on}: on track"),
        Status.NEEDS_ACCELERATION: (
            f"{acc} ≤ R < {on}，需加快",
            f"{acc} ≤ R < {on}: needs acceleration",
        ),
        Status.LIMITED_PROGRESS: (f"0 ≤ R < {acc}，进展有限", f"0 ≤ R < {acc}: limited progress"),
        Status.DETERIORATING: ("R < 0，逆向变化", "R < 0: moving away from the target"),
    }[status]


def base_words(progress: Progress, lang: Lang) -> str:
    """Where the base point came from: the plan's baseline or the earliest report."""
    if progress.base_from == "baseline":
        return word("report.base_plan", lang)
    return word("report.base_earliest", lang)
