"""The signed-in user of an API view."""

from __future__ import annotations

from rest_framework.request import Request

from .models import User


def request_user(request: Request) -> User:
    """The signed-in user of a view that requires authentication."""
    assert isinstance(request.user, User)  # noqa: S101 - IsAuthenticated guarantees it
    return request.user
