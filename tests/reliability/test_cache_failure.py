"""Rate limits fail open when their cache (Redis) is down: sign-in, registration and letter
checks keep working."""

from __future__ import annotations

import logging

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from coproduce.api.cache import FailOpenRedisCache
from tests.factories import TEST_PASSWORD, ContributorFactory

from .conftest import UNREACHABLE_REDIS

REDIS_DOWN = override_settings(
    CACHES={
        "default": {
            "BACKEND": "coproduce.api.cache.FailOpenRedisCache",
            "LOCATION": UNREACHABLE_REDIS,
        }
    }
)


def test_the_cache_answers_as_empty_and_warns_when_redis_is_down(
    caplog: pytest.LogCaptureFixture,
) -> None:
    cache = FailOpenRedisCache(UNREACHABLE_REDIS, {})

    with caplog.at_level(logging.WARNING, logger="coproduce.api.cache"):
        assert cache.get("throttle_login_1.2.3.4", []) == []
        cache.set("throttle_login_1.2.3.4", [1.0], 60)
        assert cache.add("key", 1) is True

    assert "rate limits are not being applied" in caplog.text


@REDIS_DOWN
@pytest.mark.django_db
def test_sign_in_works_while_redis_is_down(api: APIClient) -> None:
    person = ContributorFactory.create()

    response = api.post("/api/v1/auth/login/", {"email": person.email, "password": TEST_PASSWORD})

    assert response.status_code == 200


@REDIS_DOWN
@pytest.mark.django_db
def test_registration_and_token_sign_in_work_while_redis_is_down(api: APIClient) -> None:
    registered = api.post(
        "/api/v1/auth/register/",
        {
            "email": "new.person@example.org",
            "password": TEST_PASSWORD,
            "full_name": "New Person",
            "account_type": "contributor",
        },
    )
    # A new account signs in once its e-mail address is confirmed: use one that has.
    existing = ContributorFactory.create()
    token = APIClient().post(
        "/api/v1/auth/token/", {"email": existing.email, "password": TEST_PASSWORD}
    )

    assert registered.status_code == 202
    assert token.status_code == 200


@REDIS_DOWN
@pytest.mark.django_db
def test_letter_verification_works_while_redis_is_down(api: APIClient) -> None:
    response = api.get("/api/v1/verify/CP-NO-SUCH-LETTER/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
