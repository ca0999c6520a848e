"""The jurisdictions the loaded rule sets know, by every name a report may use for them."""

from __future__ import annotations

from dataclasses import dataclass, field

from planck.domain.names import IndicatorNames, Suggester, name_key
from planck.model import RuleSet


@dataclass
class JurisdictionIndex:
    """Jurisdiction ids and names known from the loaded rule sets, and the indicator names of
    the rule sets that cover each jurisdiction."""

    rulesets: list[RuleSet]
    by_name: dict[str, str] = field(default_factory=dict)  # name key -> jurisdiction id
    names: list[tuple[str, str]] = field(default_factory=list)  # (name, shown) for suggestions
    _indicators: dict[str, IndicatorNames] = field(default_factory=dict)
    _suggester: Suggester | None = None

    def __post_init__(self) -> None:
        for ruleset in self.rulesets:
            for j in ruleset.jurisdictions:
                for name in (j.id, j.name, j.name_en, *j.aliases):
                    self.by_name.setdefault(name_key(name), j.id)
                # an alias is suggested by the name people know the place by
                self.names.extend(
                    [(j.id, j.id), (j.name, j.name), (j.name_en, j.name_en)]
                    + [(alias, j.name) for alias in j.aliases]
                )

    def resolve(self, name: str) -> str | None:
        return self.by_name.get(name_key(name))

    def suggest(self, name: str) -> str | None:
        if self._suggester is None:  # built once: a file may name many unknown places
            self._suggester = Suggester(self.names)
        return self._suggester.suggest(name)

    def indicators(self, jurisdiction: str) -> IndicatorNames:
        """How reports may name the indicators of the rule sets covering ``jurisdiction``."""
        found = self._indicators.get(jurisdiction)
        if found is None:
            found = self._indicators[jurisdiction] = IndicatorNames(
                rs for rs in self.rulesets if rs.covers_jurisdiction(jurisdiction)
            )
        return found
