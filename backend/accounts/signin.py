"""Sign-in that resists guessing: the real client address, throttles on it and on the account,
and lockout (django-axes) answered in the API's one error shape."""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle

from coproduce.api.errors import ErrorCode
from coproduce.api.exception_handlers import error_body

from .models import normalise_email

logger = logging.getLogger(__name__)


if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


def client_ip(request: HttpRequest | Request) -> str:
    """The address of the client. ``X-Forwarded-For`` is believed only ``NUM_PROXIES`` hops
    deep (the entries our own proxies appended); with no proxies, only the socket's address."""
    meta = request.META
    remote = str(meta.get("REMOTE_ADDR") or "")
    proxies: int = settings.NUM_PROXIES
    forwarded = str(meta.get("HTTP_X_FORWARDED_FOR") or "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    return hops[-min(proxies, len(hops))]


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The account a sign-in attempt is for, the same way whichever form sent it: the API's
    ``email`` or the admin login's ``username``."""
    source: Any = credentials
    if not source:
        source = getattr(request, "data", None) or request.POST
    for key in ("email", "username"):
        value = source.get(key) if hasattr(source, "get") else None
        if isinstance(value, str) and value.strip():
            return normalise_email(value)
    return None


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        "Too many sign-in attempts that did not work, so signing in is paused for "
        f"{minutes} minutes. Please wait, then try again, or reset your password."
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """What django-axes answers while an account or address is locked out."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(lockout_message(), ErrorCode.LOCKED_OUT), status=429)
    return HttpResponse(lockout_message(), status=429, content_type="text/plain; charset=utf-8")


class FailOpenMixin:
    """A throttle whose cache is down lets the request through and says so in the log: a
    broken cache must not stop people signing in (lockout, in the database, still applies)."""

    def allow_request(self, request: Request, view: APIView) -> bool:
        try:
            return super().allow_request(request, view)  # type: ignore[misc]
        except Exception:
            logger.warning(
                "Throttle %s could not reach its cache; letting the request through.",
                type(self).__name__,
                exc_info=True,
            )
            return True

    def get_ident(self, request: Request) -> str:
        return client_ip(request)


class ClientAddressThrottle(FailOpenMixin, ScopedRateThrottle):
    """A view's ``throttle_scope`` rate, per client address."""


class AccountThrottle(FailOpenMixin, SimpleRateThrottle):
    """Sign-in attempts per account (the e-mail address in the body), from any address."""

    scope = "login_account"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        email = request.data.get("email") if hasattr(request.data, "get") else None
        if not isinstance(email, str) or not email.strip():
            return None
        digest = hashlib.sha256(normalise_email(email).encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}
