from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Letter


@admin.register(Letter)
class LetterAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "kind", "organisation", "status", "issued_at", "revoked_at"]
    list_filter = ["kind", "status"]
    search_fields = ["reference", "organisation__name", "contributor__email"]
    readonly_fields = [
        "reference",
        "kind",
        "organisation",
        "contributor",
        "period_start",
        "period_end",
        "snapshot",
        "template_version",
        "status",
        "supersedes",
        "pdf",
        "sha256",
        "requested_by",
        "issued_by",
        "issued_at",
        "revoked_at",
        "revoked_reason",
        "revoked_by",
        "render_attempts",
        "last_error",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
