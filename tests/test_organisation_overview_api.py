"""GET organisations/{id}/overview/: what each role sees on the overview, and what it never sees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from contributors.models import ContributorProfile
from letters.models import Letter, LetterStatus
from organisations.models import Organisation, Role
from payments.models import ExpenseClaim, ExpenseItem, Payment
from tests.clients import client_for
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.letters.factories import snapshot_dict
from tests.opportunities.factories import (
    ApplicationFactory,
    AttendanceFactory,
    EngagementFactory,
    OpportunityFactory,
    SessionFactory,
)
from thresholds.models import AlertLevel, ThresholdAlert

pytestmark = pytest.mark.django_db


def _member(organisation: Organisation, role: str):
    user = UserFactory.create()
    MembershipFactory.create(organisation=organisation, user=user, role=role)
    return user


def _overview(user, organisation: Organisation) -> dict:
    answer = client_for(user).get(f"/api/v1/organisations/{organisation.pk}/overview/")
    assert answer.status_code == 200, answer.content
    return answer.json()


def _tasks(body: dict) -> dict[str, int]:
    return {task["kind"]: task["count"] for task in body["today"]}


def _payment(organisation: Organisation, status: str) -> Payment:
    today = timezone.localdate()
    return Payment.objects.create(
        organisation=organisation,
        contributor=ContributorFactory.create(),
        kind="fee",
        description="Session",
        offered=Decimal("20.00"),
        payable=Decimal("20.00"),
        waived=Decimal("0"),
        choice="full",
        method="bank_transfer",
        due_on=today,
        counts_on=today,
        status=status,
        hours=Decimal("2.00"),
    )


def _alert(contributor, level: str, *, start: dt.date, end: dt.date, **extra) -> ThresholdAlert:
    return ThresholdAlert.objects.create(
        contributor=contributor,
        limit_key=f"key-{level}-{start}",
        period_kind="calendar_month",
        period_start=start,
        period_end=end,
        level=level,
        counted=Decimal("90.00"),
        forecast=Decimal("90.00"),
        limit=Decimal("100.00"),
        **extra,
    )


def test_finance_sees_approvals_expense_items_and_a_run_to_build_and_no_coordinator_tasks() -> None:
    organisation = OrganisationFactory.create()
    finance = _member(organisation, Role.FINANCE)
    _payment(organisation, "pending")
    _payment(organisation, "pending")
    _payment(organisation, "approved")
    claim = ExpenseClaim.objects.create(
        organisation=organisation, contributor=ContributorFactory.create(), note=""
    )
    ExpenseItem.objects.create(
        claim=claim,
        category="travel",
        description="Bus",
        spent_on=timezone.localdate(),
        amount=Decimal("3.00"),
    )
    ApplicationFactory.create(opportunity__organisation=organisation)

    body = _overview(finance, organisation)

    assert _tasks(body) == {"approvals": 2, "expense_items": 1, "payment_run": 1}
    assert body["pending_approvals"] == 2
    assert body["this_month"]["total"] == "60.00"


def test_a_coordinator_is_told_of_applications_to_decide_and_sessions_without_a_register() -> None:
    organisation = OrganisationFactory.create()
    coordinator = _member(organisation, Role.COORDINATOR)
    role = OpportunityFactory.create(organisation=organisation)
    ApplicationFactory.create(opportunity=role)
    engagement = EngagementFactory.create(application__opportunity=role)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    past = SessionFactory.create(opportunity=role, date=yesterday)
    SessionFactory.create(opportunity=role, date=yesterday - dt.timedelta(days=60))  # too old
    SessionFactory.create(opportunity=role)  # next week
    # A past session of a role with no one booked needs no register.
    SessionFactory.create(opportunity__organisation=organisation, date=yesterday)

    assert _tasks(_overview(coordinator, organisation)) == {"applications": 1, "registers": 1}

    AttendanceFactory.create(engagement=engagement, session=past, date=past.date)
    assert _tasks(_overview(coordinator, organisation)) == {"applications": 1}


def test_an_admin_is_told_of_letters_to_issue_and_a_viewer_has_nothing_to_do() -> None:
    organisation = OrganisationFactory.create()
    admin = _member(organisation, Role.ADMIN)
    viewer = _member(organisation, Role.VIEWER)
    contributor = ContributorFactory.create()
    for status in (LetterStatus.REQUESTED, LetterStatus.FAILED):
        Letter.objects.create(
            kind="benefits_advisor",
            organisation=organisation,
            contributor=contributor,
            period_start=dt.date(2026, 1, 5),
            period_end=dt.date(2026, 1, 25),
            snapshot=snapshot_dict(),
            template_version="1",
            requested_by=contributor,
            status=status,
        )

    assert _tasks(_overview(admin, organisation))["letters"] == 2
    viewed = _overview(viewer, organisation)
    assert viewed["today"] == []
    assert viewed["letters_waiting"] == 2


def test_only_engaged_contributors_who_share_headroom_are_named_near_or_over_today() -> None:
    organisation = OrganisationFactory.create()
    coordinator = _member(organisation, Role.COORDINATOR)
    role = OpportunityFactory.create(organisation=organisation)
    today = timezone.localdate()
    month = (today.replace(day=1), today + dt.timedelta(days=1))

    def engaged(name: str, *, shares: bool = True):
        person = ContributorFactory.create(full_name=name)
        ContributorProfile.objects.update_or_create(
            user=person, defaults={"share_headroom": shares}
        )
        EngagementFactory.create(application__opportunity=role, application__contributor=person)
        return person

    over = engaged("Bea Over")
    _alert(over, AlertLevel.APPROACHING, start=month[0], end=month[1])
    _alert(over, AlertLevel.EXCEEDED, start=month[0] - dt.timedelta(days=40), end=month[1])
    _alert(engaged("Ann Near"), AlertLevel.REACHED, start=month[0], end=month[1])
    _alert(engaged("Cy Private", shares=False), AlertLevel.EXCEEDED, start=month[0], end=month[1])
    _alert(engaged("Di Forecast"), AlertLevel.FORECAST, start=month[0], end=month[1])
    _alert(
        engaged("Ed Resolved"),
        AlertLevel.EXCEEDED,
        start=month[0],
        end=month[1],
        resolved_at=timezone.now(),
    )
    _alert(
        engaged("Flo Past"),
        AlertLevel.EXCEEDED,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 1, 31),
    )
    stranger = ContributorFactory.create(full_name="Gus Elsewhere")
    ContributorProfile.objects.update_or_create(user=stranger, defaults={"share_headroom": True})
    _alert(stranger, AlertLevel.EXCEEDED, start=month[0], end=month[1])

    body = _overview(coordinator, organisation)

    assert [(c["name"], c["status"]) for c in body["contributors_needing_care"]] == [
        ("Bea Over", "over"),
        ("Ann Near", "near"),
    ]
    # Status only: nothing that could point to a limit, a period or an amount.
    assert set(body["contributors_needing_care"][0]) == {"contributor_id", "name", "status"}


def test_someone_outside_the_organisation_gets_not_found() -> None:
    organisation = OrganisationFactory.create()
    outsider = _member(OrganisationFactory.create(), Role.OWNER)
    answer = client_for(outsider).get(f"/api/v1/organisations/{organisation.pk}/overview/")
    assert answer.status_code == 404
