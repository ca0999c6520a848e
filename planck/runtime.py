"""Process-wide settings of planck's own command line (never applied on import)."""

from __future__ import annotations

import gc


def few_collections() -> None:
    """A check builds many objects that live to the end and holds no reference cycles worth
    collecting early: running the cycle collector every 700 allocations (the default) cost
    about a tenth of the time. It still runs, just less often."""
    gc.set_threshold(50_000, 20, 20)
