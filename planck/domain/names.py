"""How reports name jurisdictions and indicators (SPEC §2), and suggestions for unknown names.

A name is compared after NFKC (full-width letters, digits and brackets become ASCII), removal of
every white space and case folding, so `技术交易合同金额 （亿元）`, `技术交易合同金额(亿元)` and
`Dushanzi district` all find what they mean.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
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
    (the longest), then the closest spelling. To ask many times, build a Suggester once."""
    return Suggester(candidates).suggest(given)


# Candidates whose spelling is compared in full (difflib's ratio), at most, per unknown name:
# those sharing the most characters with it. Past a few hundred, none would be closer.
_MAX_COMPARED = 200
CUTOFF = 0.6


class Suggester:
    """Suggestions for unknown names from an index built once, at a cost that does not grow
    with the number of known names times the number of unknown ones.

    A known name that the given one ends with, or contains, is looked up by the given name's
    own suffixes and substrings. The closest spelling is difflib's (the same ratio and cut-off
    as difflib.get_close_matches, and the same answer): the known names that share characters
    with the given one are found through an index of characters, ordered by the upper bound of
    the ratio those shared characters allow, and compared in that order until no remaining one
    can do better."""

    def __init__(self, candidates: Iterable[tuple[str, str]], *, affixes: bool = True) -> None:
        self._affixes = affixes
        self._shown: dict[str, str] = {}
        for name, shown in candidates:
            key = name_key(name)
            if key:
                self._shown.setdefault(key, shown)
        self._keys = list(self._shown)
        self._order = {key: index for index, key in enumerate(self._keys)}
        self._lengths = sorted({len(k) for k in self._keys if len(k) >= 2}, reverse=True)
        self._postings: dict[str, list[tuple[int, int]]] = {}
        for index, key in enumerate(self._keys):
            for char, count in Counter(key).items():
                self._postings.setdefault(char, []).append((index, count))
        self._answers: dict[str, str | None] = {}

    def suggest(self, given: str) -> str | None:
        key = name_key(given)
        if not key or len(key) > SUGGEST_MAX_LEN:
            return None
        if key not in self._answers:
            self._answers[key] = self._find(key)
        return self._answers[key]

    def _find(self, key: str) -> str | None:
        if self._affixes:
            for start in range(len(key) - 1):  # the longest known name it ends with
                if key[start:] in self._shown:
                    return self._shown[key[start:]]
            for length in self._lengths:  # the longest it contains, the first known on a tie
                if length > len(key):
                    continue
                inside = {key[i : i + length] for i in range(len(key) - length + 1)}
                hits = [k for k in inside if k in self._shown]
                if hits:
                    return self._shown[min(hits, key=self._order.__getitem__)]
        close = self._closest(key)
        return None if close is None else self._shown[close]

    def _closest(self, key: str) -> str | None:
        shared: dict[int, int] = {}
        for char, count in Counter(key).items():
            for index, known_count in self._postings.get(char, ()):
                shared[index] = shared.get(index, 0) + min(count, known_count)
        size = len(key)
        keys = self._keys
        # 2·shared/(len a + len b) bounds the ratio from above (difflib's quick_ratio)
        bounds = sorted(
            ((2.0 * n / (size + len(keys[i])), keys[i]) for i, n in shared.items()),
            reverse=True,
        )
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(key)
        best: tuple[float, str] | None = None
        for bound, known in bounds[:_MAX_COMPARED]:
            if bound < CUTOFF or (best is not None and bound < best[0]):
                break
            matcher.set_seq1(known)
            score = matcher.ratio()
            if score >= CUTOFF and (best is None or (score, known) > best):
                best = (score, known)
        return None if best is None else best[1]


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
