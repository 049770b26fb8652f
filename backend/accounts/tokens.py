"""Per-client API tokens on DRF's token authentication, stored as hashes with expiry."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .models import ApiToken, User

# Record use at most this often, so authenticating is not a write on every request.
_LAST_USED_RESOLUTION = timedelta(minutes=5)


def api_token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_new_key() -> str:
    return secrets.token_urlsafe(32)


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``; the key's hash must match a token that is neither
    expired nor revoked, of an active account."""

    model = ApiToken

    def authenticate_credentials(self, key: str) -> tuple[User, ApiToken]:
        # key_hash is unique: nothing to sort.
        found = ApiToken.objects.select_related("user").filter(key_hash=api_token_hash(key))
        token = next(iter(found.order_by()[:1]), None)
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if not token.is_active:
            raise exceptions.AuthenticationFailed(
                "This token has expired or was revoked. Sign in again to get a new one."
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > _LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Links that confirm a new account's e-mail address. A different salt from password
    reset, so one kind of link never works as the other; spent once the account is active."""

    key_salt = "accounts.tokens.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


email_confirmation_token = EmailConfirmationTokenGenerator()
