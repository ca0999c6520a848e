"""The SARIF schema and the JUnit XSD from ../shared/schemas, for the CI-format tests."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import SHARED

SCHEMAS = SHARED / "schemas"
needs_schemas = pytest.mark.skipif(
    not SCHEMAS.is_dir(), reason=f"{SCHEMAS} is missing (the shared folder beside the project)"
)


def load_sarif_validator() -> Any:
    import jsonschema

    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text("utf-8"))
    # The file keeps the root object's schema under definitions/Root and constrains nothing at
    # its top level: validate against that definition, or any JSON would pass.
    schema = {**schema, "$ref": "#/definitions/Root"}
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def load_junit_schema() -> Any:
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


def sarif_errors(validator: Any, document: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def junit_errors(schema: Any, text: str) -> list[str]:
    from lxml import etree

    tree = etree.fromstring(text.encode("utf-8"))
    schema.validate(tree)
    return [str(e) for e in schema.error_log]
