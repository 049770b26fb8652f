from __future__ import annotations

from django.conf import settings
from django.db import models


class Notification(models.Model):
    """A message for one person: shown in the app and, unless they opted out, e-mailed once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=60, help_text="What it is about, e.g. threshold_alert.")
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Plain text.")
    link = models.CharField(max_length=500, blank=True)
    dedupe_key = models.CharField(
        max_length=200, help_text="The same key for the same person never makes a second one."
    )
    attachments = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            "Files sent with the e-mail: a list of {filename, content_type, content} with text "
            "content, e.g. a session's .ics."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"], name="notifications_user_dedupe_key_unique"
            ),
        ]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} notification #{self.pk}"


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_enabled = models.BooleanField(default=True)
    email_muted_kinds = models.JSONField(
        default=list, blank=True, help_text="Kinds of notification not to e-mail."
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Notification preferences #{self.pk}"

    def wants_email(self, kind: str) -> bool:
        return self.email_enabled and kind not in (self.email_muted_kinds or [])
