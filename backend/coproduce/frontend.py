"""The web app's routes answer with its built index.html; the app's router shows the page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe

# The first part of every address the app's router shows (see frontend/src/app/routes.tsx).
APP_ROUTE_PATTERN = (
    r"^(?:me|opportunities|organisations|letters|about|sign-in|register|sign-out"
    r"|session-ended|password-reset|reset-password|confirm-email|change-password)"
    r"(?:/[^.]*)?$"  # no file names: those are WhiteNoise's
)


@require_safe
@ensure_csrf_cookie
def app_index(request: HttpRequest) -> HttpResponse:
    """index.html, never cached (it names the hashed assets of the current build), with the CSRF
    cookie set so the app's first form can post."""
    index = settings.FRONTEND_DIST_DIR / "index.html"
    if not index.is_file():
        return HttpResponse(
            "The web app has not been built yet. `make run` builds it.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")
    add_never_cache_headers(response)
    return response
