"""Rule sets and rules for people: `planck rules list` and `planck rules show`."""

from __future__ import annotations

import sys

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from planck.domain.kinds.phrasing import goal_phrase, kind_label
from planck.domain.values import fmt
from planck.i18n import Lang, label, word
from planck.model import Rule, RuleSet, Source
from planck.render.common import (
    TARGET_CELL_MAX,
    goal_cell,
    number_text,
    symbol,
    symbols_for,
    with_unit,
)
from planck.textsafe import clean


def target_phrase(rule: Rule, lang: Lang) -> str:
    if rule.target is None:
        return kind_label(rule.kind, lang)
    year = word("punct.year_paren", lang, year=rule.target_year)
    return f"{goal_phrase(rule, lang)}{year}"


def short_target(rule: Rule, lang: Lang) -> str:
    """≥ 2% (2025), or the kind's name where there is no number."""
    if rule.target is None:
        return f"{kind_label(rule.kind, lang)} ({rule.unit})"
    return f"{goal_cell(rule, lang)} ({rule.target_year})"


def _baseline(rule: Rule) -> str:
    if not rule.baseline:
        return symbol("—")
    number = with_unit(number_text(rule.baseline.value), rule.unit, TARGET_CELL_MAX)
    return f"{number} ({rule.baseline.year})"


def rulesets_table(rulesets: list[RuleSet], lang: Lang) -> RenderableType:
    """`planck rules list`, for stdout: ≥ and ≤ as >= and <= where it cannot show them."""
    with symbols_for(sys.stdout):
        return _rulesets_table(rulesets, lang)


def _rulesets_table(rulesets: list[RuleSet], lang: Lang) -> RenderableType:
    parts: list[RenderableType] = []
    for rs in sorted(rulesets, key=lambda r: r.id):
        head = Text()
        head.append(clean(rs.id), style="bold")
        head.append("  " + clean(rs.display_title(lang)))
        places = "、".join(clean(j.display_name(lang)) for j in rs.jurisdictions)
        kind = label("binding" if rs.binding else "anticipatory", lang)
        head.append(
            f"\n  {places} · {rs.period[0]}–{rs.period[1]} · {kind} · {clean(rs.path)}", style="dim"
        )
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column(label("indicator", lang), overflow="fold", ratio=1)
        table.add_column(label("target", lang), no_wrap=True)
        table.add_column(label("baseline", lang), no_wrap=True)
        for rule in rs.rules:
            table.add_row(
                Text(clean(rule.display_name(lang))) + Text("\n" + clean(rule.id), style="dim"),
                Text(clean(short_target(rule, lang))),
                Text(clean(_baseline(rule))),
            )
        parts.extend([head, table, Text("")])
    return Group(*parts)


def _source_lines(source: Source, lang: Lang, indent: str = "  ") -> list[Text]:
    rows = [
        (
            "document",
            source.document
            if lang == "zh" or not source.document_en
            else f"{source.document} / {source.document_en}",
        ),
        ("issuer", source.issuer),
        ("number", source.number or "—"),
        ("date", source.date),
        ("locator", source.locator),
        ("quote", f"“{source.quote}”" if source.quote else "—"),
    ]
    if source.url:
        rows.append(("source", source.url))
    out = []
    for key, value in rows:
        if key in ("locator", "quote") and not value.strip("“”—"):
            continue
        line = Text(indent)
        line.append(label(key, lang) + word("punct.sep", lang), style="bold")
        line.append(clean(value))
        out.append(line)
    return out


def rule_detail(ruleset: RuleSet, rule: Rule, lang: Lang) -> RenderableType:
    """`planck rules show`, for stdout."""
    with symbols_for(sys.stdout):
        return _rule_detail(ruleset, rule, lang)


def _rule_detail(ruleset: RuleSet, rule: Rule, lang: Lang) -> RenderableType:
    sep = word("punct.sep", lang)
    lines: list[RenderableType] = []
    head = Text()
    head.append(f"{clean(ruleset.id)} / {clean(rule.id)}", style="bold")
    lines.append(head)
    lines.append(Text(clean(rule.name), style="bold"))
    lines.append(Text(clean(rule.name_en)))

    def row(key: str, value: str) -> None:
        line = Text()
        line.append(label(key, lang) + sep, style="bold")
        line.append(clean(value))
        lines.append(line)

    row("ruleset", ruleset.display_title(lang))
    row("kind", kind_label(rule.kind, lang))
    row("target", target_phrase(rule, lang))
    row("unit", rule.unit)
    row("binding", label("binding" if rule.binding else "anticipatory", lang))
    if rule.baseline:
        row("baseline", f"{fmt(rule.baseline.value)}{rule.unit} ({rule.baseline.year})")
        if rule.baseline.source and rule.baseline.source.quote:
            lines.extend(_source_lines(rule.baseline.source, lang, "    "))
    lines.append(Text(label("source", lang) + sep, style="bold"))
    lines.extend(_source_lines(rule.source, lang))
    for other in rule.see_also:
        lines.append(Text(label("see_also", lang) + sep, style="bold"))
        lines.extend(_source_lines(other, lang))
    if rule.notes:
        lines.append(Text(label("notes", lang) + sep, style="bold"))
        for note in rule.notes:
            lines.append(Text("  • " + clean(note)))
    if rule.location:
        lines.append(Text(clean(str(rule.location)), style="dim"))
    return Group(*lines)
