"""Strict input (issue 14, points 4, 5 and 10): unknown and read-only fields refused, PUT is the
whole object and PATCH a part, receipt images checked before decoding, hidden characters
refused, 500s in the one error shape, personal answers never cached."""

from __future__ import annotations

import json
import struct
import zlib
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import User
from contributors.models import BenefitCircumstances
from organisations.models import Role
from payments.models import Payment
from tests.factories import ContributorFactory, MembershipFactory
from tests.payments.conftest import Org

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 6, 1)


def _as(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_unknown_and_read_only_fields_on_a_new_payment_are_refused_by_name(
    northfield: Org, contributor: User
) -> None:
    response = northfield.record(
        contributor, "25.00", MONDAY, payable="1000.00", status="paid", colour="red"
    )

    assert response.status_code == 400
    body = response.json()
    assert set(body["fields"]) >= {"payable", "status", "colour"}
    assert "colour" in body["message"] and "payable" in body["message"]
    assert not Payment.objects.exists()


def test_is_verified_cannot_be_sent_on_an_organisation_patch(northfield: Org) -> None:
    admin = MembershipFactory.create(organisation=northfield.organisation, role=Role.ADMIN)

    response = _as(admin.user).patch(
        f"/api/v1/organisations/{northfield.organisation.pk}/",
        {"is_verified": True},
        format="json",
    )

    assert response.status_code == 400
    assert "is_verified" in response.json()["fields"]


def test_a_partial_put_of_benefits_is_refused_and_leaves_esa_on() -> None:
    person = ContributorFactory.create()
    client = _as(person)
    assert (
        client.patch(
            "/api/v1/me/benefits/",
            {"receives_esa": True, "esa_permitted_work_limit": "lower"},
            format="json",
        ).status_code
        == 200
    )

    response = client.put(
        "/api/v1/me/benefits/",
        {"receives_uc": True, "uc_assessment_start_day": 3},
        format="json",
    )

    assert response.status_code == 400
    assert "receives_esa" in response.json()["fields"]
    assert BenefitCircumstances.objects.get(user=person).receives_esa is True


def test_patching_benefits_changes_only_what_is_sent() -> None:
    person = ContributorFactory.create()
    client = _as(person)
    client.patch(
        "/api/v1/me/benefits/",
        {"receives_esa": True, "esa_permitted_work_limit": "lower"},
        format="json",
    )

    response = client.patch(
        "/api/v1/me/benefits/", {"receives_uc": True, "uc_assessment_start_day": 3}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["receives_esa"] is True
    assert response.json()["receives_uc"] is True


def test_a_partial_put_of_the_profile_is_refused_and_patch_is_partial() -> None:
    person = ContributorFactory.create()
    client = _as(person)

    refused = client.put("/api/v1/me/profile/", {"town": "Leeds"}, format="json")
    patched = client.patch("/api/v1/me/profile/", {"town": "Leeds"}, format="json")

    assert refused.status_code == 400
    assert "postcode" in refused.json()["fields"]
    assert patched.status_code == 200
    assert patched.json()["town"] == "Leeds"


@pytest.mark.parametrize("hidden", ["\u202e", "\u2066", "\x00", "\x1b", "\x85"])
def test_hidden_characters_are_refused_in_descriptions(
    northfield: Org, contributor: User, hidden: str
) -> None:
    response = northfield.record(
        contributor, "25.00", MONDAY, description=f"Advisory {hidden}group"
    )

    assert response.status_code == 400
    assert "description" in response.json()["fields"]


def test_hidden_characters_are_refused_in_names(api: APIClient) -> None:
    response = api.post(
        "/api/v1/auth/register/",
        {
            "email": "someone@example.org",
            "password": "a-long-test-passphrase",
            "full_name": "Ann\u202egnalaM",
            "account_type": "contributor",
        },
        format="json",
    )

    assert response.status_code == 400
    assert "full_name" in response.json()["fields"]


def test_ordinary_text_in_any_language_is_accepted(northfield: Org, contributor: User) -> None:
    response = northfield.record(
        contributor, "25.00", MONDAY, description="Grŵp cynghori — مجموعة\nLine two\tok"
    )

    assert response.status_code == 201


def _png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_a_tiny_png_claiming_a_huge_image_is_refused_with_a_clear_message(
    northfield: Org, contributor: User
) -> None:
    bomb = _png_claiming(30000, 30000)
    assert len(bomb) < 100
    items = [
        {"category": "travel", "description": "Bus", "spent_on": "2026-05-29", "amount": "3.00"}
    ]
    response = _as(contributor).post(
        "/api/v1/expense-claims/",
        {
            "organisation": northfield.organisation.pk,
            "items": json.dumps(items),
            "receipt_0": SimpleUploadedFile("r.png", bomb, content_type="image/png"),
        },
        format="multipart",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "image_too_large"
    assert "too many pixels" in body["fields"]["receipt_0"][0]


def test_a_server_error_under_the_api_answers_in_the_error_shape(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken() -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("core.apis.health_get", broken)
    client = APIClient(raise_request_exception=False)

    response = client.get("/api/v1/health/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "server_error"
    assert set(response.json()) == {"message", "code", "fields"}


def test_a_lost_database_connection_answers_a_clean_503(
    monkeypatch: pytest.MonkeyPatch, northfield: Org
) -> None:
    from django.db import OperationalError

    def gone(**_: object) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("organisations.apis.organisation_list", gone)

    response = northfield.client().get("/api/v1/organisations/")

    assert response.status_code == 503
    assert response.json()["code"] == "service_unavailable"


@pytest.mark.parametrize(
    "path", ["/api/v1/me/", "/api/v1/me/benefits/", "/api/v1/me/profile/", "/api/v1/payments/"]
)
def test_personal_answers_are_never_stored_by_caches(path: str) -> None:
    response = _as(ContributorFactory.create()).get(path)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_public_answers_may_be_cached(api: APIClient) -> None:
    response = api.get("/api/v1/thresholds/")

    assert "no-store" not in response.get("Cache-Control", "")
