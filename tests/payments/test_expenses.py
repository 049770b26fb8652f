from __future__ import annotations

import io
import json
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image
from rest_framework.test import APIClient

from accounts.models import User
from payments.ledger import counted_total
from payments.models import ExpenseClaim, Payment
from tests.factories import OrganisationFactory

from .conftest import Org

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-25 10:00 +00:00", tick=False):
        yield


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _claim(client: APIClient, org: Org, items: list[dict], files: dict[str, SimpleUploadedFile]):
    body = {"organisation": org.organisation.pk, "items": json.dumps(items), **files}
    return client.post("/api/v1/expense-claims/", body, format="multipart")


def _as(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


TRAIN = {
    "category": "travel",
    "description": "Train to the meeting",
    "spent_on": "2026-11-23",
    "amount": "12.40",
}
MILEAGE = {
    "category": "mileage",
    "description": "Drove to the panel",
    "spent_on": "2026-11-24",
    "miles": "10",
}


def test_contributor_claims_with_a_receipt_and_finance_approves(
    northfield: Org, contributor: User
) -> None:
    response = _claim(
        _as(contributor), northfield, [TRAIN, MILEAGE],
        {"receipt_0": SimpleUploadedFile("ticket.png", png(), content_type="image/png")},
    )  # fmt: skip

    assert response.status_code == 201, response.json()
    claim = response.json()
    assert [i["amount"] for i in claim["items"]] == ["12.40", "4.50"]  # 10 miles at 45p
    assert claim["items"][0]["has_receipt"] is True
    approved = northfield.client("finance").post(
        f"/api/v1/expense-claims/{claim['id']}/approve/", {}, format="json"
    )
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved"
    expenses = Payment.objects.filter(contributor=contributor, kind="expense")
    assert sorted(str(p.payable) for p in expenses) == ["12.40", "4.50"]
    assert (
        counted_total(
            contributor_id=contributor.pk, start=date(2026, 11, 1), end=date(2026, 11, 30)
        )
        == 0
    )


def test_finance_rejects_an_item_with_a_reason(northfield: Org, contributor: User) -> None:
    claim = _claim(_as(contributor), northfield, [MILEAGE], {}).json()
    finance = northfield.client("finance")

    no_reason = finance.post(f"/api/v1/expense-claims/{claim['id']}/reject/", {}, format="json")
    rejected = finance.post(
        f"/api/v1/expense-claims/{claim['id']}/reject/",
        {"reason": "Not for this session"},
        format="json",
    )

    assert no_reason.status_code == 400 and no_reason.json()["fields"]["reason"]
    assert rejected.json()["items"][0]["status"] == "rejected"
    assert not Payment.objects.exists()


def test_receipt_is_checked_by_content_not_name(northfield: Org, contributor: User) -> None:
    fake = SimpleUploadedFile(
        "receipt.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, content_type="application/pdf"
    )

    response = _claim(_as(contributor), northfield, [TRAIN], {"receipt_0": fake})

    assert response.status_code == 400
    assert response.json()["fields"]["receipt_0"]
    assert not ExpenseClaim.objects.exists()


def test_a_receipt_is_required_for_costs_other_than_mileage(
    northfield: Org, contributor: User
) -> None:
    response = _claim(_as(contributor), northfield, [TRAIN], {})

    assert response.status_code == 400
    assert "receipt_0" in response.json()["fields"]


@override_settings(API_MAX_UPLOAD_BYTES=1024 * 1024)
def test_a_huge_upload_is_413_before_it_is_read(northfield: Org, contributor: User) -> None:
    big = SimpleUploadedFile(
        "big.png", b"\x89PNG" + b"\x00" * (2 * 1024 * 1024), content_type="image/png"
    )

    response = _claim(_as(contributor), northfield, [TRAIN], {"receipt_0": big})

    assert response.status_code == 413
    assert not ExpenseClaim.objects.exists()


@override_settings(RECEIPT_MAX_BYTES=1024)
def test_an_oversize_receipt_is_413(northfield: Org, contributor: User) -> None:
    response = _claim(
        _as(contributor), northfield, [TRAIN],
        {"receipt_0": SimpleUploadedFile("t.png", png() + bytes(2048), content_type="image/png")},
    )  # fmt: skip

    assert response.status_code == 413
    assert response.json()["fields"]["receipt_0"]


def test_receipts_are_served_only_to_the_contributor_and_that_organisations_finance(
    northfield: Org, southdown: Org, contributor: User
) -> None:
    claim = _claim(
        _as(contributor), northfield, [TRAIN],
        {"receipt_0": SimpleUploadedFile("t.png", png(), content_type="image/png")},
    ).json()  # fmt: skip
    url = f"/api/v1/expense-claims/{claim['id']}/items/{claim['items'][0]['id']}/receipt/"

    own = _as(contributor).get(url)
    finance = northfield.client("finance").get(url)

    assert own.status_code == finance.status_code == 200
    content = b"".join(own.streaming_content)  # type: ignore[attr-defined]
    assert content.startswith(b"\x89PNG")
    assert own["Content-Disposition"].startswith("inline")
    assert northfield.client().get(url).status_code == 404  # a coordinator
    assert southdown.client("finance").get(url).status_code == 404


def test_claims_only_from_an_organisation_the_contributor_worked_with(contributor: User) -> None:
    elsewhere = OrganisationFactory.create()
    response = _as(contributor).post(
        "/api/v1/expense-claims/", {"organisation": elsewhere.pk, "items": [MILEAGE]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["fields"]["organisation"]


def test_expense_items_need_amounts_or_miles(northfield: Org, contributor: User) -> None:
    response = _as(contributor).post(
        "/api/v1/expense-claims/",
        {
            "organisation": northfield.organisation.pk,
            "items": [{"category": "mileage", "description": "x", "spent_on": "2026-11-24"}],
        },
        format="json",
    )

    assert response.status_code == 400
    assert "items[0].miles" in response.json()["fields"]


def test_a_50_mb_upload_is_refused_with_413_under_the_default_limits(
    northfield: Org, contributor: User
) -> None:
    huge = SimpleUploadedFile(
        "scan.pdf", b"%PDF-1.7\n" + bytes(50 * 1024 * 1024), content_type="application/pdf"
    )

    response = _claim(_as(contributor), northfield, [TRAIN], {"receipt_0": huge})

    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"
    assert not ExpenseClaim.objects.exists()
