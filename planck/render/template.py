"""`planck template`: a blank report with every indicator, ready to fill in."""

from __future__ import annotations

from collections.abc import Mapping

from planck.domain.kinds.phrasing import goal_phrase, kind_label
from planck.model import Kind, RuleSet


def _comment(text: str) -> str:
    return " ".join(text.split())


def _number(value: float) -> str:
    """A number as YAML reads it back, the same float: 1934, 1.62, 2.5e-07."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def render_template(
    jurisdiction: str,
    year: int,
    rulesets: list[RuleSet],
    previous: Mapping[str, float] | None = None,
) -> str:
    """The blank report as commented YAML; ``previous`` (rule id -> the value for year - 1,
    in the rule's unit) is written as each entry's ``previous:``."""
    previous = previous or {}
    covering = [rs for rs in rulesets if rs.covers(jurisdiction, year)]
    name = jurisdiction
    for rs in covering:
        for j in rs.jurisdictions:
            if j.id == jurisdiction:
                name = j.name
    lines = [
        f"# {name} {year} 年度指标报告 / annual indicator report",
        "# 每项填写数值；未知的留作 null（将判为“缺报”）。Fill in each value; null means missing.",
        '# 数值可写成 1.62、"1.62%"、"2450万元"，或写成 {value: …, unit: …, previous: …, note: …}。',
        "# 指标可用 id 或规划表中的中文名称（可带单位，如“技术交易合同金额（亿元）”）。",
        "# An indicator may be named by its id or its Chinese name from the plan's table.",
        "# 核实说明 verified: 若数值被判为“数值存疑”（suspect，如疑似单位或小数点错误），而核实后"
        "确实无误，",
        "#   在该项写 {value: …, verified: 说明核实情况}，即可解除存疑并随数值显示。",
        "#   If a value is flagged as suspect (a likely unit or decimal slip) but is right, write",
        "#   {value: …, verified: how it was confirmed}: this clears the flag and is shown with it.",
        "planck: 1",
        f"jurisdiction: {jurisdiction}",
        f"year: {year}",
        "submitted_by: null",
        "submitted_on: null",
        "indicators:",
    ]
    seen: set[str] = set()
    for rs in covering:
        lines.append(f"  # —— {_comment(rs.title)}（{rs.id}）")
        for rule in rs.rules:
            if rule.id in seen:
                continue
            seen.add(rule.id)
            if rule.target is not None:
                goal = f"{goal_phrase(rule, 'zh')}（{rule.target_year} 年）"
            else:
                goal = kind_label(rule.kind, "zh")
            lines.append(f"  # {_comment(rule.name)}；单位 {rule.unit}；目标 {goal}")
            before = previous.get(rule.id)
            if before is not None or rule.kind is Kind.NON_DECREASING:
                shown = "null" if before is None else _number(before)
                lines.append(f"  {rule.id}:")
                lines.append("    value: null")
                lines.append(f"    previous: {shown}   # {year - 1} 年数值 / value for {year - 1}")
            else:
                lines.append(f"  {rule.id}: null")
    return "\n".join(lines) + "\n"
