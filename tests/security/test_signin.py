"""Issue 14 point 1: sign-in cannot be brute-forced by changing headers, by spreading guesses
over addresses, or through /admin/login/; lockout and throttles survive a broken cache."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings
from rest_framework.test import APIClient

from accounts.signin import AccountThrottle, ClientAddressThrottle, client_ip

from ..factories import TEST_PASSWORD, ContributorFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/api/v1/auth/login/"
TOKEN = "/api/v1/auth/token/"
EMAIL = "sam@example.org"
WRONG = "wrong-guess"


def _attempt(client: APIClient, password: str = WRONG, **extra: Any) -> int:
    return client.post(
        LOGIN, {"email": EMAIL, "password": password}, format="json", **extra
    ).status_code


@override_settings(AXES_FAILURE_LIMIT=1000)
def test_a_forged_x_forwarded_for_does_not_escape_the_address_throttle(api: APIClient) -> None:
    ContributorFactory.create(email=EMAIL)

    statuses = [_attempt(api, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}") for n in range(12)]

    assert statuses[:10] == [400] * 10
    assert statuses[10:] == [429, 429]


@override_settings(AXES_FAILURE_LIMIT=1000, NUM_PROXIES=1)
def test_behind_one_proxy_only_the_address_it_saw_counts(api: APIClient) -> None:
    ContributorFactory.create(email=EMAIL)

    forged = [_attempt(api, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7") for n in range(11)]
    someone_else = _attempt(api, HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.8")

    assert forged[-1] == 429
    assert someone_else == 400


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.1.1.1", "192.0.2.1"),
        (1, "1.1.1.1, 2.2.2.2", "2.2.2.2"),
        (2, "1.1.1.1, 2.2.2.2, 3.3.3.3", "2.2.2.2"),
        (3, "2.2.2.2", "2.2.2.2"),
        (1, "", "192.0.2.1"),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(
    rf, settings, proxies: int, forwarded: str, expected: str
) -> None:
    settings.NUM_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


@override_settings(AXES_FAILURE_LIMIT=1000)
def test_guesses_spread_over_many_addresses_are_throttled_per_account() -> None:
    ContributorFactory.create(email=EMAIL)

    statuses = [_attempt(APIClient(), REMOTE_ADDR=f"192.0.2.{n}") for n in range(21)]

    assert statuses[:20] == [400] * 20
    assert statuses[20] == 429


def test_five_failures_lock_the_account_even_for_the_right_password(api: APIClient) -> None:
    ContributorFactory.create(email=EMAIL)

    failures = [_attempt(APIClient(), REMOTE_ADDR=f"192.0.2.{n}") for n in range(4)]
    fifth = api.post(LOGIN, {"email": EMAIL, "password": "wrong"}, format="json")
    right = api.post(LOGIN, {"email": EMAIL, "password": TEST_PASSWORD}, format="json")
    token = APIClient().post(TOKEN, {"email": EMAIL, "password": TEST_PASSWORD}, format="json")

    assert failures == [400] * 4
    assert fifth.status_code == right.status_code == token.status_code == 429
    body = right.json()
    assert body["code"] == "locked_out"
    assert set(body) == {"message", "code", "fields"}
    assert "15 minutes" in body["message"]


def test_lockout_ends_after_the_cool_off() -> None:
    ContributorFactory.create(email=EMAIL)
    with time_machine.travel("2026-05-01 09:00Z", tick=False):
        for _ in range(5):
            _attempt(APIClient())
        assert _attempt(APIClient(), TEST_PASSWORD) == 429
    with time_machine.travel("2026-05-01 09:16Z", tick=False):
        assert _attempt(APIClient(), TEST_PASSWORD) == 200


def test_admin_login_is_locked_out_too() -> None:
    UserFactory.create(email="platform@example.org", is_staff=True, is_superuser=True)
    browser = Client()

    for _ in range(5):
        browser.post("/admin/login/", {"username": "platform@example.org", "password": "no"})
    locked = browser.post(
        "/admin/login/", {"username": "platform@example.org", "password": TEST_PASSWORD}
    )

    assert locked.status_code == 429
    assert "paused" in locked.content.decode()
    assert "_auth_user_id" not in browser.session


class _BrokenCache:
    def get(self, *args: object, **kwargs: object) -> object:
        raise ConnectionError("cache is down")

    def set(self, *args: object, **kwargs: object) -> None:
        raise ConnectionError("cache is down")


def test_sign_in_works_and_warns_when_the_throttle_cache_is_down(
    api: APIClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    ContributorFactory.create(email=EMAIL)
    monkeypatch.setattr(ClientAddressThrottle, "cache", _BrokenCache())
    monkeypatch.setattr(AccountThrottle, "cache", _BrokenCache())

    with caplog.at_level(logging.WARNING, logger="accounts.signin"):
        status = _attempt(api, TEST_PASSWORD)

    assert status == 200
    assert "could not reach its cache" in caplog.text


def test_lockout_still_holds_when_the_throttle_cache_is_down(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ContributorFactory.create(email=EMAIL)
    monkeypatch.setattr(ClientAddressThrottle, "cache", _BrokenCache())
    monkeypatch.setattr(AccountThrottle, "cache", _BrokenCache())

    for _ in range(5):
        _attempt(APIClient())

    assert _attempt(APIClient(), TEST_PASSWORD) == 429


def test_a_successful_sign_in_clears_earlier_failures() -> None:
    ContributorFactory.create(email=EMAIL)
    for _ in range(4):
        _attempt(APIClient())
    assert _attempt(APIClient(), TEST_PASSWORD) == 200

    later = [_attempt(APIClient()) for _ in range(4)]

    assert later == [400] * 4
    assert _attempt(APIClient(), TEST_PASSWORD) == 200


def test_cool_off_is_a_setting(settings) -> None:
    from coproduce.settings import base

    assert timedelta(minutes=15) == base.AXES_COOLOFF_TIME
    assert base.AXES_FAILURE_LIMIT == 5


UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
    }
}


def test_sign_in_and_tokens_work_when_redis_is_unreachable(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ContributorFactory.create(email=EMAIL)

    with override_settings(CACHES=UNREACHABLE_REDIS), caplog.at_level(logging.WARNING):
        signed_in = _attempt(APIClient(), TEST_PASSWORD)
        token = APIClient().post(TOKEN, {"email": EMAIL, "password": TEST_PASSWORD}, format="json")
        for _ in range(5):
            _attempt(APIClient())
        locked = _attempt(APIClient(), TEST_PASSWORD)

    assert signed_in == 200
    assert token.status_code == 200
    assert locked == 429
    assert "could not reach its cache" in caplog.text
