"""How a notification is e-mailed: a plain-text and an escaped HTML part, from the organisation
"via Coproduce" at the configured address, Reply-To the organisation, attachments carried."""

from __future__ import annotations

from email.utils import parseaddr
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from notifications.services import Notice, notify, notify_many
from tests.factories import ContributorFactory

pytestmark = pytest.mark.django_db


def html_of(message: object) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return str(html)


def test_an_email_has_a_text_part_and_an_html_part_with_the_link(
    django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.PUBLIC_BASE_URL = "https://coproduce.example.org"
    user = ContributorFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user=user,
            kind="fee_paid",
            dedupe_key="k",
            title="Northfield has paid you £25.00",
            body="Your fee was paid.\n\nIt can take a few days to reach you.",
            link="/me/earnings",
            sender_name="Northfield NHS Trust",
        )

    [message] = mail.outbox
    assert message.subject == "Northfield has paid you £25.00"
    assert "Your fee was paid." in message.body
    assert "https://coproduce.example.org/me/earnings" in message.body
    assert "https://coproduce.example.org/me/notification-settings" in message.body
    html = html_of(message)
    assert '<a href="https://coproduce.example.org/me/earnings"' in html
    assert '<p style="margin:0 0 20px;">It can take a few days to reach you.</p>' in html
    assert "Sent by Coproduce for Northfield NHS Trust" in html
    assert message.reply_to == []


def test_the_html_part_escapes_what_it_is_given(django_capture_on_commit_callbacks: Any) -> None:
    user = ContributorFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user=user,
            kind="application_declined",
            dedupe_key="k",
            title="About <script>",
            body='They said: <img src=x onerror="alert(1)">',
            sender_name="Bad & <Co>",
        )

    html = html_of(mail.outbox[0])
    assert "<script>" not in html and "<img" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "Bad &amp; &lt;Co&gt;" in html
    assert '<img src=x onerror="alert(1)">' in mail.outbox[0].body  # plain text is not HTML


def test_the_sender_is_the_organisation_via_coproduce_at_the_configured_address(
    django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.DEFAULT_FROM_EMAIL = "Coproduce <noreply@coproduce.example.org>"
    user = ContributorFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        notify_many(
            [
                Notice(
                    user_id=user.pk,
                    kind="fee_approved",
                    dedupe_key="a",
                    title="Approved",
                    body="b",
                    sender_name="St. Mary's, Northfield\r\nBcc: x@example.org",
                    reply_to="contact@stmarys.example.org",
                ),
                Notice(
                    user_id=user.pk, kind="threshold_alert", dedupe_key="b", title="T", body="b"
                ),
            ]
        )

    by_subject = {m.subject: m for m in mail.outbox}
    approved = by_subject["Approved"]
    assert parseaddr(approved.from_email) == (
        "St. Mary's, Northfield Bcc: x@example.org via Coproduce",
        "noreply@coproduce.example.org",
    )
    assert approved.from_email.startswith('"')  # quoted: the comma is part of the name
    assert approved.reply_to == ["contact@stmarys.example.org"]
    assert approved.bcc == []
    assert "Bcc" not in str(approved.message()["To"])
    assert parseaddr(by_subject["T"].from_email) == ("Coproduce", "noreply@coproduce.example.org")


def test_attachments_travel_with_the_email(django_capture_on_commit_callbacks: Any) -> None:
    user = ContributorFactory.create()
    invite = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user=user,
            kind="session_booked",
            dedupe_key="k",
            title="Booked",
            body="b",
            attachments=[("session.ics", invite, "text/calendar")],
        )

    [message] = mail.outbox
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("session.ics", "text/calendar")
    assert content == invite
