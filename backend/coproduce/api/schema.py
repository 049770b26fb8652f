"""The OpenAPI schema tells the truth about what the API returns, because the web app's client
is generated from it.

* Every list (a GET answered with ``many=True``) is paginated by ``StandardPagination``: the
  views call the paginator themselves, so the schema class supplies it.
* operationIds are identifiers (``export.csv`` becomes ``export_csv``).
* Every operation documents its error answers with the one ``Error`` schema.
"""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.openapi import AutoSchema
from rest_framework.pagination import BasePagination

from .errors import ErrorCode
from .pagination import StandardPagination

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Every error the API answers with.",
    "properties": {
        "message": {"type": "string", "description": "Plain-English message to show."},
        "code": {
            "type": "string",
            "enum": [code.value for code in ErrorCode],
            "description": "Stable code, e.g. `invalid`, `not_found`.",
        },
        "fields": {
            "type": "object",
            "description": "Messages for particular fields: a list of strings per field "
            "(nested the way the input was).",
            "additionalProperties": {},
        },
    },
    "required": ["message", "code", "fields"],
}

_ERRORS = {
    "400": "The request is not valid: see `fields`.",
    "401": "Not signed in, or the session has ended.",
    "403": "Signed in, but not allowed to do this.",
    "404": "Not found (or not yours to see).",
    "409": "Conflicts with the current state of the record.",
    "413": "The request or upload is too large.",
    "429": "Too many requests: wait a little and try again.",
}
_WRITE_ONLY_ERRORS = {"409", "413"}
_WRITE_METHODS = {"post", "put", "patch", "delete"}


class CoproduceAutoSchema(AutoSchema):
    def _get_paginator(self) -> BasePagination | None:
        paginator = super()._get_paginator()
        if paginator is None and self.method == "GET":
            return StandardPagination()
        return paginator

    def get_operation_id(self) -> str:
        return re.sub(r"\W", "_", super().get_operation_id())


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the ``Error`` component and the error answers."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for status_code, description in _ERRORS.items():
                if status_code in _WRITE_ONLY_ERRORS and method not in _WRITE_METHODS:
                    continue
                responses.setdefault(
                    status_code,
                    {"description": description, "content": {"application/json": {"schema": ref}}},
                )
    return result
