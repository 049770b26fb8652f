"""Accounts: registering, confirming, signing in and out, and the signed-in account."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import override_settings
from rest_framework.test import APIClient

from accounts.models import AccountType, User
from coproduce.settings import base
from organisations.models import Membership, Role

from .account_flows import (
    CONFIRM,
    LOGIN,
    LOGOUT,
    ME,
    REGISTER,
    TOKEN,
)
from .account_flows import link_from_mail as _link_from_mail
from .account_flows import register as _register
from .factories import TEST_PASSWORD, ContributorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_commit_now")]


def test_register_contributor_sends_a_confirmation_link_that_activates_and_signs_in(
    api: APIClient, settings
) -> None:
    settings.PUBLIC_BASE_URL = "https://coproduce.example"

    response = _register(api)

    assert response.status_code == 202, response.json()
    assert response.json()["message"].startswith("Check your e-mail")
    user = User.objects.get(email="robin@example.org")
    assert not user.is_active
    assert api.get(ME).status_code == 401  # not signed in until confirmed
    [message] = mail.outbox
    assert message.to == ["robin@example.org"]
    assert "https://coproduce.example/confirm-email/" in message.body

    uid, token = _link_from_mail("confirm-email")
    confirmed = api.post(CONFIRM, {"uid": uid, "token": token}, format="json")

    assert confirmed.status_code == 200, confirmed.json()
    assert confirmed.json()["email"] == "robin@example.org"
    assert confirmed.json()["memberships"] == []
    assert api.get(ME).json()["full_name"] == "Robin Lee"
    assert User.objects.get(pk=user.pk).is_active


def test_a_confirmation_link_works_once(api: APIClient) -> None:
    _register(api)
    uid, token = _link_from_mail("confirm-email")
    assert api.post(CONFIRM, {"uid": uid, "token": token}, format="json").status_code == 200

    again = APIClient().post(CONFIRM, {"uid": uid, "token": token}, format="json")

    assert again.status_code == 400
    assert again.json()["code"] == "link_invalid"


@pytest.mark.parametrize(
    ("uid", "token"), [("MQ", "nope"), ("!!!", "x"), ("OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "x")]
)
def test_a_made_up_confirmation_link_is_refused(api: APIClient, uid: str, token: str) -> None:
    response = api.post(CONFIRM, {"uid": uid, "token": token}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "link_invalid"


def test_an_unconfirmed_account_cannot_sign_in(api: APIClient) -> None:
    _register(api)

    response = api.post(
        LOGIN, {"email": "robin@example.org", "password": "quiet-river-stones-42"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "authentication_failed"


def test_register_answers_the_same_whether_or_not_the_address_has_an_account(
    api: APIClient,
) -> None:
    ContributorFactory.create(email="taken@example.org", full_name="Kim Taken")

    new = _register(api, email="fresh@example.org")
    taken = _register(APIClient(), email="TAKEN@example.org")

    assert new.status_code == taken.status_code == 202
    assert new.json() == taken.json()
    assert new.headers.get("Set-Cookie") == taken.headers.get("Set-Cookie")
    assert User.objects.filter(email="taken@example.org").count() == 1
    to_taken = [m for m in mail.outbox if m.to == ["taken@example.org"]]
    assert len(to_taken) == 1
    assert "already have an account" in to_taken[0].body
    assert "/confirm-email/" not in to_taken[0].body
    assert User.objects.get(email="taken@example.org").full_name == "Kim Taken"


def test_registering_again_before_confirming_sends_the_link_again(api: APIClient) -> None:
    _register(api)
    _register(api)

    assert User.objects.filter(email="robin@example.org").count() == 1
    assert len([m for m in mail.outbox if "/confirm-email/" in m.body]) == 2


def test_passwords_are_hashed_with_argon2(api: APIClient) -> None:

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert _register(api).status_code == 202
        user = User.objects.get(email="robin@example.org")
        assert identify_hasher(user.password).algorithm == "argon2"


def test_register_organisation_creates_unverified_organisation_owned_by_user(
    api: APIClient,
) -> None:
    response = _register(
        api,
        email="lead@mindful.example",
        account_type="organisation",
        organisation_name="Mindful Voices",
        organisation_kind="user_led_group",
    )
    assert response.status_code == 202, response.json()
    uid, token = _link_from_mail("confirm-email")
    confirmed = api.post(CONFIRM, {"uid": uid, "token": token}, format="json")

    [membership] = confirmed.json()["memberships"]
    assert membership["role"] == "owner"
    assert membership["organisation_name"] == "Mindful Voices"
    assert membership["organisation_verified"] is False
    stored = Membership.objects.select_related("organisation").get(
        user__email="lead@mindful.example"
    )
    assert stored.organisation.verified_at is None
    assert stored.organisation.kind == "user_led_group"
    assert stored.role == Role.OWNER


def test_organisation_account_needs_an_organisation_name(api: APIClient) -> None:
    response = _register(api, account_type="organisation")

    assert response.status_code == 400
    assert "organisation_name" in response.json()["fields"]
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": ""}, "email"),
        ({"password": "password"}, "password"),
        ({"password": "12345678901"}, "password"),
        ({"password": "short"}, "password"),
        ({"account_type": "wizard"}, "account_type"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_register_rejects_bad_input_with_field_messages(
    api: APIClient, overrides: dict[str, str], field: str
) -> None:
    response = _register(api, **overrides)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"]
    assert body["fields"][field] and all(isinstance(m, str) for m in body["fields"][field])
    assert not User.objects.exists()


def test_register_with_missing_fields_lists_each_one(api: APIClient) -> None:
    response = api.post(REGISTER, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()["fields"]) >= {"email", "password", "full_name", "account_type"}


def test_malformed_json_is_a_clear_400(api: APIClient) -> None:
    response = api.generic("POST", REGISTER, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


@override_settings(API_MAX_BODY_BYTES=1024)
def test_oversize_body_is_refused_before_parsing(api: APIClient) -> None:
    response = _register(api, full_name="x" * 5000)

    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"
    assert not User.objects.exists()


def test_login_and_logout_need_the_csrf_token() -> None:
    ContributorFactory.create(email="sam@example.org")
    browser = APIClient(enforce_csrf_checks=True)
    credentials = {"email": "sam@example.org", "password": TEST_PASSWORD}

    refused = browser.post(LOGIN, credentials, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["message"]

    token = browser.get("/api/v1/auth/csrf/").json()["csrf_token"]
    signed_in = browser.post(LOGIN, credentials, format="json", HTTP_X_CSRFTOKEN=token)
    assert signed_in.status_code == 200, signed_in.json()
    assert browser.get(ME).json()["email"] == "sam@example.org"

    # login rotates the CSRF token; the old one no longer works
    csrf = browser.cookies["csrftoken"].value
    assert browser.post(LOGOUT, HTTP_X_CSRFTOKEN="x" * 32).status_code == 403
    assert browser.post(LOGOUT, HTTP_X_CSRFTOKEN=csrf).status_code == 204
    assert browser.get(ME).status_code == 401


def test_login_with_wrong_password_says_so_without_saying_which(api: APIClient) -> None:
    ContributorFactory.create(email="sam@example.org")

    response = api.post(LOGIN, {"email": "sam@example.org", "password": "wrong"}, format="json")
    unknown = api.post(LOGIN, {"email": "nobody@example.org", "password": "wrong"}, format="json")

    assert response.status_code == unknown.status_code == 400
    assert response.json()["message"] == unknown.json()["message"]
    assert response.json()["code"] == "authentication_failed"


def test_token_authenticates_api_clients_without_csrf() -> None:
    ContributorFactory.create(email="api@example.org")
    client = APIClient(enforce_csrf_checks=True)

    token = client.post(
        TOKEN, {"email": "api@example.org", "password": TEST_PASSWORD}, format="json"
    )
    assert token.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")

    assert client.get(ME).json()["email"] == "api@example.org"
    assert client.post(LOGOUT).status_code == 204
    assert client.get(ME).status_code == 401  # signing out ends the token


def test_bad_token_is_401(api: APIClient) -> None:
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = api.get(ME)

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_me_needs_sign_in(api: APIClient) -> None:
    response = api.get(ME)

    assert response.status_code == 401
    assert response.json() == {
        "message": "Authentication credentials were not provided.",
        "code": "not_authenticated",
        "fields": {},
    }


def test_user_emails_are_unique_ignoring_case() -> None:
    User.objects.create_user(
        "case@example.org", "x", full_name="A", account_type=AccountType.CONTRIBUTOR
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="CASE@example.org", full_name="B")


# Password reset and change ------------------------------------------------------------------
