"""Calendar files (.ics, RFC 5545 with the iTIP methods of RFC 5546) sent with e-mails, so a
session booked, moved or cancelled lands in (or leaves) the person's calendar app.

Each session has one UID for its whole life; SEQUENCE goes up with every change, so calendar
apps replace the event they hold instead of adding a second one. Times are written in UTC,
so no time-zone table is needed and a session at 10:00 in London is 10:00 on every phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .email import Attachment

PRODID = "-//Coproduce//Involvement sessions//EN"
Method = Literal["REQUEST", "CANCEL"]


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    start: datetime  # aware
    end: datetime  # aware
    summary: str
    description: str
    location: str
    organiser_name: str
    organiser_email: str
    attendee_email: str
    attendee_name: str = ""


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    return address


def calendar_text(event: CalendarEvent, *, method: Method, now: datetime | None = None) -> str:
    """One event as an iTIP message: METHOD:REQUEST to book or move it, METHOD:CANCEL to take
    it out of the calendar."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    vevent.add("dtstart", event.start.astimezone(UTC))
    vevent.add("dtend", event.end.astimezone(UTC))
    vevent.add("summary", event.summary)
    if event.description:
        vevent.add("description", event.description)
    if event.location:
        vevent.add("location", event.location)
    vevent.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    vevent.add("organizer", _address(event.organiser_email, event.organiser_name))
    attendee = _address(event.attendee_email, event.attendee_name)
    attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
    attendee.params["PARTSTAT"] = vText("ACCEPTED")
    vevent.add("attendee", attendee)
    calendar.add_component(vevent)
    return str(calendar.to_ical().decode("utf-8"))


def ics_attachment(
    event: CalendarEvent, *, method: Method, filename: str, now: datetime | None = None
) -> Attachment:
    return (
        filename,
        calendar_text(event, method=method, now=now),
        f"text/calendar; method={method}; charset=UTF-8",
    )
