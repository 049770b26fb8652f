"""Issue 9, point 11, through the API and the real ledger: letters say only what is true."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from rest_framework.test import APIClient

from accounts.models import User
from contributors.models import BenefitCircumstances
from letters.models import Letter
from payments.models import PaymentPreference
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory
from tests.opportunities.factories import EngagementFactory

from . import pdf as read

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel("2026-11-26 09:00 +00:00", tick=False):
        yield


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def scene() -> dict[str, Any]:
    organisation = OrganisationFactory.create(
        name="Northfield Mind", signatory_name="Sam Signer", signatory_title="Involvement Lead"
    )
    coordinator = MembershipFactory.create(organisation=organisation, role="coordinator").user
    admin = MembershipFactory.create(organisation=organisation, role="admin").user
    alex: User = ContributorFactory.create(full_name="Alex Morgan")
    BenefitCircumstances.objects.create(user=alex, receives_uc=True, uc_assessment_start_day=14)
    PaymentPreference.objects.create(
        contributor=alex, choice="capped", cap_amount=Decimal("30.00"), cap_period="benefit_week"
    )
    engagement = EngagementFactory.create(
        application__opportunity__organisation=organisation,
        application__opportunity__pay_rate=Decimal("6.00"),
        application__contributor=alex,
        contributor=alex,
    )
    return {
        "organisation": organisation,
        "coordinator": coordinator,
        "admin": admin,
        "alex": alex,
        "engagement": engagement,
    }


def test_a_letter_before_payment_is_headed_as_due_names_the_person_and_tells_hours(
    scene: dict[str, Any], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    alex: User = scene["alex"]
    coordinator = _client(scene["coordinator"])
    profile = _client(alex).patch(
        "/api/v1/me/profile/", {"name_for_letters": "Alexandra Jane Morgan"}, format="json"
    )
    assert profile.status_code == 200 and profile.json()["name_for_letters"] == (
        "Alexandra Jane Morgan"
    )
    attended = coordinator.post(
        f"/api/v1/engagements/{scene['engagement'].pk}/attendance/",
        {"date": "2026-11-24", "hours": "2.00"},
        format="json",
    )
    assert attended.status_code == 201, attended.json()
    papers = coordinator.post(
        "/api/v1/payments/",
        {
            "organisation": scene["organisation"].pk,
            "contributor": alex.pk,
            "engagement": scene["engagement"].pk,
            "kind": "fee",
            "amount": "9.50",
            "description": "Papers review",
            "due_on": "2026-11-25",
            "time_based": False,
        },
        format="json",
    )
    assert papers.status_code == 201, papers.json()

    with django_capture_on_commit_callbacks(execute=True):
        asked = _client(alex).post(
            "/api/v1/letters/",
            {
                "organisation": scene["organisation"].pk,
                "kind": "benefits_advisor",
                "period_start": "2026-11-01",
                "period_end": "2026-11-30",
                "grouping": "uc_assessment_period",
            },
        )
    assert asked.status_code == 202, asked.json()
    with django_capture_on_commit_callbacks(execute=True):
        issued = _client(scene["admin"]).post(f"/api/v1/letters/{asked.json()['id']}/issue/")
    assert issued.status_code == 202, issued.json()
    letter = Letter.objects.get(pk=asked.json()["id"])
    assert letter.status == "issued"
    download = _client(alex).get(f"/api/v1/letters/{letter.pk}/pdf/")
    assert download.status_code == 200
    text = read.text(b"".join(download.streaming_content))  # type: ignore[attr-defined]

    # Nothing is paid yet: on main it said "Fees paid" and "Total fees paid to Alex".
    assert "for Jobcentre Plus staff: fees due, none paid yet" in text
    assert "Fees due, not paid yet, by assessment period" in text
    assert "Fees paid" not in text and "Total fees paid" not in text
    assert "Total fees due to Alexandra Jane Morgan, not paid yet: £21.50" in text
    assert "Assessment period from Sat 14 November 2026 to Sun 13 December 2026" in text
    assert "Month from" not in text
    # £12.00 for 2 hours, within the £30 cap: a full fee, not "Cut to their limit".
    assert "2 hours £12.00 Full fee (within the amount they chose) £12.00" in text
    assert "hours not recorded £9.50 Full fee (within the amount they chose) £9.50" in text
    assert "Cut to" not in text and "so some fees were cut" not in text
