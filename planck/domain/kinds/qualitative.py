"""`qualitative` (SPEC §3): a person judges the value against the plan's text."""

from __future__ import annotations

from planck.domain.kinds import phrasing
from planck.domain.kinds.base import Judging, KindSpec
from planck.model import Kind, Result, Status


def judge(j: Judging) -> Result:
    return j.result(Status.REVIEW, phrasing.review(j.value, j.rule.unit))


SPEC = KindSpec((Kind.QUALITATIVE,), judge)
