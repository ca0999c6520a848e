"""What a check reads and how many processes it may use: light to import, for the callers that
start workers before they load the engine (the review)."""

from __future__ import annotations

from dataclasses import dataclass

from planck.engine.sharing import default_jobs

__all__ = ["Job", "default_jobs"]


@dataclass(frozen=True)
class Job:
    """What one check reads, and how many processes it may use."""

    paths: list[str]
    rules: list[str]
    max_bytes: int
    jobs: int
