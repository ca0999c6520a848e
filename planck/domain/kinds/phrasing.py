"""The words of every rule kind, in Chinese and English: kind labels, the messages of each
verdict, and the numbers those messages show. Kept together so that a kind's wording is
reviewed in one place and the two languages stay side by side.

Numbers are formatted when a message is rendered, and only those its template names (see
LaterParams), from the facts kept in small frozen dataclasses, so that a message pickles as
its facts."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import ClassVar

from planck.domain import progress as prog
from planck.domain.values import fmt, fmt_beside, fmt_rate, projected
from planck.i18n import Lang, LaterParams, Msg, msg, word
from planck.model import Kind, Method, Progress, Rule, Status


def kind_label(kind: str, lang: Lang) -> str:
    return word("kind." + kind, lang)


def ue(unit: str) -> str:
    """The unit as English text puts it: 2%, but 2 万元."""
    return unit if unit == "%" else f" {unit}"


def share(x: float, *beside: float | None) -> str:
    """A share in whole percent, '50%', with decimals where fewer would read as one beside it."""
    return fmt_beside(x * 100, *(b * 100 for b in beside if b is not None), digits=0) + "%"


def per_year(change: float, unit: str) -> str:
    """A signed yearly change with its unit: '+0.25亿元'."""
    sign = "+" if change >= 0 else "-"
    return f"{sign}{fmt_beside(abs(change))}{unit}"


def ratio_text(ratio: float) -> str:
    """A progress ratio as shown: cut, never rounded up across a status boundary."""
    return f"{prog.floor_ratio(ratio):.3f}"


# ---- qualitative -------------------------------------------------------------------------


def review(value: float, unit: str) -> Msg:
    return msg(
        "定性指标：报告值 {v}{u}，需人工对照规划原文判断",
        "qualitative: reported {v}{ue}; a person must judge it against the plan's text",
        v=fmt_beside(value),
        u=unit,
        ue=ue(unit),
    )


# ---- non_decreasing ----------------------------------------------------------------------


def nothing_to_compare(year: int) -> Msg:
    return msg(
        "没有 {y} 年的数值可比较（可在报告中填写 previous）",
        "no value for {y} to compare with (a report may give it as 'previous')",
        y=year,
    )


@dataclass(frozen=True, slots=True)
class ChangeFacts:
    """A value against the value of the year before (``prev`` in ``year``)."""

    value: float
    prev: float
    year: int
    unit: str


class _ChangeParams(LaterParams):
    GETTERS: ClassVar[Mapping[str, Callable[[ChangeFacts], object]]] = {
        "v": lambda f: fmt_beside(f.value, f.prev),
        "p": lambda f: fmt_beside(f.prev),
        "y": lambda f: f.year,
        "d": lambda f: fmt_beside(f.prev - f.value),
        "u": lambda f: f.unit,
        "ue": lambda f: ue(f.unit),
    }


def not_fallen(value: float, prev: float, year: int, unit: str) -> Msg:
    return Msg(
        "{v}{u}，较 {y} 年（{p}{u}）未减少",
        "{v}{ue}, not below {y} ({p}{ue})",
        _ChangeParams(ChangeFacts(value, prev, year, unit)),
    )


def fallen(value: float, prev: float, year: int, unit: str) -> Msg:
    return Msg(
        "{v}{u}，比 {y} 年（{p}{u}）减少 {d}{u}，违反“只增不减”",
        "{v}{ue}, down {d}{ue} from {y} ({p}{ue}): it must never fall",
        _ChangeParams(ChangeFacts(value, prev, year, unit)),
    )


# ---- at_least / at_most (and cumulative_change, through them) -----------------------------


@dataclass(frozen=True, slots=True)
class TargetFacts:
    """What the messages of a value judged against a target show. ``progress`` only where the
    message gives it (not met, before the target year). ``derived``: the target was worked
    out (x* of cumulative_change), not written in the plan, so it is shown with the digits
    that keep it apart from the value."""

    value: float
    target: float
    unit: str
    target_year: int
    lower: bool
    year: int
    progress: Progress | None = None
    derived: bool = False


def _with_progress(get: Callable[[Progress], object]) -> Callable[[TargetFacts], object]:
    """A parameter of the progress, where the message gives it."""
    return lambda f: None if f.progress is None else get(f.progress)


def _with_ratio(get: Callable[[TargetFacts, Progress], object]) -> Callable[[TargetFacts], object]:
    """A parameter of a progress ratio, where the message gives one."""
    return lambda f: None if f.progress is None or f.progress.ratio is None else get(f, f.progress)


def _still_needed(facts: TargetFacts, progress: Progress) -> str:
    """The yearly growth still needed, or (linear method) the yearly change."""
    if progress.growth_needed is not None:
        return fmt_rate(progress.growth_needed)
    change = prog.yearly_change_needed(facts.value, facts.target, facts.target_year - facts.year)
    return "—" if change is None else per_year(change, facts.unit)


class _TargetParams(LaterParams):
    """The parameters of the target messages (each uses those it names)."""

    GETTERS: ClassVar[Mapping[str, Callable[[TargetFacts], object]]] = {
        "v": lambda f: fmt_beside(f.value, f.target),
        "t": lambda f: fmt_beside(f.target, f.value) if f.derived else fmt(f.target),
        "u": lambda f: f.unit,
        "ue": lambda f: ue(f.unit),
        "T": lambda f: f.target_year,
        "op": lambda f: "≤" if f.lower else "≥",
        "y0": _with_progress(lambda p: p.base_year),
        "x0": lambda f: None if f.progress is None else fmt_beside(f.progress.base_value, f.target),
        "R": _with_ratio(lambda f, p: ratio_text(p.ratio or 0.0)),
        "a": _with_ratio(lambda f, p: fmt_rate(p.cagr_actual, p.cagr_required)),
        "r": _with_ratio(lambda f, p: fmt_rate(p.cagr_required, p.cagr_actual)),
        "g": _with_ratio(_still_needed),
        "p": _with_ratio(
            lambda f, p: fmt_beside(projected(p.projection, f.unit, f.lower), f.target, digits=2)
        ),
        "gc": _with_ratio(
            lambda f, p: "—" if p.gap_closed is None else share(p.gap_closed, p.time_elapsed)
        ),
        "te": _with_ratio(
            lambda f, p: "—" if p.time_elapsed is None else share(p.time_elapsed, p.gap_closed)
        ),
    }


_TARGET_TEXT: dict[str, tuple[str, str]] = {
    "met": ("已达到目标：{v} {op} {t}{u}", "target reached: {v} {op} {t}{ue}"),
    "missed": (
        "{T} 年目标未实现：{v}{u}，目标 {op} {t}{u}",
        "{T} target not reached: {v}{ue}, target {op} {t}{ue}",
    ),
    "no_base": (
        "尚未达到目标（{v}{u}，目标 {t}{u}），且没有更早的数据可计算进度",
        "below target ({v}{ue}, target {t}{ue}) with no earlier value to measure progress from",
    ),
    "no_longer": (
        "{y0} 年已达标（{x0}），现为 {v}，已不满足目标 {op} {t}{u}",
        "met in {y0} ({x0}), now {v}: no longer {op} {t}{ue}",
    ),
}

# The messages of a progress ratio, by status: (growth-rate method, linear method).
_PROGRESS_TEXT: dict[Status, tuple[tuple[str, str], tuple[str, str]]] = {
    Status.ON_TRACK: (
        (
            "进度比 {R}：自 {y0} 年年均 {a}（需 {r}），预计 {T} 年达 {p}",
            "ratio {R}: {a} a year since {y0} ({r} needed); projected {p} in {T}",
        ),
        (
            "进度比 {R}（线性法）：自 {y0} 年（{x0}{u}）以来时间已过 {te}，差距缩小 {gc}，"
            "预计 {T} 年达 {p}{u}",
            "ratio {R} (linear): since {y0} ({x0}{ue}) {te} of the time has passed and {gc} of "
            "the gap is closed; projected {p}{ue} in {T}",
        ),
    ),
    Status.NEEDS_ACCELERATION: (
        (
            "进度比 {R}：年均 {a}，需 {r}；此后每年需 {g} 才能在 {T} 年达到 {t}{u}",
            "ratio {R}: {a} a year, {r} needed; {g} a year from now to reach {t}{ue} by {T}",
        ),
        (
            "进度比 {R}（线性法）：自 {y0} 年以来时间已过 {te}，差距缩小 {gc}；"
            "此后每年需 {g} 才能在 {T} 年达到 {t}{u}",
            "ratio {R} (linear): since {y0} {te} of the time has passed and {gc} of the gap is "
            "closed; {g} a year from now to reach {t}{ue} by {T}",
        ),
    ),
    Status.LIMITED_PROGRESS: (
        (
            "进度比 {R}：年均仅 {a}（需 {r}），按此 {T} 年仅达 {p}；此后每年需 {g}",
            "ratio {R}: only {a} a year ({r} needed), projected {p} in {T}; {g} a year needed now",
        ),
        (
            "进度比 {R}（线性法）：自 {y0} 年以来时间已过 {te}，差距仅缩小 {gc}，"
            "按此 {T} 年仅达 {p}{u}；此后每年需 {g}",
            "ratio {R} (linear): since {y0} {te} of the time has passed but only {gc} of the gap "
            "is closed, projected {p}{ue} in {T}; {g} a year needed now",
        ),
    ),
    Status.DETERIORATING: (
        (
            "进度比 {R}：自 {y0} 年（{x0}）以来逆向变化，正在远离目标 {t}{u}",
            "ratio {R}: moving away from the target {t}{ue} since {y0} ({x0})",
        ),
        (
            "进度比 {R}（线性法）：自 {y0} 年（{x0}{u}）以来逆向变化，正在远离目标 {t}{u}",
            "ratio {R} (linear): moving away from the target {t}{ue} since {y0} ({x0}{ue})",
        ),
    ),
}


def target_message(case: str, facts: TargetFacts) -> Msg:
    """A verdict against a target: `met`, `missed`, `no_base` (unassessed), `no_longer` (the
    base met the target, the value does not)."""
    zh, en = _TARGET_TEXT[case]
    return Msg(zh, en, _TargetParams(facts))


def progress_message(status: Status, method: Method, facts: TargetFacts) -> Msg:
    growth, linear = _PROGRESS_TEXT[status]
    zh, en = linear if method is Method.LINEAR else growth
    return Msg(zh, en, _TargetParams(facts))


# ---- cumulative_change ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CumulativeFacts:
    """A cumulative_change target: ``percent`` from ``base_value`` in ``base_year``, which
    makes the absolute target ``goal``; ``value`` is the value judged."""

    percent: float
    base_year: int
    base_value: float
    goal: float
    value: float
    unit: str


class _CumulativeParams(LaterParams):
    """The inner message's parameters and those of the percent target behind x*. The facts
    are (inner message's parameters, CumulativeFacts)."""

    GETTERS: ClassVar[Mapping[str, Callable[[CumulativeFacts], object]]] = {
        "cy": lambda f: f.base_year,
        "cx": lambda f: fmt(f.base_value),
        "cp": lambda f: fmt(abs(f.percent)),
        "cdz": lambda f: "降低" if f.percent < 0 else "提高",
        "cde": lambda f: "fall" if f.percent < 0 else "rise",
        "cop": lambda f: "≤" if f.percent < 0 else "≥",
        "cg": lambda f: fmt_beside(f.goal, f.value),
        "cn": lambda f: fmt_rate(f.value / f.base_value - 1, f.percent / 100),
    }

    def __getitem__(self, key: str) -> object:
        inner, facts = self.facts
        if key in self.GETTERS:
            return self.GETTERS[key](facts)
        return inner[key]

    def __iter__(self) -> Iterator[str]:
        inner, _ = self.facts
        yield from inner
        yield from self.GETTERS


def with_cumulative(inner: Msg, facts: CumulativeFacts) -> Msg:
    """A message about x*, followed by the percent it comes from and the change so far, so
    that the reader sees the plan's own words beside the number planck worked out."""
    return Msg(
        inner.zh
        + "（目标为较 {cy} 年的 {cx}{u}累计{cdz} {cp}%，即 {cop} {cg}{u}；现较 {cy} 年 {cn}）",
        inner.en + " (the target is a cumulative {cde} of {cp}% from {cx}{ue} in {cy}, that is "
        "{cop} {cg}{ue}; {cn} since {cy} so far)",
        _CumulativeParams((inner.params, facts)),
    )


# ---- growth_at_least --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GrowthFacts:
    """A growth_at_least verdict's numbers: the yearly growth ``growth`` from ``base_value``
    in ``base_year`` to ``value``, against ``rate`` (a fraction: 0.07 for 7%)."""

    value: float
    unit: str
    rate: float
    target_year: int
    base_year: int
    base_value: float
    growth: float | None = None
    progress: Progress | None = None


def _growth_ratio(
    get: Callable[[GrowthFacts, Progress], object],
) -> Callable[[GrowthFacts], object]:
    """A parameter of the progress ratio, where the message gives one."""
    return lambda f: None if f.progress is None or f.progress.ratio is None else get(f, f.progress)


class _GrowthParams(LaterParams):
    GETTERS: ClassVar[Mapping[str, Callable[[GrowthFacts], object]]] = {
        "v": lambda f: fmt_beside(f.value, f.base_value),
        "u": lambda f: f.unit,
        "ue": lambda f: ue(f.unit),
        "T": lambda f: f.target_year,
        "y0": lambda f: f.base_year,
        "x0": lambda f: fmt_beside(f.base_value, f.value),
        "r": lambda f: fmt(f.rate * 100) + "%",
        "g": lambda f: fmt_rate(f.growth, f.rate),
        "R": _growth_ratio(lambda f, p: ratio_text(p.ratio or 0.0)),
        "n": _growth_ratio(lambda f, p: fmt_rate(p.growth_needed)),
        "p": _growth_ratio(
            lambda f, p: fmt_beside(projected(p.projection, f.unit, False), digits=2)
        ),
    }


_GROWTH_TEXT: dict[str, tuple[str, str]] = {
    "met": (
        "自 {y0} 年（{x0}{u}）至今（{v}{u}）年均增长 {g}，达到年均增长 {r} 以上的目标",
        "{g} a year since {y0} ({x0}{ue}, now {v}{ue}): the target of at least {r} a year "
        "is reached",
    ),
    "missed": (
        "{T} 年目标未实现：自 {y0} 年（{x0}{u}）至今（{v}{u}）年均增长 {g}，目标为年均 {r} 以上",
        "{T} target not reached: {g} a year since {y0} ({x0}{ue}, now {v}{ue}), where at "
        "least {r} a year was set",
    ),
    "no_base": (
        "没有更早的数据，无法计算年均增速（可在报告中填写 previous，或在规则中给出基期值）",
        "no earlier value to measure yearly growth from (a report may give 'previous', or "
        "the rule a baseline)",
    ),
    "not_positive": (
        "年均增速无定义：{y0} 年的基点为 {x0}{u}，本年为 {v}{u}，须均大于 0",
        "yearly growth is undefined: the base in {y0} is {x0}{ue} and the value {v}{ue}; "
        "both must be above 0",
    ),
    Status.ON_TRACK: (
        "进度比 {R}：自 {y0} 年年均增长 {g}（目标 {r} 以上），预计 {T} 年达 {p}{u}",
        "ratio {R}: {g} a year since {y0} (at least {r} set); projected {p}{ue} in {T}",
    ),
    Status.NEEDS_ACCELERATION: (
        "进度比 {R}：自 {y0} 年年均增长 {g}，目标 {r} 以上；此后每年需增长 {n}",
        "ratio {R}: {g} a year since {y0}, at least {r} set; {n} a year needed from now",
    ),
    Status.LIMITED_PROGRESS: (
        "进度比 {R}：自 {y0} 年年均仅增长 {g}（目标 {r} 以上）；此后每年需增长 {n}",
        "ratio {R}: only {g} a year since {y0} (at least {r} set); {n} a year needed now",
    ),
    Status.DETERIORATING: (
        "进度比 {R}：自 {y0} 年（{x0}{u}）以来不增反降，年均 {g}（目标增长 {r} 以上）",
        "ratio {R}: falling since {y0} ({x0}{ue}), {g} a year where growth of at least {r} was set",
    ),
}


def growth_message(case: str | Status, facts: GrowthFacts) -> Msg:
    zh, en = _GROWTH_TEXT[case]
    return Msg(zh, en, _GrowthParams(facts))


def no_growth_base() -> Msg:
    zh, en = _GROWTH_TEXT["no_base"]
    return msg(zh, en)


# ---- a rule's target, named ---------------------------------------------------------------


def goal_phrase(rule: Rule, lang: Lang) -> str:
    """The target as a rule states it, without its year: '不低于 2%', '年均增长不低于 7%',
    '累计变化 -13.5%（≤ 0.4325吨）'; the kind's name where there is no number."""
    name = kind_label(rule.kind, lang)
    if rule.target is None:
        return name
    if rule.kind is Kind.GROWTH_AT_LEAST:
        return f"{name} {fmt(rule.target)}%"
    if rule.kind is Kind.CUMULATIVE_CHANGE and rule.baseline is not None:
        goal = rule.baseline.value * (1 + rule.target / 100)
        op = "≤" if rule.target < 0 else "≥"
        sign = "+" if rule.target > 0 else ""
        return msg(
            "{name} {p}%（{op} {x}{u}）",
            "{name} {p}% ({op} {x}{ue})",
            name=name,
            p=sign + fmt(rule.target),
            op=op,
            x=fmt(goal),
            u=rule.unit,
            ue=ue(rule.unit),
        ).render(lang)
    return f"{name} {fmt(rule.target)}{rule.unit}"
