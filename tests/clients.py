"""API clients for tests: one signed in as a given user."""

from __future__ import annotations

from rest_framework.test import APIClient

from accounts.models import User


def client_for(user: User) -> APIClient:
    """An API client authenticated as ``user`` (no password, no session)."""
    client = APIClient()
    client.force_authenticate(user)
    return client
