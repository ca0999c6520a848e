"""Bilingual text: every message is written in Chinese and English where it is made.

A :class:`Msg` keeps both templates and its parameters and is rendered only when output is
produced, so the engine stays free of any notion of the current language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


class LaterParams(Mapping[str, object]):
    """A message's parameters, worked out when the message is first rendered or compared.

    Formatting numbers for messages was a third of the time spent judging a rule, and the
    review shows the messages of the reports one looks at only. ``make(*args)`` gives the
    parameters; it should be a module-level function, so that the message pickles as its
    arguments."""

    __slots__ = ("_make", "_args", "_made")

    def __init__(self, make: Callable[..., dict[str, object]], *args: Any) -> None:
        self._make = make
        self._args = args
        self._made: dict[str, object] | None = None

    def made(self) -> dict[str, object]:
        """The parameters, worked out now if they were not yet."""
        if self._made is None:
            self._made = self._make(*self._args)
        return self._made

    def __getitem__(self, key: str) -> object:
        return self.made()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.made())

    def __len__(self) -> int:
        return len(self.made())

    def __reduce__(self) -> tuple[Any, ...]:
        return (LaterParams, (self._make, *self._args))

    def __repr__(self) -> str:
        return repr(self.made())


@dataclass(frozen=True, slots=True)
class Msg:
    zh: str
    en: str
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: Lang) -> str:
        template = self.zh if lang == "zh" else self.en
        params = self.params
        if type(params) is LaterParams:  # its dict: ** on a Mapping goes key by key
            params = params.made()
        return template.format(**params) if params else template

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


def kind_label(kind: str, lang: Lang) -> str:
    """A kind's name; the words of each kind live with its messages, in planck.kinds."""
    from planck.kinds.phrasing import kind_label as label_of  # it builds on this module

    return label_of(kind, lang)
