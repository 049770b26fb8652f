"""Accounts: API tokens and how long sign-ins last."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from rest_framework.test import APIClient

from accounts.models import ApiToken
from coproduce.settings import base

from .account_flows import (
    ME,
    TOKEN,
    TOKENS,
)
from .factories import TEST_PASSWORD, ContributorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_commit_now")]


def _token(api: APIClient, name: str = "laptop") -> dict:
    response = api.post(
        TOKEN,
        {"email": "api@example.org", "password": TEST_PASSWORD, "name": name},
        format="json",
    )
    assert response.status_code == 200, response.json()
    return response.json()


def test_each_client_gets_its_own_named_token_stored_only_as_a_hash(api: APIClient) -> None:
    ContributorFactory.create(email="api@example.org")

    laptop = _token(api, "laptop")
    script = _token(api, "finance script")

    assert laptop["token"] != script["token"]
    assert laptop["name"] == "laptop"
    stored = ApiToken.objects.get(pk=laptop["id"])
    assert stored.key_hash != laptop["token"]
    assert laptop["token"] not in {t.key_hash for t in ApiToken.objects.all()}
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {script['token']}")
    listing = client.get(TOKENS).json()
    assert {t["name"] for t in listing} == {"laptop", "finance script"}
    assert all("token" not in t for t in listing)


def test_tokens_expire_after_the_configured_lifetime(api: APIClient, settings) -> None:
    ContributorFactory.create(email="api@example.org")
    settings.API_TOKEN_LIFETIME = timedelta(days=30)
    with time_machine.travel("2026-03-01 12:00Z", tick=False):
        token = _token(api)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token['token']}")

    with time_machine.travel("2026-03-31 11:59Z", tick=False):
        assert client.get(ME).status_code == 200
    with time_machine.travel("2026-03-31 12:01Z", tick=False):
        expired = client.get(ME)

    assert expired.status_code == 401
    assert "expired" in expired.json()["message"]


def test_revoking_one_token_leaves_the_others_working(api: APIClient) -> None:
    ContributorFactory.create(email="api@example.org")
    laptop, phone = _token(api, "laptop"), _token(api, "phone")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {phone['token']}")

    revoked = client.delete(f"{TOKENS}{laptop['id']}/")

    assert revoked.status_code == 204
    old = APIClient()
    old.credentials(HTTP_AUTHORIZATION=f"Token {laptop['token']}")
    assert old.get(ME).status_code == 401
    assert client.get(ME).status_code == 200
    [listed] = [t for t in client.get(TOKENS).json() if t["id"] == laptop["id"]]
    assert listed["is_active"] is False


def test_nobody_can_revoke_another_persons_token(client_for) -> None:
    ContributorFactory.create(email="api@example.org")
    token = _token(APIClient())

    response = client_for(ContributorFactory.create()).delete(f"{TOKENS}{token['id']}/")

    assert response.status_code == 404
    assert ApiToken.objects.get(pk=token["id"]).revoked_at is None


def test_a_signed_in_user_makes_a_named_token(client_for) -> None:
    user = ContributorFactory.create()

    response = client_for(user).post(TOKENS, {"name": "spreadsheet"}, format="json")

    assert response.status_code == 201
    assert response.json()["name"] == "spreadsheet"
    assert response.json()["token"]


def test_sessions_last_an_explicit_twelve_hours_by_default() -> None:

    assert base.SESSION_COOKIE_AGE == 12 * 60 * 60
