from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from coproduce.api.errors import NotFound

from .models import Notification, NotificationPreference


def notification_list(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    notifications = Notification.objects.filter(user=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-id")


def notification_get(*, user: User, notification_id: int) -> Notification:
    notification = Notification.objects.filter(user=user, pk=notification_id).first()
    if notification is None:
        raise NotFound("There is no notification with that id for you.")
    return notification


def preference_for(*, user: User) -> NotificationPreference:
    """The user's preferences; the defaults (not saved) if they never changed them."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(
        user=user
    )
