from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .models import ThresholdRule


@admin.register(ThresholdRule)
class ThresholdRuleAdmin(SimpleHistoryAdmin):
    """Platform admins keep the rules up to date each April: add a new row with the new figure
    and its effective dates, and set the last day of the old row; never change a past figure."""

    list_display = [
        "code",
        "benefit",
        "limit",
        "period_kind",
        "effective_from",
        "effective_to",
        "status",
        "vouchers_count",
    ]
    list_filter = ["benefit", "period_kind", "status", "applies_by"]
    search_fields = ["code", "title", "source_title"]
    date_hierarchy = "effective_from"
    readonly_fields = ["created_at", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("code", "title", "benefit", "status", "data_version")}),
        (
            "The limit",
            {"fields": ("limit", "period_kind", "effective_from", "effective_to", "applies_by")},
        ),
        ("What counts", {"fields": ("vouchers_count", "note")}),
        ("Plain English", {"fields": ("purpose", "consequence")}),
        ("Source", {"fields": ("source_title", "source_url")}),
        ("Dates", {"fields": ("created_at", "updated_at")}),
    )
