"""Errors that carry a source location, so every message can name file, line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planck.i18n import Lang, Msg


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input file. ``line`` and ``column`` are 1-based; either may be unknown.

    In a spreadsheet, ``sheet`` names the worksheet and ``line``/``column`` are the cell's row
    and column numbers, so that ``str()`` gives ``file!Sheet!B7`` while programs reading
    ``as_json()`` still find numbers under ``line`` and ``column``.
    """

    file: str
    line: int | None = None
    column: int | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            where = self.cell_ref()
            return f"{self.file}!{where}" if where else f"{self.file}!{sheet_ref(self.sheet)}"
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def cell_ref(self) -> str | None:
        """``Sheet!B7`` (``Sheet!7:7`` for a whole row), as Excel writes a reference; None
        outside a spreadsheet or when the row is unknown."""
        if self.sheet is None or self.line is None:
            return None
        if self.column is None:
            return f"{sheet_ref(self.sheet)}!{self.line}:{self.line}"
        return f"{sheet_ref(self.sheet)}!{column_letters(self.column)}{self.line}"

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"file": self.file, "line": self.line, "column": self.column}
        if self.sheet is not None:
            out["sheet"] = self.sheet
            out["cell"] = (
                f"{column_letters(self.column)}{self.line}"
                if self.line is not None and self.column is not None
                else None
            )
        return out


def column_letters(column: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA: a spreadsheet column's name."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters or "?"


_PLAIN_SHEET = re.compile(r"^[^\W\d]\w*$")


def sheet_ref(name: str) -> str:
    """A sheet name as a reference writes it: quoted ('My sheet') unless it is one word."""
    if _PLAIN_SHEET.match(name):
        return name
    return "'" + name.replace("'", "''") + "'"


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


class InputErrors(InputError):
    """Several input errors found in one file (e.g. bad rows of a table); each is reported."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.message, first.location)
