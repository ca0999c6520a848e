"""Bilingual text: every message is written in Chinese and English where it is made.

A :class:`Msg` keeps both templates and its parameters and is rendered only when output is
produced, so the engine stays free of any notion of the current language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


class LaterParams(Mapping[str, object]):
    """A message's parameters, each worked out from the message's facts when the message is
    rendered, and only those its template names.

    Formatting numbers for messages was most of the time spent judging a rule, and each
    message names only some of the numbers its kind knows: formatting is left to rendering,
    and to the names the template uses. Subclasses set ``GETTERS``, a class-level table of
    name -> function of the facts; a function that returns None says the message has no such
    parameter. A message pickles as its facts."""

    __slots__ = ("facts",)
    GETTERS: ClassVar[Mapping[str, Callable[[Any], object]]] = {}

    def __init__(self, facts: Any) -> None:
        self.facts = facts

    def __getitem__(self, key: str) -> object:
        # Worked out anew each time: a message is rendered once or twice, and a cache would
        # cost more than it saves.
        value = self.GETTERS[key](self.facts)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return (key for key in self.GETTERS if key in self)

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __bool__(self) -> bool:
        # Without this, truth would count (and so work out) every parameter.
        return bool(self.GETTERS)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.facts,))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self)!r})"


@dataclass(frozen=True, slots=True)
class Msg:
    zh: str
    en: str
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: Lang) -> str:
        template = self.zh if lang == "zh" else self.en
        # format_map asks the parameters for the names the template uses, and only those
        return template.format_map(self.params) if self.params else template

    def __str__(self) -> str:
        return self.render("en")


def msg(zh: str, en: str, /, **params: object) -> Msg:
    return Msg(zh, en, params)


# Labels used by every renderer. Keys are stable identifiers.
LABELS: dict[str, tuple[str, str]] = {
    "status": ("状态", "Status"),
    "indicator": ("指标", "Indicator"),
    "value": ("数值", "Value"),
    "target": ("目标", "Target"),
    "ratio": ("进度比", "Ratio"),
    "message": ("说明", "Message"),
    "unit": ("单位", "Unit"),
    "year": ("年份", "Year"),
    "jurisdiction": ("地区", "Jurisdiction"),
    "ruleset": ("规则集", "Rule set"),
    "rule": ("规则", "Rule"),
    "kind": ("类型", "Kind"),
    "baseline": ("基期值", "Baseline"),
    "period": ("规划期", "Period"),
    "binding": ("约束性", "Binding"),
    "anticipatory": ("预期性", "Anticipatory"),
    "source": ("来源", "Source"),
    "document": ("文件", "Document"),
    "issuer": ("发文机关", "Issuer"),
    "number": ("文号", "Document number"),
    "date": ("日期", "Date"),
    "locator": ("位置", "Locator"),
    "quote": ("原文", "Quote"),
    "notes": ("备注", "Notes"),
    "see_also": ("另见", "See also"),
    "summary": ("汇总", "Summary"),
    "verdict": ("结论", "Verdict"),
    "errors": ("输入错误", "Input errors"),
    "warnings": ("警告", "Warnings"),
    "file": ("文件", "File"),
    "projection": ("目标年预测值", "Projected at target year"),
    "growth_needed": ("仍需年均增速", "Yearly growth still needed"),
    "gap_closed": ("差距已缩小", "Gap closed"),
    "time_elapsed": ("时间已过", "Time elapsed"),
    "target_year": ("目标年", "Target year"),
    "rules": ("条规则", "rules"),
}


def label(key: str, lang: Lang) -> str:
    zh, en = LABELS[key]
    return zh if lang == "zh" else en
