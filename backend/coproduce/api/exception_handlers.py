"""Every API error leaves as ``{"message", "code", "fields"}``."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

from .errors import ApplicationError, ErrorCode

logger = logging.getLogger(__name__)

_CODES_BY_STATUS = {
    400: ErrorCode.INVALID,
    401: ErrorCode.NOT_AUTHENTICATED,
    403: ErrorCode.PERMISSION_DENIED,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    409: ErrorCode.CONFLICT,
    413: ErrorCode.REQUEST_TOO_LARGE,
    415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    429: ErrorCode.THROTTLED,
}


def error_body(message: str, code: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"message": message, "code": code, "fields": fields or {}}


def _flatten(detail: Any) -> Any:
    """DRF error details as plain strings, nested the way the input was."""
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        return Response(error_body(exc.message, exc.code, exc.fields), status=exc.status_code)
    if isinstance(exc, (OperationalError, InterfaceError)):
        # The database went away mid-request (a restart, a dropped connection): a clean 503
        # the client can retry, not a 500.
        logger.warning("database unavailable during %s: %s", context.get("view"), exc)
        return Response(
            error_body(
                "The service is busy or restarting. Please try again in a minute.",
                ErrorCode.SERVICE_UNAVAILABLE,
            ),
            status=503,
            headers={"Retry-After": "30"},
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None:
        return None  # a bug: let Django log it and answer 500

    code = str(_CODES_BY_STATUS.get(response.status_code, ErrorCode.INVALID))
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        fields: dict[str, Any] = {}
        if isinstance(detail, dict):
            fields = _flatten(detail)
            non_field = fields.pop("non_field_errors", None)
            message = non_field[0] if non_field else "Some of the information is not right."
            if non_field:
                fields["non_field_errors"] = non_field
        else:
            items = _flatten(detail) if isinstance(detail, list) else [str(detail)]
            message = items[0] if items else "The request is not valid."
        response.data = error_body(message, code, fields)
        response.status_code = status.HTTP_400_BAD_REQUEST
        return response

    if isinstance(exc, exceptions.APIException):
        detail_code = exc.get_codes()
        if isinstance(detail_code, str) and response.status_code in (401, 403):
            code = detail_code if detail_code != "permission_denied" else code
        message = (
            str(exc.detail) if not isinstance(exc.detail, (dict, list)) else exc.default_detail
        )
        response.data = error_body(str(message), code)
    return response


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """An address under /api/ that matches no endpoint (or an id too large to be one) answers
    404 in the API's error shape; other addresses get the site's page."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body("Not found.", ErrorCode.NOT_FOUND), status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """A bug under /api/ answers 500 in the API's error shape (the details go to the log);
    other addresses get the site's page."""
    if request.path.startswith("/api/"):
        body = error_body(
            "Something went wrong on our side. Nothing you did caused it. Please try again "
            "in a few minutes.",
            ErrorCode.SERVER_ERROR,
        )
        return JsonResponse(body, status=500)
    return defaults.server_error(request)
