"""Refuse API request bodies larger than the API reads, before anything parses them."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from .errors import ErrorCode
from .exception_handlers import error_body


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            upload = _is_upload(request)
            limit = settings.API_MAX_UPLOAD_BYTES if upload else settings.API_MAX_BODY_BYTES
            if length > limit:
                size = f"{limit // (1024 * 1024)} MB" if upload else f"{limit // 1024} KB"
                message = f"The request is too large. The most we accept is {size}."
                return JsonResponse(error_body(message, ErrorCode.REQUEST_TOO_LARGE), status=413)
        return self.get_response(request)


def _is_upload(request: HttpRequest) -> bool:
    # Multipart uploads (receipts, letters to verify) have a larger limit for the whole
    # request; the views that take them limit each file.
    return request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data")


class PrivateResponseMiddleware:
    """Answers to a signed-in person (their details, benefits, letters, receipts, exports) are
    never kept by a browser or a shared cache: ``Cache-Control: no-store`` on every API answer
    to an authenticated request, and on everything under ``/api/v1/me/``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/") and _is_personal(request):
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        return response


def _is_personal(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)  # set by DRF for token sign-in too
    return (
        bool(user is not None and user.is_authenticated)
        or "HTTP_AUTHORIZATION" in request.META
        or request.path.startswith("/api/v1/me/")
    )
