from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import ApiToken, User


def user_memberships(*, user: User) -> QuerySet[Any]:
    """The user's organisation memberships (``organisations.Membership``, an app above this
    one: read through the reverse relation), with their organisations."""
    return user.memberships.select_related("organisation").order_by("organisation__name")


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def active_user_get(*, user_id: int | None) -> User | None:
    """The account with that id, if it is still active (None for no id)."""
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()
