from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from coproduce.tasks import enqueue_on_commit

from .models import Notification, NotificationPreference
from .selectors import notification_get, preference_for


def notify(
    *, user: User, kind: str, dedupe_key: str, title: str, body: str, link: str = ""
) -> Notification:
    """Give ``user`` a notification, once: the same ``dedupe_key`` for the same user returns the
    one already made and sends nothing. The e-mail goes out after the caller's transaction
    commits, and only if the person wants e-mails of this kind."""
    try:
        with transaction.atomic():
            notification, created = Notification.objects.get_or_create(
                user=user,
                dedupe_key=dedupe_key,
                defaults={"kind": kind, "title": title, "body": body, "link": link},
            )
    except IntegrityError:  # made by a worker at the same moment
        return Notification.objects.get(user=user, dedupe_key=dedupe_key)
    if created and preference_for(user=user).wants_email(kind):
        enqueue_on_commit("notifications.send_email", notification.pk)
    return notification


def _absolute(link: str) -> str:
    base = str(settings.PUBLIC_BASE_URL).rstrip("/")
    if link.startswith("/") and base:
        return f"{base}{link}"
    return link


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail a notification unless it has been e-mailed already. The row is locked while the
    e-mail is handed over, so a retry or a second copy of the task never sends it twice.
    Returns whether an e-mail was sent. Errors from the mail server propagate (and roll back),
    so the task can try again."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        if not preference_for(user=notification.user).wants_email(notification.kind):
            return False
        body = notification.body
        if notification.link:
            body = f"{body}\n\n{_absolute(notification.link)}"
        body = (
            f"{body}\n\nYou can change which e-mails you get from Coproduce in your "
            "notification settings."
        )
        send_mail(
            subject=notification.title,
            message=body,
            from_email=None,
            recipient_list=[notification.user.email],
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


@transaction.atomic
def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    notification = notification_get(user=user, notification_id=notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notification_preference_set(*, user: User, data: dict[str, Any]) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    if "email_enabled" in data:
        preference.email_enabled = bool(data["email_enabled"])
    if "email_muted_kinds" in data:
        preference.email_muted_kinds = sorted(set(data["email_muted_kinds"]))
    preference.save()
    return preference
