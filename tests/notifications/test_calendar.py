"""The .ics files sent with session notices, read back as a calendar app would."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from notifications.calendar import CalendarEvent, calendar_text, ics_attachment

LONDON = ZoneInfo("Europe/London")


def _event(**changes: object) -> CalendarEvent:
    values: dict[str, object] = {
        "uid": "session-7@coproduce.example",
        "sequence": 2,
        "start": datetime(2026, 7, 1, 10, 0, tzinfo=LONDON),  # BST: 09:00 UTC
        "end": datetime(2026, 7, 1, 12, 30, tzinfo=LONDON),
        "summary": "Advisory group, Northfield Mind",
        "description": "Bring your ideas; we'll have tea, biscuits\nand a quiet room.",
        "location": "Room 1, Town Hall; ground floor",
        "organiser_name": "Northfield Mind",
        "organiser_email": "hello@northfield.example",
        "attendee_email": "sam@example.org",
        "attendee_name": "Sam Reed",
        **changes,
    }
    return CalendarEvent(**values)  # type: ignore[arg-type]


NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def test_a_request_reads_back_with_its_uid_sequence_times_and_escaped_text() -> None:
    text = calendar_text(_event(), method="REQUEST", now=NOW)

    calendar = Calendar.from_ical(text)
    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert str(event["UID"]) == "session-7@coproduce.example"
    assert event["SEQUENCE"] == 2
    assert event.decoded("DTSTART") == datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 7, 1, 11, 30, tzinfo=UTC)
    assert event.decoded("DTSTAMP") == NOW
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == "Room 1, Town Hall; ground floor"
    assert str(event["DESCRIPTION"]) == _event().description
    assert str(event["ORGANIZER"]) == "mailto:hello@northfield.example"
    assert event["ORGANIZER"].params["CN"] == "Northfield Mind"
    assert str(event["ATTENDEE"]) == "mailto:sam@example.org"
    # RFC 5545: CRLF line ends, commas and semicolons escaped, no line over 75 octets.
    assert "\r\n" in text
    assert "LOCATION:Room 1\\, Town Hall\\; ground floor" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_a_cancel_says_cancelled_for_the_same_uid() -> None:
    filename, content, mimetype = ics_attachment(
        _event(sequence=3), method="CANCEL", filename="session.ics", now=NOW
    )

    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert mimetype == "text/calendar; method=CANCEL; charset=UTF-8"
    assert filename.endswith(".ics")
    assert "METHOD:CANCEL" in content
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == "session-7@coproduce.example"
    assert event["SEQUENCE"] == 3
