"""The one error type that services raise and the API turns into HTTP."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    INVALID = "invalid"
    NOT_AUTHENTICATED = "not_authenticated"
    AUTHENTICATION_FAILED = "authentication_failed"
    PERMISSION_DENIED = "permission_denied"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    CONFLICT = "conflict"
    THROTTLED = "throttled"
    REQUEST_TOO_LARGE = "request_too_large"
    ORGANISATION_NOT_VERIFIED = "organisation_not_verified"
    SERVER_ERROR = "server_error"
    SERVICE_UNAVAILABLE = "service_unavailable"
    # Business rules, named so that every code the API can answer with is in the schema.
    ALREADY_APPLIED = "already_applied"
    CAP_HELD = "cap_held"
    GROUPING_NOT_YOURS = "grouping_not_yours"
    IMAGE_TOO_LARGE = "image_too_large"
    LAST_OWNER = "last_owner"
    LINK_INVALID = "link_invalid"
    LOCKED_OUT = "locked_out"
    NO_ASSESSMENT_PERIOD = "no_assessment_period"
    NO_INVOLVEMENT = "no_involvement"
    NO_SIGNATORY = "no_signatory"
    NOT_ENGAGED = "not_engaged"
    OPPORTUNITY_NOT_OPEN = "opportunity_not_open"
    PLACES_FILLED = "places_filled"
    TWO_FACTOR_ALREADY_ENABLED = "two_factor_already_enabled"
    TWO_FACTOR_CODE_WRONG = "two_factor_code_wrong"
    TWO_FACTOR_NOT_STARTED = "two_factor_not_started"
    TWO_FACTOR_REQUIRED = "two_factor_required"
    TWO_FACTOR_SETUP_REQUIRED = "two_factor_setup_required"


class ApplicationError(Exception):
    """A business rule said no. Carries a stable code, a plain-English message and, where the
    problem is with particular fields, a message for each."""

    status_code = 400

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode = ErrorCode.INVALID,
        fields: dict[str, list[str]] | None = None,
        status_code: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = str(code)
        self.fields: dict[str, Any] = fields or {}
        if status_code is not None:
            self.status_code = status_code


class PermissionDenied(ApplicationError):
    status_code = 403

    def __init__(self, message: str, *, code: ErrorCode = ErrorCode.PERMISSION_DENIED):
        super().__init__(message, code=code)


class NotFound(ApplicationError):
    status_code = 404

    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(message, code=ErrorCode.NOT_FOUND)


class Conflict(ApplicationError):
    status_code = 409

    def __init__(self, message: str, *, code: ErrorCode = ErrorCode.CONFLICT) -> None:
        super().__init__(message, code=code)
