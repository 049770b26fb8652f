"""Requests that made the API answer 500 or stop answering, found by fuzzing it against its own
OpenAPI schema (schemathesis). Each now answers 400 or 404 in the error shape."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from queue import Empty
from typing import Any

import pytest
import time_machine
from kombu import Connection
from rest_framework.test import APIClient

import workers.broker
from accounts.models import User
from coproduce.api.ids import MAX_ID
from coproduce.settings.base import filesystem_broker_options
from tests.factories import ContributorFactory
from tests.payments.conftest import Org

pytestmark = pytest.mark.django_db

# Larger than any id the database can store (a signed 64-bit integer).
TOO_BIG = 10**20


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-25 10:00 +00:00", tick=False):
        yield


@pytest.fixture
def northfield(db: None) -> Org:
    return Org("Northfield")


@pytest.fixture
def contributor(northfield: Org) -> User:
    person: User = ContributorFactory.create()
    northfield.engage(person)
    return person


def _as(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"message", "code", "fields"}
    assert body["code"] == code
    return body


def test_expense_claim_sent_as_a_json_list_is_a_400_not_a_500(
    northfield: Org, contributor: User
) -> None:
    response = _as(contributor).post(
        "/api/v1/expense-claims/", [{"organisation": northfield.organisation.pk}], format="json"
    )

    _assert_error(response, 400, "invalid")


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/opportunities/", "organisation"),
        ("/api/v1/applications/", "opportunity"),
        ("/api/v1/engagements/", "organisation"),
        ("/api/v1/payments/", "contributor"),
    ],
)
def test_list_filter_with_an_id_too_large_for_the_database_is_a_400_naming_the_filter(
    northfield: Org, path: str, name: str
) -> None:
    response = northfield.client("finance").get(path, {name: TOO_BIG})

    body = _assert_error(response, 400, "invalid")
    assert name in body["fields"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organisations/{id}/",
        "/api/v1/organisations/{id}/members/",
        "/api/v1/organisations/{id}/pay-rates/",
        "/api/v1/organisations/{id}/finance-settings/",
        "/api/v1/organisations/{id}/dashboard/",
        "/api/v1/organisations/{id}/contributors/",
        "/api/v1/organisations/{id}/payment-runs/",
        "/api/v1/organisations/{id}/payment-runs/1/",
        "/api/v1/payments/{id}/",
    ],
)
def test_path_id_too_large_for_the_database_is_a_404_in_the_error_shape(
    northfield: Org, path: str
) -> None:
    client = northfield.client("finance")

    too_big = client.get(path.format(id=TOO_BIG))
    largest = client.get(path.format(id=MAX_ID))

    assert too_big.json() == {"message": "Not found.", "code": "not_found", "fields": {}}
    assert too_big.status_code == 404
    _assert_error(largest, 404, "not_found")


def test_unknown_api_address_is_a_404_in_the_error_shape(northfield: Org) -> None:
    response = northfield.client().get("/api/v1/no-such-thing/")

    _assert_error(response, 404, "not_found")


def test_payment_for_an_organisation_id_too_large_for_the_database_is_a_400(
    northfield: Org, contributor: User
) -> None:
    response = northfield.client("finance").post(
        "/api/v1/payments/",
        {
            "organisation": TOO_BIG,
            "contributor": contributor.pk,
            "kind": "fee",
            "amount": "10.00",
            "description": "Advisory group meeting",
            "due_on": "2026-11-20",
        },
        format="json",
    )

    body = _assert_error(response, 400, "invalid")
    assert "organisation" in body["fields"]


def test_payment_run_naming_a_payment_id_too_large_for_the_database_is_a_400(
    northfield: Org,
) -> None:
    response = northfield.client("finance").post(
        f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/",
        {"payments": [TOO_BIG]},
        format="json",
    )

    body = _assert_error(response, 400, "invalid")
    assert "payments" in body["fields"]


@pytest.mark.parametrize("on", ["0001-01-01", "9999-12-31"])
def test_earnings_on_a_date_at_either_end_of_the_calendar_is_a_400(
    contributor: User, on: str
) -> None:
    response = _as(contributor).get("/api/v1/me/earnings/", {"on": on})

    body = _assert_error(response, 400, "invalid")
    assert body["fields"] == {"on": ["Enter a date between 1900 and 2999."]}


def test_payment_due_in_the_year_9999_is_a_400(northfield: Org, contributor: User) -> None:
    # A payment counted on 31 December 9999 made a letter for that year overflow (its tax year
    # ends in the year 10000).
    response = northfield.record(contributor, "10.00", date(9999, 12, 31))

    body = _assert_error(response, 400, "invalid")
    assert "due_on" in body["fields"]


def test_letter_for_a_period_in_the_year_9999_is_a_400(northfield: Org, contributor: User) -> None:
    response = _as(contributor).post(
        "/api/v1/letters/",
        {
            "organisation": northfield.organisation.pk,
            "kind": "payment_statement",
            "period_start": "9999-01-01",
            "period_end": "9999-12-31",
        },
        format="json",
    )

    body = _assert_error(response, 400, "invalid")
    assert {"period_start", "period_end"} <= set(body["fields"])


# Deeper than Python's JSON decoder can go (it recurses once per level).
DEEPLY_NESTED = "[" * 100_000 + "]" * 100_000


def test_json_body_nested_too_deeply_is_a_400_for_anyone(db: None) -> None:
    response = APIClient().post(
        "/api/v1/auth/token/", DEEPLY_NESTED, content_type="application/json"
    )

    _assert_error(response, 400, "invalid")


def test_json_body_nested_too_deeply_is_a_400_for_a_signed_in_contributor(
    contributor: User,
) -> None:
    response = _as(contributor).put(
        "/api/v1/me/profile/", DEEPLY_NESTED, content_type="application/json"
    )

    _assert_error(response, 400, "invalid")


def test_expense_items_nested_too_deeply_in_a_form_are_a_400(
    northfield: Org, contributor: User
) -> None:
    response = _as(contributor).post(
        "/api/v1/expense-claims/",
        {"organisation": northfield.organisation.pk, "items": DEEPLY_NESTED},
        format="multipart",
    )

    body = _assert_error(response, 400, "invalid")
    assert "items" in body["fields"]


def test_letter_reference_with_a_nul_is_not_found_without_asking_the_database(
    db: None, django_assert_num_queries
) -> None:
    # PostgreSQL refuses text with a NUL in it, which made the public check a 500 there.
    with django_assert_num_queries(0):
        response = APIClient().get("/api/v1/verify/CP-%00/")

    body = _assert_error(response, 404, "not_found")
    assert body["message"].startswith("There is no issued letter with that reference.")


def test_a_worker_polling_the_embedded_broker_never_takes_a_half_written_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Under load a worker took a message file before it was written, failed to decode it and
    # stopped, and honcho stopped the web server with it: the API stopped answering.
    with Connection("filesystem://", transport_options=filesystem_broker_options(tmp_path)) as conn:
        channel = conn.default_channel
        assert isinstance(channel, workers.broker.Channel)
        seen_while_writing: list[Any] = []
        encode = workers.broker.dumps

        def encode_while_a_worker_polls(payload: Any) -> str:
            try:
                seen_while_writing.append(channel._get("default"))
            except Empty:
                seen_while_writing.append(None)
            return encode(payload)

        monkeypatch.setattr(workers.broker, "dumps", encode_while_a_worker_polls)
        channel._put("default", {"body": "hello"})

        assert seen_while_writing == [None]
        assert channel._get("default") == {"body": "hello"}
