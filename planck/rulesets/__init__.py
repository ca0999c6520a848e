"""Rule sets: the built-in ones shipped with planck, and any a user gives with --rules."""

from planck.rulesets.loader import (
    builtin_rules_dir,
    load_builtin,
    load_ruleset_file,
    load_rulesets,
    ruleset_files,
)

__all__ = [
    "builtin_rules_dir",
    "load_builtin",
    "load_ruleset_file",
    "load_rulesets",
    "ruleset_files",
]
