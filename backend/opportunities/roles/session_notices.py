"""Telling the people booked on a role that a session was booked, moved or cancelled: in the
app and by e-mail, each with the session's .ics so it lands in (or leaves) their calendar.

Everyone with an active engagement on the role is booked on each of its sessions. Each notice
is made once (its dedupe key names the session and, for a move, the session's sequence) and
the e-mail goes only to people who want e-mails of that kind."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from notifications.calendar import CalendarEvent, Method, ics_attachment
from notifications.email import Attachment
from notifications.kinds import NotificationKind
from notifications.services import Notice, notify_many

from ..models import Engagement, EngagementStatus, Opportunity, Session

LONDON = ZoneInfo("Europe/London")
LINK = "/me/roles"

KIND_BOOKED = NotificationKind.SESSION_BOOKED
KIND_MOVED = NotificationKind.SESSION_MOVED
KIND_CANCELLED = NotificationKind.SESSION_CANCELLED


def session_uid(session: Session) -> str:
    """The same for the session's whole life, so calendar apps update the one event; the same
    as the portal's "add to calendar" file (frontend/src/features/roles/hooks/calendar.ts), so
    a session added from there is the one event these notices update or cancel."""
    return f"session-{session.pk}@coproduce"


def _when(session: Session) -> str:
    day = session.date
    return f"{day:%A} {day.day} {day:%B %Y}, {session.start_time:%H:%M} to {session.end_time:%H:%M}"


def _place(session: Session) -> str:
    return session.location or ("Online" if session.online_link else "")


def _event(session: Session, opportunity: Opportunity, person: User) -> CalendarEvent:
    organisation = opportunity.organisation
    details = [opportunity.summary]
    if session.online_link:
        details.append(f"Join online: {session.online_link}")
    details.append(f"Organised by {organisation.name}.")
    return CalendarEvent(
        uid=session_uid(session),
        sequence=session.sequence,
        start=datetime.combine(session.date, session.start_time, tzinfo=LONDON),
        end=datetime.combine(session.date, session.end_time, tzinfo=LONDON),
        summary=f"{opportunity.title} ({organisation.name})",
        description="\n".join(details),
        location=session.location or session.online_link,
        organiser_name=organisation.name,
        organiser_email=organisation.contact_email or str(settings.DEFAULT_FROM_EMAIL),
        attendee_email=person.email,
        attendee_name=person.full_name,
    )


def _attachment(
    session: Session, opportunity: Opportunity, person: User, method: Method
) -> Attachment:
    return ics_attachment(
        _event(session, opportunity, person),
        method=method,
        filename=f"session-{session.date:%Y-%m-%d}.ics",
    )


def booked_people(opportunity: Opportunity) -> list[User]:
    return [
        engagement.contributor
        for engagement in Engagement.objects.filter(
            opportunity=opportunity, status=EngagementStatus.ACTIVE
        )
        .select_related("contributor")
        .order_by("pk")
    ]


def _tell_everyone_booked(
    session: Session, *, kind: str, dedupe_key: str, title: str, body: str, method: Method
) -> int:
    """One notice to each person booked on the session's role, each with their calendar file."""
    opportunity = session.opportunity
    organisation = opportunity.organisation
    return notify_many(
        [
            Notice(
                user_id=person.pk,
                kind=kind,
                dedupe_key=dedupe_key,
                title=title,
                body=body,
                link=LINK,
                sender_name=organisation.name,
                reply_to=organisation.contact_email,
                attachments=(_attachment(session, opportunity, person, method),),
            )
            for person in booked_people(opportunity)
        ]
    )


def notify_session_added(session: Session) -> int:
    """A new session on a role people are already booked on."""
    opportunity = session.opportunity
    return _tell_everyone_booked(
        session,
        kind=KIND_BOOKED,
        dedupe_key=f"session-booked:{session.pk}",
        title=f"New session booked: {opportunity.title}",
        body=(
            f"{opportunity.organisation.name} added a session to {opportunity.title}: "
            f"{describe_when(session)}. The calendar file attached adds it to your calendar."
        ),
        method="REQUEST",
    )


def notify_place_booked(engagement: Engagement) -> int:
    """An accepted application: the person is told of every upcoming session, with a
    calendar file for each."""
    opportunity = engagement.opportunity
    person = engagement.contributor
    sessions = list(
        Session.objects.filter(opportunity=opportunity, date__gte=timezone.localdate()).order_by(
            "date", "start_time", "id"
        )
    )
    if not sessions:
        return 0
    lines = [f"- {describe_when(s)}" for s in sessions]
    body = (
        f"You are booked on {opportunity.title} with {opportunity.organisation.name}. "
        f"Your sessions:\n" + "\n".join(lines) + "\n\nThe calendar files attached add them "
        "to your calendar."
    )
    return notify_many(
        [
            Notice(
                user_id=person.pk,
                kind=KIND_BOOKED,
                dedupe_key=f"sessions-booked:engagement:{engagement.pk}",
                title=f"Sessions booked: {opportunity.title}",
                body=body,
                link=LINK,
                sender_name=opportunity.organisation.name,
                reply_to=opportunity.organisation.contact_email,
                attachments=tuple(_attachment(s, opportunity, person, "REQUEST") for s in sessions),
            )
        ]
    )


def notify_session_moved(session: Session, *, before: str) -> int:
    opportunity = session.opportunity
    return _tell_everyone_booked(
        session,
        kind=KIND_MOVED,
        dedupe_key=f"session-moved:{session.pk}:{session.sequence}",
        title=f"Session moved: {opportunity.title}",
        body=(
            f"{opportunity.organisation.name} moved a session of {opportunity.title}. "
            f"It was {before}. It is now {describe_when(session)}. "
            "The calendar file attached updates your calendar."
        ),
        method="REQUEST",
    )


def notify_session_cancelled(session: Session) -> int:
    opportunity = session.opportunity
    return _tell_everyone_booked(
        session,
        kind=KIND_CANCELLED,
        dedupe_key=f"session-cancelled:{session.pk}",
        title=f"Session cancelled: {opportunity.title}",
        body=(
            f"{opportunity.organisation.name} cancelled the session of {opportunity.title} on "
            f"{_when(session)}. They said: {session.cancelled_reason}\n\n"
            "The calendar file attached takes it out of your calendar."
        ),
        method="CANCEL",
    )


def describe_when(session: Session) -> str:
    place = _place(session)
    return _when(session) + (f", {place}" if place else "")
