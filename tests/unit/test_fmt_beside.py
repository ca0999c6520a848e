"""A number shown beside a verdict never reads the same as a different number beside it
(SPEC §3), and is no longer than it needs to be."""

from __future__ import annotations

import random

import pytest

from planck.domain.values import fmt, fmt_beside


def _cases() -> list[tuple[float, float]]:
    rng = random.Random(15)
    out = []
    for _ in range(20_000):
        value = round(rng.uniform(0, 3), rng.randint(0, 9))
        step = rng.choice([1e-9, 1e-6, 1e-5, 1e-4, 2e-4, 1e-3, 0.5, 1.0]) * rng.choice([1, -1])
        reference = rng.choice([value + step, round(value + step, 4), 10 ** rng.uniform(-6, 16)])
        out.append((value, reference))
    return out


def test_a_value_never_reads_like_a_different_reference_or_zero() -> None:
    for value, reference in _cases():
        shown = fmt_beside(value, reference)
        # unless the value's own shortest text is the reference's (0.245 beside 0.24501)
        if value != reference and repr(value) != fmt(reference):
            assert shown != fmt(reference), (value, reference)
        if value != 0:
            assert shown != "0", value


@pytest.mark.parametrize(
    ("value", "references", "shown"),
    [
        (1.99999, (2.0,), "1.99999"),
        (1.62, (2.0,), "1.62"),  # far from the reference: its usual four decimals
        (0.00001, (), "0.00001"),  # not "0"
        (1058.0, (942.0,), "1058"),
        (2.00004, (2.00001,), "2.00004"),
        (1e15 + 2, (1e15,), "1000000000000002"),  # more significant digits, not 1e+15
    ],
)
def test_only_as_many_decimals_as_it_takes(
    value: float, references: tuple[float, ...], shown: str
) -> None:
    assert fmt_beside(value, *references) == shown
