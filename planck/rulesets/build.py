"""A validated rule-set file to a RuleSet, after the checks a schema cannot express: the period
the right way round, target and baseline years inside it, rule ids and names unique, every rule
with its source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planck.domain.values import short
from planck.errors import InputError, Location, RuleSetError
from planck.i18n import msg
from planck.model import Baseline, Jurisdiction, Kind, Rule, RuleSet, Source
from planck.nodes import Mapping, Node, Sequence
from planck.rulesets.textcheck import all_problems

_SOURCE_REQUIRED = ("document", "issuer", "number", "date", "locator", "quote")


def _source(data: dict[str, Any], defaults: dict[str, Any], where: Location) -> Source:
    merged = {**defaults, **data}
    missing = [key for key in _SOURCE_REQUIRED if key not in merged]
    if missing:
        raise RuleSetError(
            msg(
                "出处缺少 {keys}（可在规则集的 source 中给默认值）",
                "source lacks {keys} (defaults may be given in the rule set's source)",
                keys=", ".join(missing),
            ),
            where,
        )
    return Source(
        document=merged["document"],
        issuer=merged["issuer"],
        number=merged["number"],
        date=str(merged["date"]),
        locator=merged["locator"],
        quote=merged["quote"],
        document_en=merged.get("document_en"),
        url=merged.get("url"),
    )


def build(tree: Mapping, data: dict[str, Any], display: str, builtin: bool) -> RuleSet:
    """The rule set, after the checks a schema cannot express; every failed check is
    reported (as InputErrors when there are several)."""
    problems: list[InputError] = []
    first, last = data["period"]
    rules_node = tree.get("rules")
    assert isinstance(rules_node, Sequence)
    period_loc = (tree.get("period") or tree).loc
    if first > last:
        problems.append(
            RuleSetError(
                msg("规划期起止颠倒：{a} > {b}", "period is reversed: {a} > {b}", a=first, b=last),
                period_loc,
            )
        )
    defaults = data.get("source", {})
    ctx = _Building(data, defaults, display, {}, problems)
    rules: list[Rule] = []
    for rule_data, rule_node in zip(data["rules"], rules_node.items, strict=True):
        assert isinstance(rule_node, Mapping)
        try:
            rule = _rule(rule_data, rule_node, ctx)
        except InputError as exc:
            problems.append(exc)
            continue
        rules.append(rule)
    _check_names(rules, rules_node, problems)
    jurisdictions = tuple(
        Jurisdiction(jid, j["name"], j["name_en"], tuple(j.get("aliases", ())))
        for jid, j in data["jurisdictions"].items()
    )
    _check_jurisdiction_names(jurisdictions, tree.get("jurisdictions"), problems)
    source = None
    if _has_doc(defaults):
        try:
            source = _source(defaults, {"locator": "", "quote": ""}, tree.loc)
        except InputError as exc:  # pragma: no cover - _has_doc checked the keys
            problems.append(exc)
    if problems:
        raise all_problems(problems)
    return RuleSet(
        id=data["id"],
        title=data["title"],
        title_en=data["title_en"],
        jurisdictions=jurisdictions,
        period=(first, last),
        binding=data["binding"],
        rules=tuple(rules),
        path=display,
        source=source,
        notes=tuple(data.get("notes", [])),
        builtin=builtin,
    )


@dataclass(slots=True)
class _Building:
    """What every rule of a rule set is built with: the whole file's data, the rule set's
    default source, the file's name, the rule ids seen so far, and the problems found."""

    data: dict[str, Any]
    defaults: dict[str, Any]
    display: str
    seen: dict[str, Location]
    problems: list[InputError]


def _rule(rule_data: dict[str, Any], rule_node: Mapping, ctx: _Building) -> Rule:
    loc = rule_node.loc
    _check_rule_id(rule_data["id"], (rule_node.get("id") or rule_node).loc, ctx)
    target_year = rule_data.get("target_year")
    _check_target_year(rule_data, rule_node, ctx)
    baseline = None
    if "baseline" in rule_data:
        baseline = _baseline(rule_data, rule_node, ctx)
    return Rule(
        id=rule_data["id"],
        name=rule_data["name"],
        name_en=rule_data["name_en"],
        unit=rule_data["unit"],
        kind=Kind(rule_data["kind"]),
        target=float(rule_data["target"]) if "target" in rule_data else None,
        target_year=target_year,
        baseline=baseline,
        binding=rule_data.get("binding", ctx.data["binding"]),
        source=_source(rule_data.get("source", {}), ctx.defaults, loc),
        see_also=tuple(_source(s, {}, loc) for s in rule_data.get("see_also", [])),
        notes=tuple(rule_data.get("notes", [])),
        location=Location(ctx.display, loc.line, loc.column),
        aliases=tuple(rule_data.get("aliases", ())),
    )


def _check_rule_id(rid: str, id_loc: Location, ctx: _Building) -> None:
    if rid in ctx.seen:
        ctx.problems.append(
            RuleSetError(
                msg(
                    "规则 id“{id}”重复（第 {a} 行与第 {b} 行）",
                    "duplicate rule id '{id}' (lines {a} and {b})",
                    id=rid,
                    a=ctx.seen[rid].line,
                    b=id_loc.line,
                ),
                id_loc,
            )
        )
    ctx.seen.setdefault(rid, id_loc)


def _check_target_year(rule_data: dict[str, Any], rule_node: Mapping, ctx: _Building) -> None:
    first, last = ctx.data["period"]
    target_year = rule_data.get("target_year")
    if target_year is not None and not first <= target_year <= last:
        ctx.problems.append(
            RuleSetError(
                msg(
                    "规则“{id}”的目标年 {y} 不在规划期 {a}–{b} 内",
                    "rule '{id}': target year {y} is outside the period {a}–{b}",
                    id=rule_data["id"],
                    y=target_year,
                    a=first,
                    b=last,
                ),
                (rule_node.get("target_year") or rule_node).loc,
            )
        )


def _baseline(rule_data: dict[str, Any], rule_node: Mapping, ctx: _Building) -> Baseline:
    b = rule_data["baseline"]
    b_node = rule_node.get("baseline")
    assert b_node is not None
    target_year = rule_data.get("target_year")
    limit = target_year if target_year is not None else ctx.data["period"][1]
    if b["year"] >= limit:
        ctx.problems.append(
            RuleSetError(
                msg(
                    "规则“{id}”的基期年 {y} 不早于目标年 {t}",
                    "rule '{id}': baseline year {y} is not before the target year {t}",
                    id=rule_data["id"],
                    y=b["year"],
                    t=limit,
                ),
                b_node.loc,
            )
        )
    b_source = None
    if "source" in b:
        b_source = _source(b["source"], {**ctx.defaults, "quote": "", "locator": ""}, b_node.loc)
    return Baseline(int(b["year"]), float(b["value"]), b_source)


def _check_names(rules: list[Rule], rules_node: Sequence, problems: list[InputError]) -> None:
    """A name (id, Chinese name with or without its unit, alias) must name one rule only: a
    report that uses it would otherwise give its value to whichever rule came first."""
    from planck.domain.names import name_key, rule_names

    owner: dict[str, str] = {}
    for rule, node in zip(rules, rules_node.items, strict=False):
        for name in dict.fromkeys(rule_names(rule)):
            key = name_key(name)
            other = owner.setdefault(key, rule.id)
            if other != rule.id:
                problems.append(
                    RuleSetError(
                        msg(
                            "名称“{name}”同时指规则“{a}”与“{b}”；报告无法据此确定指标",
                            "the name '{name}' names both rule '{a}' and rule '{b}'; a report "
                            "could not tell which indicator it means",
                            name=short(name),
                            a=other,
                            b=rule.id,
                        ),
                        _name_loc(node, name),
                    )
                )


def _check_jurisdiction_names(
    jurisdictions: tuple[Jurisdiction, ...], node: Node | None, problems: list[InputError]
) -> None:
    from planck.domain.names import name_key

    owner: dict[str, str] = {}
    for j in jurisdictions:
        for name in dict.fromkeys((j.id, j.name, j.name_en, *j.aliases)):
            key = name_key(name)
            other = owner.setdefault(key, j.id)
            if other != j.id:
                where = (
                    node.items[j.id][1]
                    if isinstance(node, Mapping) and j.id in node.items
                    else node
                )
                problems.append(
                    RuleSetError(
                        msg(
                            "名称“{name}”同时指地区“{a}”与“{b}”",
                            "the name '{name}' names both jurisdiction '{a}' and '{b}'",
                            name=short(name),
                            a=other,
                            b=j.id,
                        ),
                        _name_loc(where, name) if where is not None else None,
                    )
                )


def _name_loc(node: Node, name: str) -> Location:
    """Where a name is written in a rule's or jurisdiction's mapping (its alias entry, else
    its name), for a message about it."""
    if isinstance(node, Mapping):
        aliases = node.get("aliases")
        if isinstance(aliases, Sequence):
            for item in aliases.items:
                if getattr(item, "raw", None) == name:
                    return item.loc
        for key in ("name", "id"):
            found = node.get(key)
            if found is not None:
                return found.loc
    return node.loc


def _has_doc(defaults: dict[str, Any]) -> bool:
    return all(k in defaults for k in ("document", "issuer", "number", "date"))
