"""The one ledger-reading module, against the real payments, engagements and profiles."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from accounts.models import User
from letters.services import letter_render, letter_request
from letters.snapshot import contributor_is_engaged, letter_snapshot_build
from opportunities.models import Engagement
from organisations.models import Organisation
from payments.models import Payment
from tests.contributors.factories import BenefitCircumstancesFactory, ContributorProfileFactory
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory
from tests.opportunities.factories import AttendanceFactory, EngagementFactory, OpportunityFactory

from . import pdf as read

JAN_5, JAN_25 = date(2026, 1, 5), date(2026, 1, 25)


def _payment(engagement: Engagement, **fields: Any) -> Payment:
    values: dict[str, Any] = {
        "organisation": engagement.opportunity.organisation,
        "contributor": engagement.contributor,
        "engagement": engagement,
        "kind": "fee",
        "description": "Panel meeting",
        "offered": Decimal("25.00"),
        "payable": Decimal("25.00"),
        "waived": Decimal("0.00"),
        "choice": "full",
        "method": "bank_transfer",
        "status": "paid",
    }
    values.update(fields)
    values.setdefault("paid_on", values["due_on"] if values["status"] == "paid" else None)
    values["counts_on"] = values["paid_on"] or values["due_on"]
    return Payment.objects.create(**values)


@pytest.fixture
def organisation(db: None) -> Organisation:
    return OrganisationFactory.create(
        name="Northfield Mind", signatory_name="Sam Signer", signatory_title="Involvement Lead"
    )


@pytest.fixture
def contributor(db: None) -> User:
    user = ContributorFactory.create(full_name="Alexandra Example")
    ContributorProfileFactory.create(
        user=user, preferred_name="Alex", address_line_1="2 Low Road", postcode="NF2 2BB"
    )
    return user


@pytest.fixture
def engagement(organisation: Organisation, contributor: User) -> Engagement:
    opportunity = OpportunityFactory.create(organisation=organisation, title="Service panel")
    engagement = EngagementFactory.create(
        application__opportunity=opportunity, application__contributor=contributor
    )
    AttendanceFactory.create(engagement=engagement, date=date(2026, 1, 6), hours=Decimal("2.00"))
    AttendanceFactory.create(engagement=engagement, date=date(2026, 1, 13), hours=Decimal("1.50"))
    _payment(engagement, description="Meeting 6 Jan", due_on=date(2026, 1, 6),
             paid_on=date(2026, 1, 7))  # fmt: skip
    _payment(engagement, description="Meeting 13 Jan", due_on=date(2026, 1, 14),
             status="approved", choice="reduced", payable=Decimal("20.00"),
             waived=Decimal("5.00"))  # fmt: skip
    _payment(engagement, description="Meeting 20 Jan", due_on=date(2026, 1, 21),
             choice="donate", donated_to="Mind in Northfield")  # fmt: skip
    _payment(engagement, description="Cancelled meeting", due_on=date(2026, 1, 8),
             status="cancelled")  # fmt: skip
    _payment(engagement, description="February meeting", due_on=date(2026, 2, 10))
    _payment(engagement, kind="expense", description="Bus fare", due_on=date(2026, 1, 7),
             offered=Decimal("4.80"), payable=Decimal("4.80"), choice="")  # fmt: skip
    return engagement


def _build(organisation: Organisation, contributor: User, **changes: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "organisation": organisation,
        "contributor": contributor,
        "kind": "payment_statement",
        "period_start": JAN_5,
        "period_end": JAN_25,
    }
    args.update(changes)
    return letter_snapshot_build(**args)


def test_snapshot_lists_fees_and_expenses_in_the_period_by_benefit_week(
    organisation: Organisation, contributor: User, engagement: Engagement
) -> None:
    data = _build(organisation, contributor, grouping="benefit_week")

    assert json.loads(json.dumps(data)) == data  # plain JSON
    assert data["has_involvement"] is True
    # The full name, not the name they like to be called day to day.
    assert data["contributor"] == {
        "name": "Alexandra Example",
        "address_lines": ["2 Low Road", "Northfield", "NF2 2BB"],
    }
    assert data["organisation"]["signatory_name"] == "Sam Signer"
    assert [(f["date"], f["description"], f["payable"]) for f in data["fees"]] == [
        ("2026-01-07", "Meeting 6 Jan", "25.00"),
        ("2026-01-14", "Meeting 13 Jan", "20.00"),
        ("2026-01-21", "Meeting 20 Jan", "25.00"),
    ]
    assert data["fees"][1]["paid"] is False
    assert data["fees"][2]["donated_to"] == "Mind in Northfield"
    assert [(e["description"], e["payable"]) for e in data["expenses"]] == [("Bus fare", "4.80")]
    assert data["grouping"] == "benefit_week"
    assert [(g["start"], g["end"], g["total_received"]) for g in data["fee_groups"]] == [
        ("2026-01-05", "2026-01-11", "25.00"),
        ("2026-01-12", "2026-01-18", "20.00"),
        ("2026-01-19", "2026-01-25", "0.00"),
    ]
    assert data["totals"] == {
        "fees_offered": "75.00",
        "fees_received": "45.00",
        "fees_donated": "25.00",
        "fees_waived": "5.00",
        "expenses": "4.80",
        "hours": "3.50",
    }
    assert data["tax_years"] == [
        {"label": "2025/26", "start": "2025-04-06", "end": "2026-04-05", "fees": "45.00",
         "fees_paid": "25.00", "fees_due": "20.00", "expenses": "4.80"},
    ]  # fmt: skip
    assert data["choices"] == ["donate", "full", "reduced"]
    assert data["roles"][0]["title"] == "Service panel"
    assert data["roles"][0]["hours"] == "3.50"
    assert data["roles"][0]["involvement_type"] == "Advisory group"


def test_snapshot_groups_by_assessment_period_for_uc_and_keeps_circumstances_out(
    organisation: Organisation, contributor: User, engagement: Engagement
) -> None:
    BenefitCircumstancesFactory.create(
        user=contributor, receives_esa=False, esa_permitted_work_limit="",
        receives_uc=True, uc_assessment_start_day=14,
    )  # fmt: skip

    data = _build(organisation, contributor, grouping="uc_assessment_period")

    assert data["grouping"] == "uc_assessment_period"
    assert [(g["start"], g["end"]) for g in data["fee_groups"]] == [
        ("2025-12-14", "2026-01-13"),
        ("2026-01-14", "2026-02-13"),
    ]
    dumped = json.dumps(data)
    for private in ("receives", "uc_assessment_start_day", "esa", "Universal Credit"):
        assert private not in dumped


def test_snapshot_uses_the_contributors_own_benefit_week(
    organisation: Organisation, contributor: User, engagement: Engagement
) -> None:
    BenefitCircumstancesFactory.create(user=contributor, benefit_week_start=2)  # Wednesday

    data = _build(organisation, contributor, grouping="benefit_week")

    assert [g["start"] for g in data["fee_groups"]] == ["2026-01-07", "2026-01-14", "2026-01-21"]


def test_a_period_with_nothing_in_it_has_no_involvement(
    organisation: Organisation, contributor: User, engagement: Engagement
) -> None:
    data = _build(organisation, contributor, period_start=date(2026, 3, 1),
                  period_end=date(2026, 3, 31))  # fmt: skip

    assert data["has_involvement"] is False
    assert data["fees"] == [] and data["expenses"] == [] and data["attendance"] == []


def test_engagement_is_per_organisation(
    organisation: Organisation, contributor: User, engagement: Engagement
) -> None:
    assert contributor_is_engaged(organisation=organisation, contributor=contributor)
    assert not contributor_is_engaged(
        organisation=OrganisationFactory.create(), contributor=contributor
    )
    assert not contributor_is_engaged(
        organisation=organisation, contributor=ContributorFactory.create()
    )


def test_a_statement_from_the_real_ledger_shows_every_line_and_later_changes_do_not_alter_it(
    organisation: Organisation, contributor: User, engagement: Engagement
) -> None:
    admin = MembershipFactory.create(organisation=organisation, role="admin").user
    letter = letter_request(
        requested_by=admin, organisation=organisation, contributor=contributor,
        kind="payment_statement", period_start=JAN_5, period_end=JAN_25,
    )  # fmt: skip
    _payment(engagement, description="Added after the request", due_on=date(2026, 1, 9))

    issued = letter_render(letter_id=letter.pk)

    with issued.pdf.open("rb") as handle:
        text = read.text(handle.read())
    for line in ("Meeting 6 Jan", "Meeting 13 Jan", "Meeting 20 Jan", "Bus fare £4.80"):
        assert line in text
    # Asked for by the organisation, so grouped by calendar month; paid and due apart.
    assert "Fees paid, month by month" in text
    assert "Paid in this month £25.00" in text
    assert "Fees due, not paid yet, month by month" in text
    assert "Due, not paid yet, in this month £20.00" in text
    assert "2025/26 £25.00 £20.00 £4.80" in text
    assert "Added after the request" not in text
    assert "Cancelled meeting" not in text
    assert "February meeting" not in text


def test_the_letter_names_the_person_by_their_name_for_letters(
    organisation: Organisation, contributor: User, engagement: Engagement
) -> None:
    contributor.contributor_profile.name_for_letters = "Alexandra Jane Example"
    contributor.contributor_profile.save()

    data = _build(organisation, contributor)

    assert data["contributor"]["name"] == "Alexandra Jane Example"


def test_each_fee_carries_the_hours_of_its_attendance_or_none(
    organisation: Organisation, contributor: User, engagement: Engagement
) -> None:
    attendance = AttendanceFactory.create(
        engagement=engagement, date=date(2026, 1, 16), hours=Decimal("2.50")
    )
    _payment(engagement, description="Workshop", due_on=date(2026, 1, 16), attendance=attendance)

    data = _build(organisation, contributor)

    hours = {f["description"]: f["hours"] for f in data["fees"]}
    assert hours["Workshop"] == "2.50"
    assert hours["Meeting 6 Jan"] is None  # recorded without hours: the letter says so
    assert all(e["hours"] is None for e in data["expenses"])
