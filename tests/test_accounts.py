from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.test import override_settings
from rest_framework.test import APIClient

from accounts.models import AccountType, ApiToken, User
from organisations.models import Membership, Role

from .factories import TEST_PASSWORD, ContributorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_commit_now")]

REGISTER = "/api/v1/auth/register/"
CONFIRM = "/api/v1/auth/register/confirm/"
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


def _link_from_mail(kind: str) -> tuple[str, str]:
    """The uid and token of the newest e-mailed link to /{kind}/{uid}/{token}."""
    [body] = [str(m.body) for m in mail.outbox if f"/{kind}/" in m.body][-1:]
    found = re.search(rf"/{kind}/([^/\s]+)/([^/\s]+)", body)
    assert found, body
    return found.group(1), found.group(2)


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
    from coproduce.settings import base

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
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="CASE@example.org", full_name="B")


# Password reset and change ------------------------------------------------------------------

RESET = "/api/v1/auth/password-reset/"
RESET_CONFIRM = "/api/v1/auth/password-reset/confirm/"
CHANGE = "/api/v1/auth/password-change/"
NEW_PASSWORD = "lantern-orchard-seventy-3"


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

TOKENS = "/api/v1/auth/tokens/"


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
    from coproduce.settings import base

    assert base.SESSION_COOKIE_AGE == 12 * 60 * 60
