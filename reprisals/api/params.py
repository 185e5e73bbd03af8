"""Shared parameter definitions: strict, so that a bad value is a 422 naming
the parameter, and bounded, so that no value reaches the database unchecked."""

from typing import Annotated

from django.utils import translation
from ninja import Field
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from reprisals.lib.text import allowed_pattern, refusal

ISO3_PATTERN = r"^[A-Z]{3}$"
CASE_CODE_PATTERN = r"^[0-9]{4}-[A-Z]{3}-[0-9]{3}$"
YEAR_PATTERN = r"^[0-9]{4}$"
KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,79}$"
MAX_ID = 2**63 - 1  # the largest BigAutoField value on every database


def _without_default(schema):
    schema.pop("default", None)


def optional(description, **constraints):
    """A filter that is either absent (None: no filter) or a valid value.

    Not `X | None`: pydantic reports a union's errors under the names of its
    branches rather than the parameter's, and null is not a query value."""
    return Field(None, description=description, json_schema_extra=_without_default, **constraints)


def page_field():
    return Field(1, ge=1, le=10_000, description="Page number, from 1.")


def per_page_field():
    return Field(20, ge=1, le=100, description="Results per page.")


def _one_line(value):
    if found := refusal(value, multiline=False):
        with translation.override("en"):  # the API speaks English, as pydantic does
            raise PydanticCustomError("character", str(found))
    return value


# A free-text parameter: one line, under lib.text's rule, so a control
# character is a 422 naming the parameter and the position. The OpenAPI
# document states the rule as a pattern; the validator says where it fails.
Line = Annotated[
    str,
    AfterValidator(_one_line),
    Field(json_schema_extra={"pattern": allowed_pattern(multiline=False)}),
]
