"""Changing, moving and cancelling a role's sessions; the people booked are told, with an .ics."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Notification, NotificationPreference
from notifications.services import notification_email_send
from opportunities.models import Session, SessionStatus
from organisations.models import Role
from tests.factories import ContributorFactory

from .bodies import ClientFor, MemberOf
from .factories import (
    AttendanceFactory,
    EngagementFactory,
    OpportunityFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _url(session: Session, tail: str = "") -> str:
    return f"/api/v1/opportunities/{session.opportunity_id}/sessions/{session.pk}/{tail}"


@pytest.fixture
def booked(member_of: MemberOf) -> dict[str, Any]:
    coordinator = member_of(Role.COORDINATOR)
    opportunity = OpportunityFactory.create(organisation=coordinator.organisation)
    session = SessionFactory.create(opportunity=opportunity)
    engagement = EngagementFactory.create(
        application__opportunity=opportunity, application__contributor=ContributorFactory()
    )
    return {"coordinator": coordinator, "session": session, "engagement": engagement}


def test_moving_a_session_tells_the_people_booked_with_an_updated_calendar_file(
    client_for: ClientFor, booked: dict[str, Any]
) -> None:
    session, person = booked["session"], booked["engagement"].contributor
    new_day = timezone.localdate() + dt.timedelta(days=10)

    response = client_for(booked["coordinator"].user).patch(
        _url(session),
        {"date": new_day.isoformat(), "start_time": "14:00", "end_time": "16:30"},
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["date"] == new_day.isoformat()
    assert body["planned_hours"] == "2.50"  # follows the new times
    session.refresh_from_db()
    assert session.sequence == 1
    notice = Notification.objects.get(user=person, kind="session_moved")
    assert notice.link == "/me/roles"
    assert f"{new_day:%B}" in notice.body
    (attachment,) = notice.attachments
    assert attachment["mimetype"].startswith("text/calendar; method=REQUEST")
    ics = attachment["content"]
    assert "METHOD:REQUEST" in ics
    assert f"UID:session-{session.pk}@" in ics
    assert "SEQUENCE:1" in ics


def test_changing_only_the_hours_moves_nothing_and_tells_no_one(
    client_for: ClientFor, booked: dict[str, Any]
) -> None:
    session = booked["session"]

    response = client_for(booked["coordinator"].user).patch(
        _url(session), {"planned_hours": "1.50"}, format="json"
    )

    assert response.status_code == 200
    session.refresh_from_db()
    assert (session.planned_hours, session.sequence) == (Decimal("1.50"), 0)
    assert not Notification.objects.filter(kind="session_moved").exists()


def test_a_move_is_told_once_per_change(client_for: ClientFor, booked: dict[str, Any]) -> None:
    session, client = booked["session"], client_for(booked["coordinator"].user)

    client.patch(_url(session), {"location": "Room 2"}, format="json")
    client.patch(_url(session), {"location": "Room 2"}, format="json")  # no change: no move
    client.patch(_url(session), {"location": "Room 3"}, format="json")

    sequences = sorted(
        n.attachments[0]["content"].split("SEQUENCE:")[1].split("\r\n")[0]
        for n in Notification.objects.filter(kind="session_moved")
    )
    assert sequences == ["1", "2"]


def test_cancelling_needs_a_reason_then_tells_people_and_stops_counting(
    client_for: ClientFor, booked: dict[str, Any]
) -> None:
    session, person = booked["session"], booked["engagement"].contributor
    client = client_for(booked["coordinator"].user)

    missing = client.post(_url(session, "cancel/"), {}, format="json")
    blank = client.post(_url(session, "cancel/"), {"reason": "  "}, format="json")
    response = client.post(_url(session, "cancel/"), {"reason": "The room flooded."}, format="json")

    assert missing.status_code == 400
    assert missing.json()["fields"]["reason"] == ["Enter why the session is cancelled."]
    assert blank.status_code == 400
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert response.json()["cancelled_reason"] == "The room flooded."
    assert not Session.objects.filter(pk=session.pk).exists()  # forecasts start here
    assert Session.all_objects.get(pk=session.pk).status == SessionStatus.CANCELLED
    notice = Notification.objects.get(user=person, kind="session_cancelled")
    assert "The room flooded." in notice.body
    ics = notice.attachments[0]["content"]
    assert "METHOD:CANCEL" in ics
    assert "STATUS:CANCELLED" in ics
    assert "SEQUENCE:1" in ics
    # Members still see it, marked cancelled; the public no longer does.
    listed = client.get(f"/api/v1/opportunities/{session.opportunity_id}/sessions/").json()
    assert [s["status"] for s in listed["results"]] == ["cancelled"]
    public = client_for(ContributorFactory.create()).get(
        f"/api/v1/opportunities/{session.opportunity_id}/sessions/"
    )
    assert public.json()["results"] == []
    again = client.post(_url(session, "cancel/"), {"reason": "Again"}, format="json")
    assert again.status_code == 409
    moved = client.patch(_url(session), {"location": "Room 9"}, format="json")
    assert moved.status_code == 409


def test_a_session_with_attendance_logged_cannot_be_moved_or_cancelled(
    client_for: ClientFor, booked: dict[str, Any]
) -> None:
    session = booked["session"]
    AttendanceFactory.create(engagement=booked["engagement"], session=session, date=session.date)
    client = client_for(booked["coordinator"].user)

    assert client.patch(_url(session), {"location": "Hall"}, format="json").status_code == 409
    cancel = client.post(_url(session, "cancel/"), {"reason": "No"}, format="json")
    assert cancel.status_code == 409


def test_bad_session_changes_are_400s_with_field_messages(
    client_for: ClientFor, booked: dict[str, Any]
) -> None:
    session, client = booked["session"], client_for(booked["coordinator"].user)

    backwards = client.patch(_url(session), {"end_time": "09:00"}, format="json")
    unknown = client.patch(_url(session), {"colour": "red"}, format="json")
    html = client.patch(_url(session), {"location": "<b>Hall</b>"}, format="json")

    assert backwards.status_code == 400
    assert backwards.json()["fields"]["end_time"] == ["Choose an end time after the start time."]
    assert unknown.status_code == 400
    assert "colour" in unknown.json()["fields"]
    assert html.status_code == 400
    assert "location" in html.json()["fields"]


def test_other_organisations_get_404_and_other_roles_403(
    client_for: ClientFor, booked: dict[str, Any], member_of: MemberOf
) -> None:
    session = booked["session"]
    stranger = member_of(Role.COORDINATOR, org=OpportunityFactory.create().organisation)
    finance = member_of(Role.FINANCE)

    for user in (stranger.user, booked["engagement"].contributor):
        client = client_for(user)
        assert client.patch(_url(session), {"location": "X"}, format="json").status_code == 404
        assert client.post(_url(session, "cancel/"), {"reason": "X"}).status_code == 404
        assert client.get(_url(session)).status_code == 404
    client = client_for(finance.user)
    assert client.get(_url(session)).status_code == 200
    assert client.patch(_url(session), {"location": "X"}, format="json").status_code == 403
    assert client.post(_url(session, "cancel/"), {"reason": "X"}).status_code == 403


def test_the_cancel_email_carries_the_calendar_file(
    client_for: ClientFor, booked: dict[str, Any]
) -> None:
    session, person = booked["session"], booked["engagement"].contributor
    client_for(booked["coordinator"].user).post(
        _url(session, "cancel/"), {"reason": "Illness."}, format="json"
    )
    notice = Notification.objects.get(user=person, kind="session_cancelled")

    assert notification_email_send(notification_id=notice.pk) is True

    (message,) = mail.outbox
    assert message.to == [person.email]
    ((filename, content, mimetype),) = message.attachments
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar; method=CANCEL; charset=UTF-8"
    assert "METHOD:CANCEL" in content


def test_people_who_muted_session_emails_get_the_notice_in_the_app_only(
    client_for: ClientFor, booked: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    session, person = booked["session"], booked["engagement"].contributor
    NotificationPreference.objects.create(user=person, email_muted_kinds=["session_cancelled"])

    with django_capture_on_commit_callbacks(execute=True):
        client_for(booked["coordinator"].user).post(
            _url(session, "cancel/"), {"reason": "Illness."}, format="json"
        )

    assert Notification.objects.filter(user=person, kind="session_cancelled").exists()
    assert mail.outbox == []


def test_a_new_session_on_a_role_people_are_on_is_booked_for_them(
    client_for: ClientFor, booked: dict[str, Any]
) -> None:
    opportunity = booked["session"].opportunity
    response = client_for(booked["coordinator"].user).post(
        f"/api/v1/opportunities/{opportunity.pk}/sessions/",
        {
            "date": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
        },
        format="json",
    )

    assert response.status_code == 201
    notice = Notification.objects.get(user=booked["engagement"].contributor, kind="session_booked")
    assert "METHOD:REQUEST" in notice.attachments[0]["content"]
    assert f"UID:session-{response.json()['id']}@" in notice.attachments[0]["content"]
