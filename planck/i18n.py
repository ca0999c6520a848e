"""Bilingual text: every message is written in Chinese and English where it is made.

A :class:`Msg` keeps both templates and its parameters and is rendered only when output is
produced, so the engine stays free of any notion of the current language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Msg:
    zh: str
    en: str
    params: dict[str, object] = field(default_factory=dict)

    def render(self, lang: Lang) -> str:
        template = self.zh if lang == "zh" else self.en
        return template.format(**self.params) if self.params else template

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

KIND_LABELS: dict[str, tuple[str, str]] = {
    "at_least": ("不低于", "at least"),
    "at_most": ("不高于", "at most"),
    "non_decreasing": ("只增不减", "never decreasing"),
    "qualitative": ("定性", "qualitative"),
}


def label(key: str, lang: Lang) -> str:
    zh, en = LABELS[key]
    return zh if lang == "zh" else en


def kind_label(kind: str, lang: Lang) -> str:
    zh, en = KIND_LABELS[kind]
    return zh if lang == "zh" else en
