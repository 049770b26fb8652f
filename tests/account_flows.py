"""Shared by the account tests: the endpoints, registering, and reading e-mailed links."""

from __future__ import annotations

import re

from django.core import mail
from rest_framework.test import APIClient

REGISTER = "/api/v1/auth/register/"
CONFIRM = "/api/v1/auth/register/confirm/"
LOGIN = "/api/v1/auth/login/"
LOGOUT = "/api/v1/auth/logout/"
TOKEN = "/api/v1/auth/token/"
ME = "/api/v1/me/"
RESET = "/api/v1/auth/password-reset/"
RESET_CONFIRM = "/api/v1/auth/password-reset/confirm/"
CHANGE = "/api/v1/auth/password-change/"
TOKENS = "/api/v1/auth/tokens/"


def register(api: APIClient, **overrides: str):
    body = {
        "email": "Robin@Example.org",
        "password": "quiet-river-stones-42",
        "full_name": "Robin Lee",
        "account_type": "contributor",
        **overrides,
    }
    return api.post(REGISTER, body, format="json")


def link_from_mail(kind: str) -> tuple[str, str]:
    """The uid and token of the newest e-mailed link to /{kind}/{uid}/{token}."""
    [body] = [str(m.body) for m in mail.outbox if f"/{kind}/" in m.body][-1:]
    found = re.search(rf"/{kind}/([^/\s]+)/([^/\s]+)", body)
    assert found, body
    return found.group(1), found.group(2)
