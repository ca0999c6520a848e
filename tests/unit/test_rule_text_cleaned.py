"""Loading refuses control characters in a rule set, but renderers do not rely on it: a rule set
built in code with escape sequences in its words still reaches no terminal raw."""

from __future__ import annotations

import dataclasses
import io
import re

from rich.console import Console

from planck.render.ruleinfo import rule_detail, rulesets_table
from planck.rulesets import load_builtin

RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
EVIL = "\x1b[41m\x1b]0;PWNED\x07"


def _poisoned():  # type: ignore[no-untyped-def]
    ruleset = next(rs for rs in load_builtin() if rs.id == "dushanzi-14th-fyp")
    rules = tuple(
        dataclasses.replace(r, name=r.name + EVIL, name_en=r.name_en + EVIL, unit=r.unit + EVIL)
        for r in ruleset.rules
    )
    return dataclasses.replace(ruleset, title=ruleset.title + EVIL, rules=rules)


def _printed(renderable: object) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=120, force_terminal=False, color_system=None).print(renderable)
    return buffer.getvalue()


def test_rules_list_and_show_clean_what_a_rule_set_holds() -> None:
    ruleset = _poisoned()
    for lang in ("zh", "en"):
        listed = _printed(rulesets_table([ruleset], lang))
        shown = _printed(rule_detail(ruleset, ruleset.rules[0], lang))
        for text in (listed, shown):
            assert "PWNED" in text  # the words are shown …
            assert not RAW.search(text), RAW.findall(text)  # … without their control characters
