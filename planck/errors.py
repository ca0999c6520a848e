"""Errors that carry a source location, so every message can name file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

from planck.i18n import Lang, Msg


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input file. ``line`` and ``column`` are 1-based; either may be unknown."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def as_json(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column}


class PlanckError(Exception):
    """Base of every error planck reports to a user instead of a traceback."""

    def __init__(self, message: Msg | str, location: Location | None = None) -> None:
        self.message = message if isinstance(message, Msg) else Msg(message, message)
        self.location = location
        super().__init__(self.message.en)

    def render(self, lang: Lang = "en") -> str:
        text = self.message.render(lang)
        return text if self.location is None else f"{self.location}: {text}"

    def __str__(self) -> str:
        return self.render("en")


class InputError(PlanckError):
    """An input that cannot be read as a report or rule set at all (exit code 2)."""


class RuleSetError(InputError):
    """A rule set that is malformed or inconsistent."""


class UsageError(PlanckError):
    """A command line that cannot be carried out (exit code 2)."""
