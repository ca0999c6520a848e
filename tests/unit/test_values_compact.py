"""Numbers beyond a sane width are shown compactly (issue: a finite 1e300 printed as 301 digits
pushed every other column off the table)."""

from __future__ import annotations

import pytest

from planck.domain.values import fmt, fmt_beside


@pytest.mark.parametrize(
    "value", [1e15, 1e300, -1e20, 1.7976931348623157e308, 123456789012345678.0]
)
def test_huge_numbers_are_short(value: float) -> None:
    assert len(fmt(value)) <= 12
    assert float(fmt(value)) == pytest.approx(value, rel=1e-5)


def test_ordinary_numbers_are_unchanged() -> None:
    assert [fmt(2450.0), fmt(0.46), fmt(999_999_999_999_999.0), fmt(1.62)] == [
        "2450",
        "0.46",
        "999999999999999",
        "1.62",
    ]


def test_huge_numbers_beside_a_verdict_still_differ() -> None:
    assert fmt_beside(1.0000001e300, 1e300) != fmt(1e300)
    assert float(fmt_beside(1.0000001e300, 1e300)) == pytest.approx(1.0000001e300, rel=1e-9)
