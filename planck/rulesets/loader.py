"""Load rule-set YAML files: schema check (jsonschema), then the semantic checks a schema
cannot express. Every problem is reported with file, line and column."""

from __future__ import annotations

import difflib
import json
import os
import re
import stat
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from planck.errors import InputError, InputErrors, Location, RuleSetError
from planck.i18n import Msg, msg
from planck.model import Baseline, Jurisdiction, Kind, Rule, RuleSet, Source
from planck.rulesets import quickcheck
from planck.sources.decode import decode_text, read_limited
from planck.sources.discover import stat_input, walk
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
    """The rule-set files a path names: itself, or the .yaml/.yml files under a folder
    (without the folders that cannot be listed: load_rulesets reports those)."""
    if path.is_dir():
        return walk(path, RULESET_SUFFIXES)[0]
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
        try:
            mode = stat_input(path, str(path)).st_mode
        except InputError as exc:
            errors.append(
                exc
                if os.path.lexists(path)
                else RuleSetError(
                    msg("规则集路径不存在", "rule set path does not exist"), Location(str(path))
                )
            )
            continue
        files = [path]
        if stat.S_ISDIR(mode):
            files, problems = walk(path, RULESET_SUFFIXES)
            errors.extend(problems)
        for file in files:
            display = f"planck/rules/{file.name}" if builtin else str(file)
            try:
                rulesets.append(
                    load_ruleset_file(file, display, builtin=builtin, validate=validate)
                )
            except InputErrors as exc:
                errors.extend(exc.errors)
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
    unsafe = unsafe_text(tree)
    if unsafe:
        raise _all(unsafe)
    data = to_python(tree)
    # The built-in rule sets are validated by the test suite (`planck rules lint` on them);
    # skipping the schema here keeps jsonschema out of a plain `planck check`'s start-up. A
    # user rule set is imported into jsonschema only when the quick check does not pass it.
    if not (builtin or not validate or quickcheck.valid(data, schema_text())):
        problems = schema_problems(tree, list(_validator().iter_errors(data)))
        if problems:
            raise _all(problems)
    return _build(tree, data, display, builtin)


# Characters no text of a rule set may hold: C0 controls but tab and line feed, DEL, C1, and
# the controls that reorder bidirectional text. Ids, names, units, aliases and every other
# one-line text may not hold a tab or line break either; notes and quotes may.
_NEVER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NOT_ONE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_MULTI_LINE_KEYS = frozenset({"notes", "quote"})


def unsafe_text(tree: Node) -> list[InputError]:
    """Every key and text of a rule set that holds a control character (written as an escape
    such as "\\e" in a quoted string: YAML refuses them raw), at that text."""
    problems: list[InputError] = []
    pending: list[tuple[Node, str, bool]] = [(tree, "", False)]
    while pending:
        node, where, multi_line = pending.pop()
        if isinstance(node, Mapping):
            for key, (key_loc, child) in node.items.items():
                path = f"{where}/{key}" if where else key
                _check_text(key, path, key_loc, _NOT_ONE_LINE, problems)
                pending.append((child, path, key in _MULTI_LINE_KEYS))
        elif isinstance(node, Sequence):
            for index, child in enumerate(node.items):
                pending.append((child, f"{where}/{index}", multi_line))
        elif not node.plain or isinstance(node.value, str):
            _check_text(
                node.raw, where, node.loc, _NEVER if multi_line else _NOT_ONE_LINE, problems
            )
    return problems


def _check_text(
    text: str, where: str, loc: Location, forbidden: re.Pattern[str], problems: list[InputError]
) -> None:
    found = forbidden.search(text)
    if found is None:
        return
    code = ord(found.group())
    if code in (0x0A, 0x0D, 0x2028, 0x2029):
        what_zh, what_en = "换行符", "a line break"
    elif code == 0x09:
        what_zh, what_en = "制表符", "a tab"
    elif code < 0x20 or 0x7F <= code <= 0x9F:
        what_zh, what_en = "控制字符", "a control character"
    else:
        what_zh, what_en = "双向文本控制字符", "a bidirectional-text control"
    problems.append(
        RuleSetError(
            msg(
                "规则集格式错误（{w}）：文本含有 U+{code:04X}（{what_zh}），规则集中不允许",
                "rule set does not match the format ({w}): the text holds U+{code:04X} "
                "({what_en}), which a rule set may not hold",
                w=where or "/",
                code=code,
                what_zh=what_zh,
                what_en=what_en,
            ),
            loc,
        )
    )


def _all(problems: list[InputError]) -> InputError:
    """One error, or every error of a file at once, in the order of the file."""
    problems = sorted(problems, key=lambda e: _position(e.location))
    unique: list[InputError] = []
    seen: set[tuple[object, str]] = set()
    for problem in problems:
        key = (problem.location, problem.message.en)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique[0] if len(unique) == 1 else InputErrors(unique)


def _position(loc: Location | None) -> tuple[int, int]:
    if loc is None:
        return (0, 0)
    return (loc.line or 0, loc.column or 0)


_TYPE_WORDS = {
    "string": ("文本", "text"),
    "number": ("数值", "a number"),
    "integer": ("整数", "an integer"),
    "boolean": ("true 或 false", "true or false"),
    "object": ("映射（键: 值）", "a mapping (key: value)"),
    "array": ("列表", "a list"),
    "null": ("空值", "null"),
}


def schema_problems(tree: Node, errors: list[Any]) -> list[InputError]:
    """jsonschema's errors as planck's: at the offending key or value, in both languages,
    with the key meant where one is misspelt."""
    out: list[InputError] = []
    for error in errors:
        path = list(error.absolute_path)
        node = _node_at(tree, path)
        where = "/".join(str(p) for p in path)
        where_zh = where or "顶层"
        where_en = where or "top level"
        validator = error.validator
        instance = error.instance
        if validator == "additionalProperties" and isinstance(instance, dict):
            allowed = list(error.schema.get("properties", {}))
            for key in instance:
                if key in allowed:
                    continue
                loc = (
                    node.items[key][0]
                    if isinstance(node, Mapping) and key in node.items
                    else node.loc
                )
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                if close:
                    message = msg(
                        "规则集格式错误（{w_zh}）：未知的键“{key}”（是否应为“{close}”？）",
                        "rule set does not match the format ({w_en}): unknown key '{key}' (did you mean '{close}'?)",
                        key=short(key),
                        close=close[0],
                        w_zh=where_zh,
                        w_en=where_en,
                    )
                else:
                    message = msg(
                        "规则集格式错误（{w_zh}）：未知的键“{key}”；可用的键：{allowed}",
                        "rule set does not match the format ({w_en}): unknown key '{key}'; the keys allowed are: {allowed}",
                        key=short(key),
                        allowed=", ".join(allowed),
                        w_zh=where_zh,
                        w_en=where_en,
                    )
                out.append(RuleSetError(message, loc))
            continue
        if validator == "required" and isinstance(instance, dict):
            for key in error.validator_value:
                if key not in instance:
                    out.append(
                        RuleSetError(
                            msg(
                                "规则集格式错误（{w_zh}）：缺少必需的键“{key}”",
                                "rule set does not match the format ({w_en}): the required key '{key}' is missing",
                                key=key,
                                w_zh=where_zh,
                                w_en=where_en,
                            ),
                            node.loc,
                        )
                    )
            continue
        loc = node.loc
        if validator == "propertyNames" or (
            isinstance(instance, str) and isinstance(node, Mapping) and instance in node.items
        ):
            # a key itself is wrong (a jurisdiction id): point at the key
            if isinstance(node, Mapping) and isinstance(instance, str) and instance in node.items:
                loc = node.items[instance][0]
        out.append(RuleSetError(_describe(error, where_zh, where_en), loc))
    return out


def _describe(error: Any, where_zh: str, where_en: str) -> Msg:
    validator = error.validator
    value = error.validator_value
    instance = error.instance
    shown = short(
        repr(instance) if isinstance(instance, str) else json.dumps(instance, default=str), 60
    )
    params = {"w_zh": where_zh, "w_en": where_en, "x": shown}
    if validator == "type":
        names = [value] if isinstance(value, str) else list(value)
        return msg(
            "规则集格式错误（{w_zh}）：应为{t_zh}，这里是 {x}",
            "rule set does not match the format ({w_en}): must be {t_en}, not {x}",
            t_zh="或".join(_TYPE_WORDS.get(n, (n, n))[0] for n in names),
            t_en=" or ".join(_TYPE_WORDS.get(n, (n, n))[1] for n in names),
            **params,
        )
    if validator == "enum":
        options = [str(o) for o in value]
        close = (
            difflib.get_close_matches(instance, options, n=1, cutoff=0.6)
            if isinstance(instance, str)
            else []
        )
        hint_zh = f"（是否应为“{close[0]}”？）" if close else ""
        hint_en = f" (did you mean '{close[0]}'?)" if close else ""
        return msg(
            "规则集格式错误（{w_zh}）：{x} 不是可选值之一{h_zh}；可选：{o}",
            "rule set does not match the format ({w_en}): {x} is not one of the allowed values{h_en}; allowed: {o}",
            h_zh=hint_zh,
            h_en=hint_en,
            o=", ".join(options),
            **params,
        )
    if validator == "const":
        return msg(
            "规则集格式错误（{w_zh}）：应为 {v}",
            "rule set does not match the format ({w_en}): must be {v}",
            v=json.dumps(value),
            **params,
        )
    if validator in ("minLength", "minProperties", "minItems") and value == 1:
        return msg(
            "规则集格式错误（{w_zh}）：不能为空",
            "rule set does not match the format ({w_en}): must not be empty",
            **params,
        )
    if validator == "pattern":
        if value.startswith("^[a-z]"):
            return msg(
                "规则集格式错误（{w_zh}）：{x} 不是有效的 id（以小写字母开头，只用小写字母、数字、_ 和 -）",
                "rule set does not match the format ({w_en}): {x} is not a valid id (a lower-case letter, then lower-case letters, "
                "digits, _ and -)",
                **params,
            )
        if "[0-9]{4}" in value:
            return msg(
                "规则集格式错误（{w_zh}）：日期应写成 YYYY-MM-DD，这里是 {x}",
                "rule set does not match the format ({w_en}): a date is written YYYY-MM-DD, not {x}",
                **params,
            )
    if validator == "maxLength":
        return msg(
            "规则集格式错误（{w_zh}）：过长（最多 {n} 个字符）",
            "rule set does not match the format ({w_en}): too long (at most {n} characters)",
            n=value,
            **params,
        )
    if validator == "minimum":
        return msg(
            "规则集格式错误（{w_zh}）：{x} 小于 {n}",
            "rule set does not match the format ({w_en}): {x} is less than {n}",
            n=value,
            **params,
        )
    if validator == "exclusiveMinimum":
        return msg(
            "规则集格式错误（{w_zh}）：{x} 应大于 {n}",
            "rule set does not match the format ({w_en}): {x} must be greater than {n}",
            n=value,
            **params,
        )
    if validator == "not" and isinstance(value, dict) and set(value) == {"const"}:
        return msg(
            "规则集格式错误（{w_zh}）：不能为 {n}",
            "rule set does not match the format ({w_en}): must not be {n}",
            n=json.dumps(value["const"]),
            **params,
        )
    if validator == "maximum":
        return msg(
            "规则集格式错误（{w_zh}）：{x} 大于 {n}",
            "rule set does not match the format ({w_en}): {x} is greater than {n}",
            n=value,
            **params,
        )
    if validator in ("minItems", "maxItems") and where_en.endswith("period"):
        return msg(
            "规则集格式错误（{w_zh}）：应写成 [起始年, 结束年]",
            "rule set does not match the format ({w_en}): must be written [first year, last year]",
            **params,
        )
    if validator == "minItems":
        return msg(
            "规则集格式错误（{w_zh}）：至少需要 {n} 项",
            "rule set does not match the format ({w_en}): needs at least {n} items",
            n=value,
            **params,
        )
    if validator == "maxItems":
        return msg(
            "规则集格式错误（{w_zh}）：最多 {n} 项",
            "rule set does not match the format ({w_en}): at most {n} items",
            n=value,
            **params,
        )
    if (
        validator == "not"
        and isinstance(instance, dict)
        and instance.get("kind") == "non_decreasing"
    ):
        return msg(
            "规则集格式错误（{w_zh}）：non_decreasing（只增不减）规则不设 target",
            "rule set does not match the format ({w_en}): a non_decreasing rule takes no target",
            **params,
        )
    return msg(
        "规则集格式错误（{w_zh}）：{d}",
        "rule set does not match the format ({w_en}): {d}",
        d=short(error.message, 200),
        **params,
    )


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
    seen: dict[str, Location] = {}
    rules: list[Rule] = []
    for rule_data, rule_node in zip(data["rules"], rules_node.items, strict=True):
        assert isinstance(rule_node, Mapping)
        try:
            rule = _rule(rule_data, rule_node, data, defaults, display, seen, problems)
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
        raise _all(problems)
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


def _rule(
    rule_data: dict[str, Any],
    rule_node: Mapping,
    data: dict[str, Any],
    defaults: dict[str, Any],
    display: str,
    seen: dict[str, Location],
    problems: list[InputError],
) -> Rule:
    first, last = data["period"]
    loc = rule_node.loc
    rid = rule_data["id"]
    id_loc = (rule_node.get("id") or rule_node).loc
    if rid in seen:
        problems.append(
            RuleSetError(
                msg(
                    "规则 id“{id}”重复（第 {a} 行与第 {b} 行）",
                    "duplicate rule id '{id}' (lines {a} and {b})",
                    id=rid,
                    a=seen[rid].line,
                    b=id_loc.line,
                ),
                id_loc,
            )
        )
    seen.setdefault(rid, id_loc)
    target_year = rule_data.get("target_year")
    if target_year is not None and not first <= target_year <= last:
        problems.append(
            RuleSetError(
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
        )
    baseline = None
    if "baseline" in rule_data:
        b = rule_data["baseline"]
        b_node = rule_node.get("baseline")
        assert b_node is not None
        limit = target_year if target_year is not None else last
        if b["year"] >= limit:
            problems.append(
                RuleSetError(
                    msg(
                        "规则“{id}”的基期年 {y} 不早于目标年 {t}",
                        "rule '{id}': baseline year {y} is not before the target year {t}",
                        id=rid,
                        y=b["year"],
                        t=limit,
                    ),
                    b_node.loc,
                )
            )
        b_source = None
        if "source" in b:
            b_source = _source(b["source"], {**defaults, "quote": "", "locator": ""}, b_node.loc)
        baseline = Baseline(int(b["year"]), float(b["value"]), b_source)
    return Rule(
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
        aliases=tuple(rule_data.get("aliases", ())),
    )


def _check_names(rules: list[Rule], rules_node: Sequence, problems: list[InputError]) -> None:
    """A name (id, Chinese name with or without its unit, alias) must name one rule only: a
    report that uses it would otherwise give its value to whichever rule came first."""
    from planck.sources.names import name_key, rule_names

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
    from planck.sources.names import name_key

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
