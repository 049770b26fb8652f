"""Accounts: resetting a forgotten password and changing it."""

from __future__ import annotations

import pytest
from django.core import mail
from rest_framework.test import APIClient

from accounts.models import User

from .account_flows import (
    CHANGE,
    LOGIN,
    ME,
    RESET,
    RESET_CONFIRM,
    TOKEN,
)
from .account_flows import link_from_mail as _link_from_mail
from .account_flows import register as _register
from .factories import TEST_PASSWORD, ContributorFactory

NEW_PASSWORD = "lantern-orchard-seventy-3"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_commit_now")]


def test_password_reset_answers_the_same_for_unknown_addresses(api: APIClient) -> None:
    ContributorFactory.create(email="sam@example.org")

    known = api.post(RESET, {"email": "SAM@example.org"}, format="json")
    unknown = api.post(RESET, {"email": "nobody@example.org"}, format="json")

    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert [m.to for m in mail.outbox] == [["sam@example.org"]]


def test_password_reset_link_sets_a_new_password_once_and_ends_tokens(
    api: APIClient, settings
) -> None:
    settings.PUBLIC_BASE_URL = "https://coproduce.example"
    ContributorFactory.create(email="sam@example.org")
    old_token = api.post(
        TOKEN, {"email": "sam@example.org", "password": TEST_PASSWORD}, format="json"
    ).json()["token"]
    api.post(RESET, {"email": "sam@example.org"}, format="json")
    assert "https://coproduce.example/reset-password/" in mail.outbox[-1].body
    uid, token = _link_from_mail("reset-password")

    done = api.post(
        RESET_CONFIRM, {"uid": uid, "token": token, "new_password": NEW_PASSWORD}, format="json"
    )
    again = api.post(
        RESET_CONFIRM,
        {"uid": uid, "token": token, "new_password": "another-one-entirely-9"},
        format="json",
    )

    assert done.status_code == 200, done.json()
    assert again.status_code == 400
    assert again.json()["code"] == "link_invalid"
    signed_in = api.post(LOGIN, {"email": "sam@example.org", "password": NEW_PASSWORD})
    assert signed_in.status_code == 200
    stale = APIClient()
    stale.credentials(HTTP_AUTHORIZATION=f"Token {old_token}")
    assert stale.get(ME).status_code == 401


def test_password_reset_refuses_a_weak_password(api: APIClient) -> None:
    ContributorFactory.create(email="sam@example.org")
    api.post(RESET, {"email": "sam@example.org"}, format="json")
    uid, token = _link_from_mail("reset-password")

    response = api.post(
        RESET_CONFIRM, {"uid": uid, "token": token, "new_password": "password"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["fields"]["new_password"]


def test_a_confirmation_link_is_not_a_password_reset_link(api: APIClient) -> None:
    _register(api)
    uid, token = _link_from_mail("confirm-email")

    response = api.post(
        RESET_CONFIRM, {"uid": uid, "token": token, "new_password": NEW_PASSWORD}, format="json"
    )

    assert response.status_code == 400


def test_password_change_needs_the_current_password_and_keeps_this_session() -> None:
    ContributorFactory.create(email="sam@example.org")
    browser = APIClient()
    browser.post(LOGIN, {"email": "sam@example.org", "password": TEST_PASSWORD})
    other_browser = APIClient()
    other_browser.post(LOGIN, {"email": "sam@example.org", "password": TEST_PASSWORD})

    wrong = browser.post(
        CHANGE, {"current_password": "not-it", "new_password": NEW_PASSWORD}, format="json"
    )
    right = browser.post(
        CHANGE, {"current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD}, format="json"
    )

    assert wrong.status_code == 400
    assert "current_password" in wrong.json()["fields"]
    assert right.status_code == 200, right.json()
    assert browser.get(ME).status_code == 200
    assert other_browser.get(ME).status_code == 401  # other sessions end
    assert User.objects.get(email="sam@example.org").check_password(NEW_PASSWORD)


def test_password_change_needs_sign_in(api: APIClient) -> None:
    response = api.post(CHANGE, {"current_password": "x", "new_password": NEW_PASSWORD})

    assert response.status_code == 401


# API tokens -------------------------------------------------------------------------------
