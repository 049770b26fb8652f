"""The default permission every API view gets unless it names its own (see settings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.permissions import BasePermission

from coproduce.api.errors import ErrorCode, PermissionDenied

from . import two_factor
from .models import User

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class TwoFactorSetupComplete(BasePermission):
    """Owners, admins and finance officers must set up two-factor sign-in first. The account's
    own endpoints (``me/``, two-factor setup, tokens, password, invitations) name their own
    permissions, so they stay open to finish setting it up."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        if isinstance(user, User) and two_factor.two_factor_setup_missing(user=user):
            raise PermissionDenied(
                "Set up two-factor sign-in before using your organisation's pages. "
                "Go to your account settings and add an authenticator app.",
                code=ErrorCode.TWO_FACTOR_SETUP_REQUIRED,
            )
        return True
