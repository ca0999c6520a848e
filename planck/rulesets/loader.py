"""Load rule-set YAML files: text check (planck.rulesets.textcheck), schema check
(planck.rulesets.schema), then the checks a schema cannot express (planck.rulesets.build).
Every problem is reported with file, line and column."""

from __future__ import annotations

import os
import stat
from importlib import resources
from pathlib import Path

from planck.errors import InputError, InputErrors, Location, RuleSetError
from planck.i18n import msg
from planck.model import RuleSet
from planck.nodes import Mapping, to_python
from planck.rulesets import quickcheck
from planck.rulesets.build import build
from planck.rulesets.schema import schema_problems, validator
from planck.rulesets.schema import schema_text as schema_text
from planck.rulesets.textcheck import all_problems, unsafe_text
from planck.sources.decode import decode_text, read_limited
from planck.sources.discover import stat_input, walk
from planck.sources.tree import parse_yaml

RULESET_SUFFIXES = (".yaml", ".yml")


def builtin_rules_dir() -> Path:
    """Rule sets inside the installed wheel (planck/rules), else the source tree's rules/."""
    packaged = Path(str(resources.files("planck"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


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
        raise all_problems(unsafe)
    data = to_python(tree)
    # The built-in rule sets are validated by the test suite (`planck rules lint` on them);
    # skipping the schema here keeps jsonschema out of a plain `planck check`'s start-up. A
    # user rule set is imported into jsonschema only when the quick check does not pass it.
    if not (builtin or not validate or quickcheck.valid(data, schema_text())):
        problems = schema_problems(tree, list(validator().iter_errors(data)))
        if problems:
            raise all_problems(problems)
    return build(tree, data, display, builtin)
