"""Notifications from applications and sessions: who gets them, where they link, once only,
and each person's e-mail settings."""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr
from typing import Any

import pytest
import time_machine
from django.core import mail

from accounts.models import User
from notifications.models import Notification, NotificationPreference
from opportunities.applications.services import (
    application_accept,
    application_decline,
    application_submit,
)
from opportunities.models import EngagementStatus
from opportunities.notices import application_declined_notify, session_reminders_send
from opportunities.tasks import send_session_reminders
from organisations.models import Membership, Role
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory
from tests.opportunities.factories import (
    ApplicationFactory,
    EngagementFactory,
    OpportunityFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _mail_to(user: User) -> list[Any]:
    return [message for message in mail.outbox if message.to == [user.email]]


@pytest.fixture
def staff() -> dict[str, Membership]:
    organisation = OrganisationFactory.create(
        name="Northfield NHS Trust", contact_email="involvement@northfield.example.org"
    )
    return {
        role: MembershipFactory.create(organisation=organisation, role=role)
        for role in (Role.OWNER, Role.ADMIN, Role.COORDINATOR, Role.FINANCE, Role.VIEWER)
    }


def test_an_application_tells_the_coordinators_admins_and_owners_once(
    staff: dict[str, Membership], django_capture_on_commit_callbacks: Any
) -> None:
    organisation = staff[Role.COORDINATOR].organisation
    opportunity = OpportunityFactory.create(organisation=organisation, title="Ward design group")
    contributor = ContributorFactory.create(full_name="Robin Applicant")

    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(
            contributor=contributor, opportunity=opportunity, statement="I would like to help."
        )

    told = Notification.objects.filter(kind="application_received")
    assert {n.user_id for n in told} == {
        staff[role].user_id for role in (Role.OWNER, Role.ADMIN, Role.COORDINATOR)
    }
    note = told.first()
    assert note is not None
    assert note.link == f"/organisations/{organisation.pk}/applications/{application.pk}"
    assert "Robin Applicant has applied for Ward design group" in note.body
    message = _mail_to(staff[Role.COORDINATOR].user)[0]
    assert parseaddr(message.from_email) == (
        "Northfield NHS Trust via Coproduce",
        "no-reply@coproduce.local",
    )
    assert message.reply_to == ["involvement@northfield.example.org"]
    assert _mail_to(staff[Role.FINANCE].user) == []
    assert _mail_to(contributor) == []


def test_a_coordinator_who_muted_applications_sees_them_but_gets_no_email(
    staff: dict[str, Membership], django_capture_on_commit_callbacks: Any
) -> None:
    coordinator = staff[Role.COORDINATOR].user
    NotificationPreference.objects.create(
        user=coordinator, email_muted_kinds=["application_received"]
    )
    opportunity = OpportunityFactory.create(organisation=staff[Role.COORDINATOR].organisation)

    with django_capture_on_commit_callbacks(execute=True):
        application_submit(
            contributor=ContributorFactory.create(), opportunity=opportunity, statement="Hello."
        )

    assert Notification.objects.filter(user=coordinator, kind="application_received").exists()
    assert _mail_to(coordinator) == []
    assert len(_mail_to(staff[Role.OWNER].user)) == 1


def test_accepting_tells_the_contributor_with_a_link_to_their_roles(
    staff: dict[str, Membership], django_capture_on_commit_callbacks: Any
) -> None:
    application = ApplicationFactory.create(
        opportunity__organisation=staff[Role.COORDINATOR].organisation,
        opportunity__title="Ward design group",
    )

    with django_capture_on_commit_callbacks(execute=True):
        application_accept(by=staff[Role.COORDINATOR], application=application)

    note = Notification.objects.get(user=application.contributor)
    assert note.kind == "application_accepted"
    assert note.title == "You have a place on Ward design group"
    assert note.link == "/me/roles"
    assert len(_mail_to(application.contributor)) == 1


def test_declining_tells_the_contributor_once_and_not_by_email_if_they_turned_email_off(
    staff: dict[str, Membership], django_capture_on_commit_callbacks: Any
) -> None:
    application = ApplicationFactory.create(
        opportunity__organisation=staff[Role.COORDINATOR].organisation
    )
    NotificationPreference.objects.create(user=application.contributor, email_enabled=False)

    with django_capture_on_commit_callbacks(execute=True):
        application_decline(by=staff[Role.COORDINATOR], application=application)
        application_declined_notify(application=application)  # a repeat makes nothing new

    note = Notification.objects.get(user=application.contributor)
    assert note.kind == "application_declined"
    assert "will not be offering you a place" in note.body
    assert _mail_to(application.contributor) == []


def test_the_decline_message_is_included_and_escaped_in_the_html(
    staff: dict[str, Membership], django_capture_on_commit_callbacks: Any
) -> None:
    application = ApplicationFactory.create(
        opportunity__organisation=staff[Role.COORDINATOR].organisation
    )

    with django_capture_on_commit_callbacks(execute=True):
        application_declined_notify(
            application=application, message="We had <b>many</b> applicants. Please apply again."
        )

    note = Notification.objects.get(user=application.contributor)
    assert "They said: We had <b>many</b> applicants. Please apply again." in note.body
    message = _mail_to(application.contributor)[0]
    html = message.alternatives[0][0]
    assert "We had &lt;b&gt;many&lt;/b&gt; applicants" in html
    assert "<b>many</b>" not in html


TOMORROW = dt.date(2026, 6, 12)


@time_machine.travel(dt.datetime(2026, 6, 10, 23, 30, tzinfo=dt.UTC), tick=False)
def test_reminders_go_to_people_booked_on_sessions_tomorrow_in_london_once(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # 23:30 UTC on 10 June is 00:30 on 11 June in London (summer time): tomorrow is the 12th.
    tomorrow = SessionFactory.create(date=TOMORROW, start_time=dt.time(10, 0))
    booked = EngagementFactory.create(application__opportunity=tomorrow.opportunity)
    withdrawn = EngagementFactory.create(
        application__opportunity=tomorrow.opportunity, status=EngagementStatus.WITHDRAWN
    )
    tomorrow_in_utc = SessionFactory.create(date=TOMORROW - dt.timedelta(days=1))
    booked_today = EngagementFactory.create(application__opportunity=tomorrow_in_utc.opportunity)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders() == 0

    note = Notification.objects.get(kind="session_reminder")
    assert note.user_id == booked.contributor_id
    assert note.link == "/me/roles"
    assert "Friday 12 June from 10:00 to 12:00" in note.body
    assert "Where: Room 1." in note.body
    assert "Join online: https://meet.example.org/room" in note.body
    assert len(_mail_to(booked.contributor)) == 1
    assert not Notification.objects.filter(user=withdrawn.contributor).exists()
    assert not Notification.objects.filter(user=booked_today.contributor).exists()


def test_reminders_follow_a_session_that_moved_to_another_day() -> None:
    session = SessionFactory.create(date=TOMORROW)
    engagement = EngagementFactory.create(application__opportunity=session.opportunity)
    assert session_reminders_send(on=TOMORROW - dt.timedelta(days=1)) == 1

    session.date = TOMORROW + dt.timedelta(days=7)
    session.save()

    assert session_reminders_send(on=session.date - dt.timedelta(days=1)) == 1
    assert Notification.objects.filter(user=engagement.contributor).count() == 2


def test_no_reminders_when_no_session_is_tomorrow() -> None:
    SessionFactory.create(date=TOMORROW)

    assert session_reminders_send(on=TOMORROW) == 0
    assert not Notification.objects.exists()
