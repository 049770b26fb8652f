from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from coproduce.api.errors import ApplicationError, Conflict
from opportunities.applications.services import application_accept
from opportunities.engagements.selectors import (
    contributor_is_engaged_with,
    engagement_get,
    engagement_list,
    sessions_booked_for,
)
from opportunities.engagements.services import engagement_withdraw
from opportunities.models import Engagement, EngagementStatus, OpportunityStatus, PayUnit
from opportunities.roles.selectors import opportunity_list
from opportunities.roles.services import session_create
from organisations.models import Membership, Role
from payments.fees.services import attendance_record
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory

from .factories import (
    ApplicationFactory,
    AttendanceFactory,
    EngagementFactory,
    OpportunityFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 10)


def _coordinator_for(engagement: Engagement) -> Membership:
    return MembershipFactory.create(
        organisation=engagement.opportunity.organisation, role=Role.COORDINATOR
    )


@time_machine.travel(dt.datetime(2026, 6, 10, 12, tzinfo=dt.UTC), tick=False)
def test_sessions_booked_for_lists_future_unattended_sessions_of_active_engagements() -> None:
    engagement = EngagementFactory.create()
    contributor = engagement.contributor
    role = engagement.opportunity
    booked = SessionFactory.create(opportunity=role, date=TODAY + dt.timedelta(days=3))
    booked_today = SessionFactory.create(opportunity=role, date=TODAY)
    SessionFactory.create(opportunity=role, date=TODAY - dt.timedelta(days=1))  # past
    SessionFactory.create(opportunity=role, date=TODAY + dt.timedelta(days=40))  # out of range
    attended = SessionFactory.create(opportunity=role, date=TODAY + dt.timedelta(days=2))
    AttendanceFactory.create(engagement=engagement, session=attended, date=attended.date)
    withdrawn = EngagementFactory.create(
        application__contributor=contributor, status=EngagementStatus.WITHDRAWN
    )
    SessionFactory.create(opportunity=withdrawn.opportunity, date=TODAY + dt.timedelta(days=3))
    SessionFactory.create(date=TODAY + dt.timedelta(days=3))  # a role they are not on

    sessions = sessions_booked_for(
        contributor=contributor, start=TODAY - dt.timedelta(days=7), end=TODAY + dt.timedelta(30)
    )

    assert list(sessions) == [booked_today, booked]


def test_contributor_is_engaged_with_only_organisations_they_take_part_with() -> None:
    engagement = EngagementFactory.create()
    withdrawn = EngagementFactory.create(
        application__contributor=engagement.contributor, status=EngagementStatus.WITHDRAWN
    )

    assert contributor_is_engaged_with(
        contributor=engagement.contributor, organisation=engagement.opportunity.organisation
    )
    assert not contributor_is_engaged_with(
        contributor=engagement.contributor, organisation=withdrawn.opportunity.organisation
    )
    assert not contributor_is_engaged_with(
        contributor=ContributorFactory.create(), organisation=engagement.opportunity.organisation
    )


def test_engagement_selectors_answer_404_outside_scope() -> None:
    engagement = EngagementFactory.create()
    stranger = ContributorFactory.create()

    assert list(engagement_list(user=engagement.contributor)) == [engagement]
    assert list(engagement_list(user=stranger)) == []
    assert engagement_get(user=engagement.contributor, engagement_id=engagement.pk) == engagement
    with pytest.raises(ApplicationError) as caught:
        engagement_get(user=stranger, engagement_id=engagement.pk)
    assert caught.value.status_code == 404


def test_fixed_fee_is_offered_on_the_first_attendance_only() -> None:
    engagement = EngagementFactory.create(
        application__opportunity__pay_rate=Decimal("40.00"),
        application__opportunity__pay_unit=PayUnit.FIXED,
    )
    coordinator = _coordinator_for(engagement)
    today = timezone.localdate()

    first = attendance_record(by=coordinator, engagement=engagement, date=today, hours=Decimal(2))
    second = attendance_record(by=coordinator, engagement=engagement, date=today, hours=Decimal(2))

    assert (first.offered_amount, second.offered_amount) == (Decimal("40.00"), Decimal("0.00"))
    assert first.logged_by == coordinator.user


def test_unpaid_role_records_a_zero_offered_amount() -> None:
    engagement = EngagementFactory.create(
        application__opportunity__pay_rate=None, application__opportunity__pay_unit=""
    )

    attendance = attendance_record(
        by=_coordinator_for(engagement),
        engagement=engagement,
        date=timezone.localdate(),
        hours=Decimal("1.5"),
    )

    assert attendance.offered_amount == Decimal("0.00")


def test_attendance_for_the_same_session_twice_is_a_conflict() -> None:
    engagement = EngagementFactory.create()
    session = SessionFactory.create(opportunity=engagement.opportunity, date=timezone.localdate())
    coordinator = _coordinator_for(engagement)

    attendance_record(
        by=coordinator, engagement=engagement, date=session.date, hours=Decimal(2), session=session
    )
    with pytest.raises(Conflict):
        attendance_record(
            by=coordinator,
            engagement=engagement,
            date=session.date,
            hours=Decimal(1),
            session=session,
        )


def test_attendance_against_a_session_must_use_its_date_and_role() -> None:
    engagement = EngagementFactory.create()
    coordinator = _coordinator_for(engagement)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    ours = SessionFactory.create(opportunity=engagement.opportunity, date=yesterday)
    other_role = SessionFactory.create(date=yesterday)

    with pytest.raises(ApplicationError) as wrong_date:
        attendance_record(
            by=coordinator,
            engagement=engagement,
            date=timezone.localdate(),
            hours=Decimal(2),
            session=ours,
        )
    with pytest.raises(ApplicationError) as wrong_role:
        attendance_record(
            by=coordinator,
            engagement=engagement,
            date=yesterday,
            hours=Decimal(2),
            session=other_role,
        )

    assert "date" in wrong_date.value.fields
    assert "session" in wrong_role.value.fields


def test_attendance_after_withdrawal_is_refused_but_earlier_days_can_be_logged() -> None:
    engagement = EngagementFactory.create()
    coordinator = _coordinator_for(engagement)
    engagement_withdraw(by=engagement.contributor, engagement=engagement)
    engagement.refresh_from_db()
    assert engagement.withdrawn_at is not None
    withdrawn_on = timezone.localdate(engagement.withdrawn_at)

    earlier = attendance_record(
        by=coordinator,
        engagement=engagement,
        date=withdrawn_on - dt.timedelta(days=1),
        hours=Decimal(2),
    )

    assert earlier.pk is not None
    later = engagement.withdrawn_at + dt.timedelta(days=2)
    with time_machine.travel(later), pytest.raises(Conflict):
        attendance_record(
            by=coordinator,
            engagement=engagement,
            date=withdrawn_on + dt.timedelta(days=1),
            hours=Decimal(2),
        )


def test_a_contributor_has_only_one_active_engagement_per_role_in_the_database() -> None:
    engagement = EngagementFactory.create()
    second = ApplicationFactory.create(
        opportunity=engagement.opportunity, contributor=engagement.contributor, status="declined"
    )

    with pytest.raises(IntegrityError):
        Engagement.objects.create(
            opportunity=engagement.opportunity,
            contributor=engagement.contributor,
            application=second,
        )


def test_applications_to_a_draft_role_cannot_be_accepted() -> None:
    application = ApplicationFactory.create(opportunity__status=OpportunityStatus.DRAFT)
    coordinator = MembershipFactory.create(
        organisation=application.opportunity.organisation, role=Role.COORDINATOR
    )

    with pytest.raises(Conflict):
        application_accept(by=coordinator, application=application)


def test_session_planned_hours_come_from_its_times_unless_given() -> None:
    role = OpportunityFactory.create()
    coordinator = MembershipFactory.create(organisation=role.organisation, role=Role.COORDINATOR)

    derived = session_create(
        by=coordinator,
        opportunity=role,
        date=TODAY,
        start_time=dt.time(13, 0),
        end_time=dt.time(14, 40),
    )
    given = session_create(
        by=coordinator,
        opportunity=role,
        date=TODAY,
        start_time=dt.time(13, 0),
        end_time=dt.time(17, 0),
        planned_hours=Decimal("3.50"),
    )

    assert derived.planned_hours == Decimal("1.67")
    assert given.planned_hours == Decimal("3.50")


def test_session_ending_before_it_starts_is_refused_by_the_service() -> None:
    role = OpportunityFactory.create()
    coordinator = MembershipFactory.create(organisation=role.organisation, role=Role.COORDINATOR)

    with pytest.raises(ApplicationError) as caught:
        session_create(
            by=coordinator,
            opportunity=role,
            date=TODAY,
            start_time=dt.time(14, 0),
            end_time=dt.time(13, 0),
        )

    assert "end_time" in caught.value.fields


def test_a_role_leaves_the_public_list_at_uk_midnight_after_its_closing_date() -> None:
    role = OpportunityFactory.create(
        closing_date=dt.date(2026, 7, 1), organisation=OrganisationFactory.create()
    )

    with time_machine.travel(dt.datetime(2026, 7, 1, 22, 59, tzinfo=dt.UTC), tick=False):
        assert list(opportunity_list(user=None)) == [role]  # 23:59 BST on 1 July
    with time_machine.travel(dt.datetime(2026, 7, 1, 23, 1, tzinfo=dt.UTC), tick=False):
        assert list(opportunity_list(user=None)) == []  # 00:01 BST on 2 July
