from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import LazySettings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.test import APIClient

from accounts.models import User
from contributors.models import CIRCUMSTANCE_FIELDS
from letters.models import Letter
from letters.services import letter_render, letter_request
from notifications.models import Notification
from opportunities.models import Engagement
from organisations.models import Role
from payments.models import Payment
from tests.factories import TEST_PASSWORD, ContributorFactory, MembershipFactory
from tests.payments.conftest import Org
from thresholds.monitoring.alerts import contributor_evaluate

NAME = "Alex Example"
EMAIL = "alex.example@example.org"

BENEFITS: dict[str, Any] = {
    "receives_esa": True,
    "esa_permitted_work_limit": "lower",
    "receives_uc": False,
    "uc_housing_element": False,
    "uc_work_allowance": False,
    "receives_carers_allowance": False,
    "receives_carer_support_payment_scotland": False,
    "receives_pension_credit": False,
    "pension_credit_category": "",
    "receives_housing_benefit": False,
    "housing_benefit_category": "",
    "receives_legacy_income_support_jsa": False,
    "receives_pip_dla_adp": True,
    "benefit_week_start": 0,
    "uc_assessment_start_day": None,
    "track_tax_year": True,
}
assert set(BENEFITS) == set(CIRCUMSTANCE_FIELDS)

PROFILE = {
    "preferred_name": "Alex",
    "address_line_1": "12 Elm Road",
    "address_line_2": "",
    "town": "Northfield",
    "postcode": "NF1 3EF",
    "phone": "01234 567890",
    "contact_preference": "post",
    "adjustments": "Large print, please.",
    "share_headroom": True,
}


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    """Wednesday 25 November 2026."""
    with time_machine.travel("2026-11-25 10:00 +00:00", tick=False):
        yield


@pytest.fixture(autouse=True)
def _private_media(settings: LazySettings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def as_user(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class World:
    """A contributor with everything a person can have here: profile, benefits changed once
    (so they have history), a payment preference, an application and engagement, a fee paid
    and one still pending, an expense claim with a receipt, an alert, a notification and an
    issued letter."""

    contributor: User
    northfield: Org
    southdown: Org
    admin: User
    engagement: Engagement
    paid_fee: Payment
    pending_fee: Payment
    claim_id: int
    letter: Letter


def _ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def world(db: None) -> World:
    northfield, southdown = Org("Northfield"), Org("Southdown")
    northfield.organisation.signatory_name = "Sam Signer"
    northfield.organisation.save()
    admin = MembershipFactory.create(organisation=northfield.organisation, role=Role.ADMIN).user
    contributor = ContributorFactory.create(email=EMAIL, full_name=NAME)
    engagement = northfield.engage(contributor)
    southdown.engage(contributor)
    me = as_user(contributor)

    _ok(me.patch("/api/v1/me/profile/", PROFILE, format="json"))
    _ok(me.patch("/api/v1/me/benefits/", BENEFITS, format="json"))
    _ok(me.patch("/api/v1/me/benefits/", {**BENEFITS, "benefit_week_start": 2}, format="json"))
    _ok(
        me.put(
            "/api/v1/me/payment-preference/",
            {"choice": "capped", "cap_amount": "20.00", "cap_period": "benefit_week"},
            format="json",
        )
    )

    paid = _ok(northfield.record(contributor, "15.00", date(2026, 11, 2)), 201)
    _ok(northfield.client("finance").post(f"/api/v1/payments/{paid['id']}/approve/"))
    _ok(
        northfield.client("finance").post(
            f"/api/v1/payments/{paid['id']}/mark-paid/", {"paid_on": "2026-11-02"}, format="json"
        )
    )
    pending = _ok(northfield.record(contributor, "17.00", date(2026, 11, 30)), 201)

    items = [
        {
            "category": "travel",
            "description": "Train to the meeting",
            "spent_on": "2026-11-02",
            "amount": "12.40",
        }
    ]
    claim = _ok(
        me.post(
            "/api/v1/expense-claims/",
            {
                "organisation": northfield.organisation.pk,
                "items": json.dumps(items),
                "note": "Alex Example's train ticket",
                "receipt_0": SimpleUploadedFile("ticket.png", png(), content_type="image/png"),
            },
            format="multipart",
        ),
        201,
    )

    contributor_evaluate(contributor_id=contributor.pk)
    Notification.objects.create(
        user=contributor, kind="general", title="Welcome", body="Hello Alex", dedupe_key="hi"
    )
    letter = letter_request(
        requested_by=admin,
        organisation=northfield.organisation,
        contributor=contributor,
        kind="benefits_advisor",
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 21),
    )
    letter = letter_render(letter_id=letter.pk)
    assert letter.status == "issued"
    contributor.refresh_from_db()
    return World(
        contributor=contributor,
        northfield=northfield,
        southdown=southdown,
        admin=admin,
        engagement=engagement,
        paid_fee=Payment.objects.get(pk=paid["id"]),
        pending_fee=Payment.objects.get(pk=pending["id"]),
        claim_id=claim["id"],
        letter=letter,
    )


def erase(user: User, password: str = TEST_PASSWORD) -> Any:
    return as_user(user).post(
        "/api/v1/me/erase/", {"password": password, "confirm": True}, format="json"
    )
