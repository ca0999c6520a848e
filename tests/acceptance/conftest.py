"""Fixtures of the acceptance tests: the CI formats' schemas, loaded once per session."""

from __future__ import annotations

from typing import Any

import pytest

from tests.schemas import load_junit_schema, load_sarif_validator


@pytest.fixture(scope="session")
def sarif_validator() -> Any:
    return load_sarif_validator()


@pytest.fixture(scope="session")
def junit_schema() -> Any:
    return load_junit_schema()
