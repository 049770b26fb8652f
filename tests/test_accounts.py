from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from rest_framework.test import APIClient

from accounts.models import AccountType, User
from organisations.models import Membership, Role

from .factories import TEST_PASSWORD, ContributorFactory

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register/"
LOGIN = "/api/v1/auth/login/"
LOGOUT = "/api/v1/auth/logout/"
TOKEN = "/api/v1/auth/token/"
ME = "/api/v1/me/"


def _register(api: APIClient, **overrides: str):
    body = {
        "email": "Robin@Example.org",
        "password": "quiet-river-stones-42",
        "full_name": "Robin Lee",
        "account_type": "contributor",
        **overrides,
    }
    return api.post(REGISTER, body, format="json")


def test_register_contributor_creates_account_and_signs_in(api: APIClient) -> None:
    response = _register(api)

    assert response.status_code == 201, response.json()
    assert response.json()["email"] == "robin@example.org"
    assert response.json()["account_type"] == "contributor"
    assert response.json()["memberships"] == []
    assert api.get(ME).json()["full_name"] == "Robin Lee"


def test_passwords_are_hashed_with_argon2(api: APIClient) -> None:
    from coproduce.settings import base

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert _register(api).status_code == 201
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

    assert response.status_code == 201, response.json()
    [membership] = response.json()["memberships"]
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


def test_register_refuses_an_email_already_in_use_whatever_its_case(api: APIClient) -> None:
    ContributorFactory.create(email="robin@example.org")

    response = _register(api, email="ROBIN@example.org")

    assert response.status_code == 400
    assert "email" in response.json()["fields"]
    assert User.objects.count() == 1


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


def test_login_is_throttled(api: APIClient) -> None:
    ContributorFactory.create(email="sam@example.org")
    statuses = [
        api.post(
            LOGIN, {"email": "sam@example.org", "password": "wrong"}, format="json"
        ).status_code
        for _ in range(12)
    ]

    assert statuses[:10] == [400] * 10
    assert statuses[-1] == 429
    throttled = api.post(
        LOGIN, {"email": "sam@example.org", "password": TEST_PASSWORD}, format="json"
    )
    assert throttled.json()["code"] == "throttled"


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
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="CASE@example.org", full_name="B")
