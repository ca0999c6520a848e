"""What every reader needs to read one input file, in one object."""

from __future__ import annotations

from dataclasses import dataclass, field

from planck.model import Diagnostic
from planck.sources.decode import DEFAULT_MAX_BYTES
from planck.sources.jurisdictions import JurisdictionIndex


@dataclass(slots=True)
class ReadingContext:
    """One file being read: the name it is shown by (in every location and message), the
    jurisdictions and indicators reports may name, the size limit, and where the non-fatal
    diagnostics (an unknown key, an ignored column) go. Input errors are raised, not kept."""

    display: str
    index: JurisdictionIndex
    warnings: list[Diagnostic] = field(default_factory=list)
    max_bytes: int = DEFAULT_MAX_BYTES
