from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from rest_framework.test import APIClient

from accounts.models import User
from contributors.models import BenefitCircumstances
from payments.ledger import counted_total
from payments.models import EngagementPaymentChoice, Payment, PaymentPreference
from tests.factories import ContributorFactory

from .conftest import Org

pytestmark = pytest.mark.django_db

Prefer = Callable[..., PaymentPreference]
D = Decimal
MONDAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-23 10:00 +00:00", tick=False):
        yield


def test_full_choice_records_the_offered_fee(northfield: Org, contributor: User) -> None:
    response = northfield.record(contributor, "50.00", MONDAY)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["offered"], body["payable"], body["waived"]) == ("50.00", "50.00", "0.00")
    assert body["choice"] == "full"
    assert body["status"] == "pending"


def test_reduced_choice_is_applied_and_stored_with_its_reason(
    northfield: Org, contributor: User, prefer: Prefer
) -> None:
    prefer(contributor, choice="reduced", reduced_amount="20.00")

    body = northfield.record(contributor, "50.00", MONDAY).json()

    assert (body["payable"], body["waived"], body["choice"]) == ("20.00", "30.00", "reduced")
    assert body["choice_reason"] == "Reduced to £20.00 at the contributor's request."
    stored = Payment.objects.get(pk=body["id"]).choice_reason
    assert "£20.00" in stored  # the contributor's own view keeps the full reason


def test_expenses_only_waives_the_fee(northfield: Org, contributor: User, prefer: Prefer) -> None:
    prefer(contributor, choice="expenses_only")

    body = northfield.record(contributor, "50.00", MONDAY).json()

    assert (body["payable"], body["waived"]) == ("0.00", "50.00")
    assert counted_total(contributor_id=contributor.pk, start=MONDAY, end=MONDAY) == D("0.00")


def test_donated_fee_goes_to_the_charity_and_does_not_count(
    northfield: Org, contributor: User, prefer: Prefer
) -> None:
    prefer(contributor, choice="donate", charity_name="Samaritans")

    body = northfield.record(contributor, "50.00", MONDAY).json()

    assert body["payable"] == "50.00"
    assert body["donated_to"] == "Samaritans"
    assert counted_total(contributor_id=contributor.pk, start=MONDAY, end=MONDAY) == D("0.00")


def test_capped_contributor_paid_by_two_organisations_in_one_week_stays_at_the_cap(
    northfield: Org, southdown: Org, contributor: User, prefer: Prefer
) -> None:
    prefer(contributor, choice="capped", cap_amount="20.00", cap_period="benefit_week")

    first = northfield.record(contributor, "15.00", MONDAY).json()
    second = southdown.record(contributor, "15.00", MONDAY + timedelta(days=3)).json()
    third = southdown.record(contributor, "15.00", MONDAY + timedelta(days=6)).json()
    next_week = northfield.record(contributor, "15.00", MONDAY + timedelta(days=7)).json()

    assert [first["payable"], second["payable"], third["payable"]] == ["15.00", "5.00", "0.00"]
    assert second["waived"] == "10.00"
    assert second["choice_reason"] == "Reduced to £5.00 at the contributor's request."
    assert "cap" in Payment.objects.get(pk=second["id"]).choice_reason
    assert next_week["payable"] == "15.00"
    assert counted_total(
        contributor_id=contributor.pk, start=MONDAY, end=MONDAY + timedelta(days=6)
    ) == D("20.00")


def test_cap_follows_the_contributors_own_benefit_week(
    northfield: Org, contributor: User, prefer: Prefer
) -> None:
    BenefitCircumstances.objects.update_or_create(
        user=contributor, defaults={"benefit_week_start": 2}
    )
    prefer(contributor, choice="capped", cap_amount="20.00", cap_period="benefit_week")

    tuesday = northfield.record(contributor, "20.00", date(2026, 11, 24)).json()
    wednesday = northfield.record(contributor, "20.00", date(2026, 11, 25)).json()

    # Wednesday starts a new benefit week for this person, so both are paid in full.
    assert [tuesday["payable"], wednesday["payable"]] == ["20.00", "20.00"]


def test_cap_in_a_uc_assessment_period_spanning_two_calendar_months(
    northfield: Org, southdown: Org, contributor: User, prefer: Prefer
) -> None:
    BenefitCircumstances.objects.update_or_create(
        user=contributor, defaults={"receives_uc": True, "uc_assessment_start_day": 15}
    )
    prefer(contributor, choice="capped", cap_amount="100.00", cap_period="uc_assessment_period")

    november = northfield.record(contributor, "60.00", date(2026, 11, 20)).json()
    december = southdown.record(contributor, "60.00", date(2026, 12, 14)).json()
    next_period = southdown.record(contributor, "60.00", date(2026, 12, 15)).json()

    assert [november["payable"], december["payable"], next_period["payable"]] == [
        "60.00",
        "40.00",
        "60.00",
    ]
    # Organisations see that the fee was cut at the contributor's request, never the cap, the
    # period's days (an assessment period's) or what another organisation paid.
    assert december["choice_reason"] == "Reduced to £40.00 at the contributor's request."
    full = Payment.objects.get(pk=december["id"]).choice_reason
    assert "15 November 2026 to 14 December 2026" in full


def test_monthly_and_tax_year_caps(northfield: Org, contributor: User, prefer: Prefer) -> None:
    prefer(contributor, choice="capped", cap_amount="1000.00", cap_period="tax_year")
    northfield.record(contributor, "900.00", date(2026, 4, 6))
    assert northfield.record(contributor, "200.00", date(2027, 4, 5)).json()["payable"] == "100.00"
    assert northfield.record(contributor, "200.00", date(2027, 4, 6)).json()["payable"] == "200.00"

    prefer(contributor, choice="capped", cap_amount="50.00", cap_period="calendar_month")
    assert northfield.record(contributor, "40.00", date(2027, 2, 1)).json()["payable"] == "40.00"
    assert northfield.record(contributor, "40.00", date(2027, 2, 28)).json()["payable"] == "10.00"


def test_engagement_override_beats_the_default(
    northfield: Org, contributor: User, prefer: Prefer
) -> None:
    prefer(contributor, choice="full")
    engagement = northfield.engage(contributor)
    EngagementPaymentChoice.objects.create(engagement=engagement, choice="expenses_only")

    overridden = northfield.record(contributor, "30.00", MONDAY, engagement=engagement.pk).json()
    default = northfield.record(contributor, "30.00", MONDAY).json()

    assert overridden["payable"] == "0.00"
    assert default["payable"] == "30.00"


def test_changing_the_preference_never_alters_recorded_payments(
    northfield: Org, contributor: User, prefer: Prefer
) -> None:
    prefer(contributor, choice="full")
    recorded = northfield.record(contributor, "30.00", MONDAY).json()

    prefer(contributor, choice="expenses_only")

    payment = Payment.objects.get(pk=recorded["id"])
    assert payment.payable == D("30.00")
    assert payment.choice == "full"
    assert payment.choice_snapshot["choice"] == "full"


def test_moving_a_capped_fee_to_a_full_week_cuts_it_there(
    northfield: Org, southdown: Org, contributor: User, prefer: Prefer
) -> None:
    prefer(contributor, choice="capped", cap_amount="20.00", cap_period="benefit_week")
    southdown.record(contributor, "20.00", MONDAY + timedelta(days=7))
    moving = northfield.record(contributor, "20.00", MONDAY).json()
    assert moving["payable"] == "20.00"

    response = northfield.client().post(
        f"/api/v1/payments/{moving['id']}/reschedule/",
        {"due_on": (MONDAY + timedelta(days=8)).isoformat()},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["payable"] == "0.00"
    assert response.json()["counts_on"] == (MONDAY + timedelta(days=8)).isoformat()
    assert counted_total(
        contributor_id=contributor.pk,
        start=MONDAY + timedelta(days=7),
        end=MONDAY + timedelta(days=13),
    ) == D("20.00")
    assert counted_total(
        contributor_id=contributor.pk, start=MONDAY, end=MONDAY + timedelta(days=6)
    ) == D("0.00")


def test_a_repeat_with_the_same_idempotency_key_returns_the_first_result(
    northfield: Org, contributor: User
) -> None:
    first = northfield.record(contributor, "25.00", MONDAY, idempotency_key="abc-123")
    again = northfield.record(contributor, "25.00", MONDAY, idempotency_key="abc-123")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Payment.objects.count() == 1


def test_the_same_key_with_a_different_body_is_a_conflict(
    northfield: Org, contributor: User
) -> None:
    northfield.record(contributor, "25.00", MONDAY, idempotency_key="abc-123")

    response = northfield.record(contributor, "26.00", MONDAY, idempotency_key="abc-123")

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert Payment.objects.count() == 1


@pytest.mark.parametrize(
    ("amount", "field"),
    [
        ("-5.00", "amount"),
        ("0", "amount"),
        ("0.00", "amount"),
        ("12.345", "amount"),
        ("100000.01", "amount"),
        ("lots", "amount"),
        ("", "amount"),
    ],
)
def test_bad_amounts_are_400_and_nothing_is_written(
    northfield: Org, contributor: User, amount: str, field: str
) -> None:
    response = northfield.record(contributor, amount, MONDAY)

    assert response.status_code == 400
    assert response.json()["fields"][field]
    assert not Payment.objects.exists()


def test_unknown_kind_or_method_is_400(northfield: Org, contributor: User) -> None:
    response = northfield.record(contributor, "10.00", MONDAY, kind="bonus", method="bitcoin")

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"kind", "method"}


def test_a_contributor_not_engaged_with_the_organisation_cannot_be_paid(northfield: Org) -> None:
    stranger = ContributorFactory.create()

    response = northfield.record(stranger, "10.00", MONDAY)

    assert response.status_code == 400
    assert "contributor" in response.json()["fields"]


def test_outsider_organisation_gets_404(northfield: Org, southdown: Org, contributor: User) -> None:
    payment = northfield.record(contributor, "10.00", MONDAY).json()

    assert (
        southdown.client("finance").post(f"/api/v1/payments/{payment['id']}/approve/").status_code
        == 404
    )
    assert southdown.client().get(f"/api/v1/payments/{payment['id']}/").status_code == 404
    body = {"organisation": northfield.organisation.pk, "contributor": contributor.pk,
            "kind": "fee",
            "amount": "5.00", "description": "x", "due_on": MONDAY.isoformat(),
                "time_based": False}  # fmt: skip
    assert southdown.client().post("/api/v1/payments/", body, format="json").status_code == 404


def test_contributors_see_only_their_own_payments(northfield: Org, contributor: User) -> None:

    other = ContributorFactory.create()
    northfield.engage(other)
    northfield.record(contributor, "10.00", MONDAY)
    northfield.record(other, "12.00", MONDAY)
    client = APIClient()
    client.force_authenticate(contributor)

    listing = client.get("/api/v1/payments/").json()

    assert [p["contributor"] for p in listing["results"]] == [contributor.pk]
    assert client.post("/api/v1/payments/", {}, format="json").status_code == 400
