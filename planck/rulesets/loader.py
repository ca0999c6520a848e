"""Load rule-set YAML files: schema check (jsonschema), then the semantic checks a schema
cannot express. Every problem is reported with file, line and column."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from planck.errors import InputError, Location, RuleSetError
from planck.i18n import msg
from planck.model import Baseline, Jurisdiction, Kind, Rule, RuleSet, Source
from planck.rulesets import quickcheck
from planck.sources.decode import decode_text, read_limited
from planck.sources.tree import Mapping, Node, Sequence, parse_yaml, to_python
from planck.values import short

RULESET_SUFFIXES = (".yaml", ".yml")
_SOURCE_REQUIRED = ("document", "issuer", "number", "date", "locator", "quote")


def builtin_rules_dir() -> Path:
    """Rule sets inside the installed wheel (planck/rules), else the source tree's rules/."""
    packaged = Path(str(resources.files("planck"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    schema = json.loads(schema_text())
    return Draft202012Validator(_inline_refs(schema, schema.get("$defs", {}), ()))


def _inline_refs(node: Any, defs: dict[str, Any], seen: tuple[str, ...]) -> Any:
    """The schema with its local references ("#/$defs/NAME") replaced by what they name.
    Validation means the same; resolving a reference costs more than the check it leads to,
    and a rule set for a whole province has thousands of jurisdictions, each checked through
    one. A reference back into itself is left as it is."""
    if isinstance(node, list):
        return [_inline_refs(item, defs, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    rest = {key: _inline_refs(value, defs, seen) for key, value in node.items() if key != "$ref"}
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        name = ref.removeprefix("#/$defs/")
        target = defs.get(name)
        # beside a reference, other keywords apply too: merged when they cannot clash
        if isinstance(target, dict) and name not in seen and not rest.keys() & target.keys():
            return {**_inline_refs(target, defs, (*seen, name)), **rest}
    return rest if ref is None else {"$ref": ref, **rest}


@cache
def schema_text() -> str:
    return resources.files("planck.rulesets").joinpath("ruleset.schema.json").read_text("utf-8")


def ruleset_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*") if p.suffix.lower() in RULESET_SUFFIXES and p.is_file()
        )
    return [path]


def load_builtin() -> list[RuleSet]:
    rulesets, errors = load_rulesets([builtin_rules_dir()], builtin=True)
    if errors:  # a broken wheel, not a user error; still say what is wrong
        raise errors[0]
    return rulesets


def load_rulesets(
    paths: list[Path], *, builtin: bool = False, validate: bool = True
) -> tuple[list[RuleSet], list[InputError]]:
    """Load every rule set under ``paths``. Errors are collected, not raised, so one bad file
    does not hide the others."""
    rulesets: list[RuleSet] = []
    errors: list[InputError] = []
    for path in paths:
        if not path.exists():
            errors.append(
                RuleSetError(
                    msg("规则集路径不存在", "rule set path does not exist"), Location(str(path))
                )
            )
            continue
        for file in ruleset_files(path):
            display = f"planck/rules/{file.name}" if builtin else str(file)
            try:
                rulesets.append(
                    load_ruleset_file(file, display, builtin=builtin, validate=validate)
                )
            except InputError as exc:
                errors.append(exc)
    return rulesets, errors


def load_ruleset_file(
    path: Path, display: str, *, builtin: bool = False, validate: bool = True
) -> RuleSet:
    """One rule set. ``validate=False`` skips the JSON Schema (as for the built-in rule sets):
    only for a caller that validates the same files as well before it relies on the result."""
    tree = parse_yaml(decode_text(read_limited(path, display), display), display)
    if not isinstance(tree, Mapping):
        raise RuleSetError(
            msg(
                "规则集文件必须是一个映射（键: 值）",
                "a rule set file must be a mapping (key: value)",
            ),
            tree.loc,
        )
    data = to_python(tree)
    # The built-in rule sets are validated by the test suite (`planck rules lint` on them);
    # skipping the schema here keeps jsonschema out of a plain `planck check`'s start-up. A
    # user rule set is imported into jsonschema only when the quick check does not pass it.
    errors = (
        []
        if builtin or not validate or quickcheck.valid(data, schema_text())
        else list(_validator().iter_errors(data))
    )
    if errors:
        error = min(errors, key=lambda e: _node_at(tree, list(e.absolute_path)).loc.line or 0)
        node = _node_at(tree, list(error.absolute_path))
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise RuleSetError(
            msg(
                "规则集格式错误（{where}）：{detail}",
                "rule set does not match the format ({where}): {detail}",
                where=where,
                detail=short(error.message, 200),
            ),
            node.loc,
        )
    return _build(tree, data, display, builtin)


def _node_at(tree: Node, path: list[Any]) -> Node:
    node = tree
    for part in path:
        if isinstance(node, Mapping) and isinstance(part, str) and part in node.items:
            node = node.items[part][1]
        elif isinstance(node, Sequence) and isinstance(part, int) and part < len(node.items):
            node = node.items[part]
        else:
            break
    return node


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


def _build(tree: Mapping, data: dict[str, Any], display: str, builtin: bool) -> RuleSet:
    first, last = data["period"]
    rules_node = tree.get("rules")
    assert isinstance(rules_node, Sequence)
    period_loc = (tree.get("period") or tree).loc
    if first > last:
        raise RuleSetError(
            msg("规划期起止颠倒：{a} > {b}", "period is reversed: {a} > {b}", a=first, b=last),
            period_loc,
        )
    defaults = data.get("source", {})
    seen: dict[str, Location] = {}
    rules: list[Rule] = []
    for rule_data, rule_node in zip(data["rules"], rules_node.items, strict=True):
        assert isinstance(rule_node, Mapping)
        loc = rule_node.loc
        rid = rule_data["id"]
        id_loc = (rule_node.get("id") or rule_node).loc
        if rid in seen:
            raise RuleSetError(
                msg(
                    "规则 id“{id}”重复（第 {a} 行与第 {b} 行）",
                    "duplicate rule id '{id}' (lines {a} and {b})",
                    id=rid,
                    a=seen[rid].line,
                    b=id_loc.line,
                ),
                id_loc,
            )
        seen[rid] = id_loc
        target_year = rule_data.get("target_year")
        if target_year is not None and not first <= target_year <= last:
            raise RuleSetError(
                msg(
                    "规则“{id}”的目标年 {y} 不在规划期 {a}–{b} 内",
                    "rule '{id}': target year {y} is outside the period {a}–{b}",
                    id=rid,
                    y=target_year,
                    a=first,
                    b=last,
                ),
                (rule_node.get("target_year") or rule_node).loc,
            )
        baseline = None
        if "baseline" in rule_data:
            b = rule_data["baseline"]
            b_node = rule_node.get("baseline")
            assert b_node is not None
            limit = target_year if target_year is not None else last
            if b["year"] >= limit:
                raise RuleSetError(
                    msg(
                        "规则“{id}”的基期年 {y} 不早于目标年 {t}",
                        "rule '{id}': baseline year {y} is not before the target year {t}",
                        id=rid,
                        y=b["year"],
                        t=limit,
                    ),
                    b_node.loc,
                )
            b_source = None
            if "source" in b:
                b_source = _source(
                    b["source"], {**defaults, "quote": "", "locator": ""}, b_node.loc
                )
            baseline = Baseline(int(b["year"]), float(b["value"]), b_source)
        rules.append(
            Rule(
                id=rid,
                name=rule_data["name"],
                name_en=rule_data["name_en"],
                unit=rule_data["unit"],
                kind=Kind(rule_data["kind"]),
                target=float(rule_data["target"]) if "target" in rule_data else None,
                target_year=target_year,
                baseline=baseline,
                binding=rule_data.get("binding", data["binding"]),
                source=_source(rule_data.get("source", {}), defaults, loc),
                see_also=tuple(_source(s, {}, loc) for s in rule_data.get("see_also", [])),
                notes=tuple(rule_data.get("notes", [])),
                location=Location(display, loc.line, loc.column),
            )
        )
    return RuleSet(
        id=data["id"],
        title=data["title"],
        title_en=data["title_en"],
        jurisdictions=tuple(
            Jurisdiction(jid, j["name"], j["name_en"]) for jid, j in data["jurisdictions"].items()
        ),
        period=(first, last),
        binding=data["binding"],
        rules=tuple(rules),
        path=display,
        source=_source(defaults, {"locator": "", "quote": ""}, tree.loc)
        if _has_doc(defaults)
        else None,
        notes=tuple(data.get("notes", [])),
        builtin=builtin,
    )


def _has_doc(defaults: dict[str, Any]) -> bool:
    return all(k in defaults for k in ("document", "issuer", "number", "date"))
