from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from coproduce.tasks import enqueue_many_on_commit, enqueue_on_commit

from .models import Notification, NotificationPreference
from .selectors import notification_get, preference_for

Attachment = dict[str, str]  # {"filename", "content_type", "content"}: text files only


def notify(
    *,
    user: User,
    kind: str,
    dedupe_key: str,
    title: str,
    body: str,
    link: str = "",
    attachments: list[Attachment] | None = None,
) -> Notification:
    """Give ``user`` a notification, once: the same ``dedupe_key`` for the same user returns the
    one already made and sends nothing. The e-mail goes out after the caller's transaction
    commits, and only if the person wants e-mails of this kind."""
    try:
        with transaction.atomic():
            notification, created = Notification.objects.get_or_create(
                user=user,
                dedupe_key=dedupe_key,
                defaults={
                    "kind": kind,
                    "title": title,
                    "body": body,
                    "link": link,
                    "attachments": attachments or [],
                },
            )
    except IntegrityError:  # made by a worker at the same moment
        return Notification.objects.get(user=user, dedupe_key=dedupe_key)
    if created and preference_for(user=user).wants_email(kind):
        enqueue_on_commit("notifications.send_email", notification.pk)
    return notification


@dataclass(frozen=True)
class Notice:
    """One notification to give, for notify_many."""

    user_id: int
    kind: str
    dedupe_key: str
    title: str
    body: str
    link: str = ""
    attachments: tuple[Attachment, ...] = ()


def notify_many(notices: list[Notice]) -> int:
    """``notify`` for many people at once, in a fixed number of queries: the notifications not
    made before (same user and dedupe key) are inserted together, and each one's e-mail is
    queued as its own task (for those who want e-mails of that kind) after the caller's
    transaction commits. Returns how many were made."""
    if not notices:
        return 0
    user_ids = sorted({n.user_id for n in notices})
    keys = {n.dedupe_key for n in notices}
    existing = set(
        Notification.objects.filter(user_id__in=user_ids, dedupe_key__in=keys).values_list(
            "user_id", "dedupe_key"
        )
    )
    fresh: dict[tuple[int, str], Notice] = {}
    for n in notices:
        if (n.user_id, n.dedupe_key) not in existing:
            fresh.setdefault((n.user_id, n.dedupe_key), n)
    if not fresh:
        return 0
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=n.user_id,
                kind=n.kind,
                dedupe_key=n.dedupe_key,
                title=n.title,
                body=n.body,
                link=n.link,
                attachments=list(n.attachments),
            )
            for n in fresh.values()
        ],
        ignore_conflicts=True,  # made by a worker at the same moment: theirs stands
    )
    preferences = {
        p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=user_ids)
    }
    made = Notification.objects.filter(
        user_id__in=user_ids, dedupe_key__in=keys, emailed_at__isnull=True
    ).values_list("pk", "user_id", "dedupe_key", "kind")
    to_email = [
        [pk]
        for pk, user_id, key, kind in made
        if (user_id, key) in fresh
        and preferences.get(user_id, NotificationPreference()).wants_email(kind)
    ]
    enqueue_many_on_commit("notifications.send_email", to_email)
    return len(fresh)


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
        if notification.attachments:
            message = EmailMessage(
                subject=notification.title, body=body, to=[notification.user.email]
            )
            for attachment in notification.attachments:
                message.attach(
                    attachment["filename"], attachment["content"], attachment["content_type"]
                )
            message.send()
        else:
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
