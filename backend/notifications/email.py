"""How a notification looks as an e-mail: an HTML part and a plain-text part from Django
templates (the HTML one escapes everything it is given), from "<organisation> via Coproduce" at
the address in ``DEFAULT_FROM_EMAIL``, with replies going to the organisation's contact
address when it has one, and any attachments (a calendar invitation) the notification carries."""

from __future__ import annotations

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from .models import Notification

SERVICE_NAME = "Coproduce"
SETTINGS_PATH = "/me/notification-settings"

# (filename, content, mimetype): a text file sent with the e-mail.
Attachment = tuple[str, str, str]


def absolute_url(link: str) -> str:
    base = str(settings.PUBLIC_BASE_URL).rstrip("/")
    if link.startswith("/") and base:
        return f"{base}{link}"
    return link


def _one_line(text: str) -> str:
    """Header values never carry a line break (no header injection through a name)."""
    return " ".join(text.split())


def sender_address(sender_name: str) -> str:
    """``"Northfield NHS Trust via Coproduce" <noreply@...>``; just the service's name when
    the notification is not from an organisation."""
    _, address = parseaddr(str(settings.DEFAULT_FROM_EMAIL))
    name = _one_line(sender_name)
    display = f"{name} via {SERVICE_NAME}" if name else SERVICE_NAME
    return formataddr((display, address))


def notification_message(notification: Notification) -> EmailMultiAlternatives:
    context = {
        "title": notification.title,
        "paragraphs": [part.strip() for part in notification.body.split("\n\n") if part.strip()],
        "link": absolute_url(notification.link) if notification.link else "",
        "settings_link": absolute_url(SETTINGS_PATH),
        "sender_name": _one_line(notification.sender_name),
    }
    message = EmailMultiAlternatives(
        subject=_one_line(notification.title),
        body=render_to_string("notifications/email.txt", context),
        from_email=sender_address(notification.sender_name),
        to=[notification.user.email],
        reply_to=[notification.reply_to] if notification.reply_to else None,
    )
    message.attach_alternative(render_to_string("notifications/email.html", context), "text/html")
    for attachment in notification.attachments or []:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message
