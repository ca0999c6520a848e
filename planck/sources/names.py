"""How reports name jurisdictions and indicators (SPEC §2), and suggestions for unknown names.

A name is compared after NFKC (full-width letters, digits and brackets become ASCII), removal of
every white space and case folding, so `技术交易合同金额 （亿元）`, `技术交易合同金额(亿元)` and
`Dushanzi district` all find what they mean.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from planck.model import Rule, RuleSet

# Close-match suggestions compare strings pairwise; past this length none would be close anyway.
SUGGEST_MAX_LEN = 100


def name_key(text: str) -> str:
    """The form in which names are compared."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def rule_names(rule: Rule) -> list[str]:
    """Every way a report may name the rule's indicator: its id, its Chinese name with and
    without the unit in brackets (as a plan's table prints it), and its aliases."""
    names = [rule.id, rule.name, f"{rule.name}({rule.unit})"]
    for alias in rule.aliases:
        names.append(alias)
    return names


def suggest(given: str, candidates: Iterable[tuple[str, str]]) -> str | None:
    """The known name to suggest for an unknown one. ``candidates`` are (name, shown) pairs:
    the name compared and what to show for it. A known name that the given one ends with
    comes first (``新疆克拉玛依市独山子区`` → 独山子区, never 克拉玛依市), then one it contains
    (the longest), then the closest spelling."""
    key = name_key(given)
    if not key or len(key) > SUGGEST_MAX_LEN:
        return None
    pairs = [(name_key(name), shown) for name, shown in candidates]
    pairs = [(k, shown) for k, shown in pairs if k]
    ends = [(k, shown) for k, shown in pairs if len(k) >= 2 and key.endswith(k)]
    if ends:
        return max(ends, key=lambda p: len(p[0]))[1]
    inside = [(k, shown) for k, shown in pairs if len(k) >= 2 and k in key]
    if inside:
        return max(inside, key=lambda p: len(p[0]))[1]
    by_key: dict[str, str] = {}
    for k, shown in pairs:
        by_key.setdefault(k, shown)
    close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.6)
    return by_key[close[0]] if close else None


class IndicatorNames:
    """Indicator names of the rule sets that cover one jurisdiction: name key -> rule id."""

    def __init__(self, rulesets: Iterable[RuleSet]) -> None:
        rulesets = list(rulesets)
        self.ids: dict[str, str] = {}
        self.by_key: dict[str, str] = {}
        self.shown: list[tuple[str, str]] = []
        for ruleset in rulesets:
            for rule in ruleset.rules:
                self.ids.setdefault(rule.id, rule.id)
        # ids first: a name never takes over another rule's id
        for rule_id in self.ids:
            self.by_key.setdefault(name_key(rule_id), rule_id)
        for ruleset in rulesets:
            for rule in ruleset.rules:
                for name in rule_names(rule):
                    self.by_key.setdefault(name_key(name), rule.id)
                    self.shown.append((name, rule.id))

    def resolve(self, key: str) -> str | None:
        """The rule id a report's key names, or None."""
        if key in self.ids:
            return key
        return self.by_key.get(name_key(key))
