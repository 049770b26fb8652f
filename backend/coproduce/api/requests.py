"""Small helpers for API views."""

from __future__ import annotations

from rest_framework.request import Request

from accounts.models import User


def request_user(request: Request) -> User:
    """The signed-in user of a view that requires authentication."""
    assert isinstance(request.user, User)  # noqa: S101 - IsAuthenticated guarantees it
    return request.user
