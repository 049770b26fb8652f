from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import Application, Attendance, Engagement, Opportunity, PayRate, Session

# Online links are https unless a scheme is given (Django 6's default, chosen now).
_URL_HTTPS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    formfield_overrides = _URL_HTTPS


@admin.register(Opportunity)
class OpportunityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "involvement_type", "status", "places", "closing_date"]
    list_filter = ["status", "involvement_type", "is_remote"]
    search_fields = ["title", "summary", "organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created_by", "created_at", "updated_at", "published_at", "closed_at"]
    inlines = [SessionInline]


@admin.register(PayRate)
class PayRateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "amount", "unit", "is_default"]
    list_filter = ["unit", "is_default"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    formfield_overrides = _URL_HTTPS
    list_display = ["opportunity", "date", "start_time", "end_time", "planned_hours", "status"]
    list_filter = ["status", "date"]
    search_fields = ["opportunity__title"]
    autocomplete_fields = ["opportunity"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Session]:
        return Session.all_objects.all()  # cancelled sessions too


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["opportunity", "contributor", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["opportunity__title", "contributor__email"]
    autocomplete_fields = ["opportunity", "contributor"]
    readonly_fields = ["decided_by", "decided_at", "created_at", "updated_at"]


@admin.register(Engagement)
class EngagementAdmin(SimpleHistoryAdmin):
    list_display = ["opportunity", "contributor", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["opportunity__title", "contributor__email"]
    autocomplete_fields = ["opportunity", "contributor", "application"]
    readonly_fields = ["created_at", "updated_at", "withdrawn_at", "completed_at"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["engagement", "date", "hours", "offered_amount", "logged_by"]
    list_filter = ["date"]
    search_fields = ["engagement__opportunity__title", "engagement__contributor__email"]
    readonly_fields = ["offered_amount", "logged_by", "created_at"]
    raw_id_fields = ["engagement", "session"]
