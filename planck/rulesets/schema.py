"""The rule-set JSON Schema: loading it, and its errors as planck's messages, at the key or value
they are about, in both languages."""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

from planck.domain.values import short
from planck.errors import InputError, RuleSetError
from planck.i18n import Lang, Msg, msg, word
from planck.i18n.words import WORDS
from planck.nodes import Mapping, Node, Sequence


@cache
def validator() -> Any:
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


def _type_word(name: str, lang: Lang) -> str:
    """A JSON Schema type in words; a name the catalogue lacks is shown as it is."""
    return word("type." + name, lang) if "type." + name in WORDS else name


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
            out.extend(_unknown_keys(error, node, where_zh, where_en))
            continue
        if validator == "required" and isinstance(instance, dict):
            out.extend(
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
                for key in error.validator_value
                if key not in instance
            )
            continue
        loc = node.loc
        # a key itself is wrong (a jurisdiction id): point at the key
        if isinstance(node, Mapping) and isinstance(instance, str) and instance in node.items:
            loc = node.items[instance][0]
        out.append(RuleSetError(_describe(error, where_zh, where_en), loc))
    return out


def _unknown_keys(error: Any, node: Node, where_zh: str, where_en: str) -> list[InputError]:
    """Each key a mapping may not have, at the key, with the allowed key it most resembles."""
    allowed = list(error.schema.get("properties", {}))
    out: list[InputError] = []
    for key in error.instance:
        if key in allowed:
            continue
        loc = node.items[key][0] if isinstance(node, Mapping) and key in node.items else node.loc
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
    return out


def _describe(error: Any, where_zh: str, where_en: str) -> Msg:
    """One jsonschema error (not an unknown or missing key) in words a rule-set author can act
    on; jsonschema's own words, shortened, for anything rarer."""
    instance = error.instance
    shown = short(
        repr(instance) if isinstance(instance, str) else json.dumps(instance, default=str), 60
    )
    params = {"w_zh": where_zh, "w_en": where_en, "x": shown}
    for describe in (_describe_value, _describe_bound, _describe_size):
        found = describe(error, params)
        if found is not None:
            return found
    return msg(
        "规则集格式错误（{w_zh}）：{d}",
        "rule set does not match the format ({w_en}): {d}",
        d=short(error.message, 200),
        **params,
    )


def _describe_value(error: Any, params: dict[str, Any]) -> Msg | None:
    """Errors about what a value is: its type, one of a list, a fixed value, a pattern."""
    validator, value, instance = error.validator, error.validator_value, error.instance
    if validator == "type":
        names = [value] if isinstance(value, str) else list(value)
        return msg(
            "规则集格式错误（{w_zh}）：应为{t_zh}，这里是 {x}",
            "rule set does not match the format ({w_en}): must be {t_en}, not {x}",
            t_zh="或".join(_type_word(n, "zh") for n in names),
            t_en=" or ".join(_type_word(n, "en") for n in names),
            **params,
        )
    if validator == "enum":
        options = [str(o) for o in value]
        close = (
            difflib.get_close_matches(instance, options, n=1, cutoff=0.6)
            if isinstance(instance, str)
            else []
        )
        return msg(
            "规则集格式错误（{w_zh}）：{x} 不是可选值之一{h_zh}；可选：{o}",
            "rule set does not match the format ({w_en}): {x} is not one of the allowed values{h_en}; allowed: {o}",
            h_zh=f"（是否应为“{close[0]}”？）" if close else "",
            h_en=f" (did you mean '{close[0]}'?)" if close else "",
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
    if validator == "pattern" and value.startswith("^[a-z]"):
        return msg(
            "规则集格式错误（{w_zh}）：{x} 不是有效的 id（以小写字母开头，只用小写字母、数字、_ 和 -）",
            "rule set does not match the format ({w_en}): {x} is not a valid id (a lower-case letter, then lower-case letters, "
            "digits, _ and -)",
            **params,
        )
    if validator == "pattern" and "[0-9]{4}" in value:
        return msg(
            "规则集格式错误（{w_zh}）：日期应写成 YYYY-MM-DD，这里是 {x}",
            "rule set does not match the format ({w_en}): a date is written YYYY-MM-DD, not {x}",
            **params,
        )
    return None


def _describe_bound(error: Any, params: dict[str, Any]) -> Msg | None:
    """Errors about a number's bounds, and the values a rule may not have."""
    validator, value, instance = error.validator, error.validator_value, error.instance
    words = {
        "minimum": ("{x} 小于 {n}", "{x} is less than {n}"),
        "exclusiveMinimum": ("{x} 应大于 {n}", "{x} must be greater than {n}"),
        "maximum": ("{x} 大于 {n}", "{x} is greater than {n}"),
    }.get(validator)
    if words is not None:
        return msg(
            "规则集格式错误（{w_zh}）：" + words[0],
            "rule set does not match the format ({w_en}): " + words[1],
            n=value,
            **params,
        )
    if validator != "not":
        return None
    if isinstance(value, dict) and set(value) == {"const"}:
        return msg(
            "规则集格式错误（{w_zh}）：不能为 {n}",
            "rule set does not match the format ({w_en}): must not be {n}",
            n=json.dumps(value["const"]),
            **params,
        )
    if isinstance(instance, dict) and instance.get("kind") == "non_decreasing":
        return msg(
            "规则集格式错误（{w_zh}）：non_decreasing（只增不减）规则不设 target",
            "rule set does not match the format ({w_en}): a non_decreasing rule takes no target",
            **params,
        )
    return None


def _describe_size(error: Any, params: dict[str, Any]) -> Msg | None:
    """Errors about how long a text or list is, or how many keys a mapping has."""
    validator, value = error.validator, error.validator_value
    if validator in ("minLength", "minProperties", "minItems") and value == 1:
        return msg(
            "规则集格式错误（{w_zh}）：不能为空",
            "rule set does not match the format ({w_en}): must not be empty",
            **params,
        )
    if validator in ("minItems", "maxItems") and params["w_en"].endswith("period"):
        return msg(
            "规则集格式错误（{w_zh}）：应写成 [起始年, 结束年]",
            "rule set does not match the format ({w_en}): must be written [first year, last year]",
            **params,
        )
    words = {
        "maxLength": ("过长（最多 {n} 个字符）", "too long (at most {n} characters)"),
        "minItems": ("至少需要 {n} 项", "needs at least {n} items"),
        "maxItems": ("最多 {n} 项", "at most {n} items"),
    }.get(validator)
    if words is None:
        return None
    return msg(
        "规则集格式错误（{w_zh}）：" + words[0],
        "rule set does not match the format ({w_en}): " + words[1],
        n=value,
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
