from django.contrib import admin
from django.http import HttpRequest

from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: notifications can carry personal details, so they are not edited here."""

    list_display = ["id", "user", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["user__email", "dedupe_key"]
    readonly_fields = [
        "user",
        "kind",
        "title",
        "body",
        "link",
        "dedupe_key",
        "created_at",
        "read_at",
        "emailed_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_enabled", "updated_at"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user"]
