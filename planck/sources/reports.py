"""The reader registry: which reader reads a report file, chosen by its suffix (SPEC §2).

A YAML or JSON file holds one report; a CSV file or an Excel workbook holds a long table of
any number of jurisdiction-years. A file named on the command line is read whatever its
suffix: one that is none of these is read as YAML (stdin arrives as a temporary file named
stdin.yaml, stdin.csv..., so it takes the same way).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planck.model import Diagnostic, Report
from planck.sources import document
from planck.sources.context import ReadingContext
from planck.sources.decode import DEFAULT_MAX_BYTES
from planck.sources.jurisdictions import JurisdictionIndex

__all__ = ["READERS", "JurisdictionIndex", "ReadingContext", "load_report_file", "read_reports"]

Reader = Callable[[Path, ReadingContext], list[Report]]


# The table readers are imported when a table is read: a run over YAML reports never loads
# csv, zipfile or openpyxl (tests/acceptance/test_import_guard.py), which start-up would pay.
def _read_csv(path: Path, ctx: ReadingContext) -> list[Report]:
    from planck.sources.csvsrc import read_csv

    return read_csv(path, ctx)


def _read_xlsx(path: Path, ctx: ReadingContext) -> list[Report]:
    from planck.sources.xlsxsrc import read_xlsx

    return read_xlsx(path, ctx)


READERS: dict[str, Reader] = {
    ".yaml": document.read_yaml,
    ".yml": document.read_yaml,
    ".json": document.read_json,
    ".csv": _read_csv,
    ".xlsx": _read_xlsx,
}


def read_reports(path: Path, ctx: ReadingContext) -> list[Report]:
    """Read one report file with the reader its suffix names (YAML for any other suffix).
    Raises InputError (or InputErrors) for anything that cannot be read as a report; appends
    non-fatal diagnostics (unknown keys) to ``ctx.warnings``."""
    reader = READERS.get(path.suffix.lower(), document.read_yaml)
    return reader(path, ctx)


def load_report_file(
    path: Path,
    display: str,
    index: JurisdictionIndex,
    warnings: list[Diagnostic],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Report]:
    """read_reports for callers that hold the parts of a ReadingContext, not one."""
    return read_reports(path, ReadingContext(display, index, warnings, max_bytes))
