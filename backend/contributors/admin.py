"""Contributor profiles are in the admin (for letters and support). Benefit circumstances are
deliberately NOT registered: they are private to the contributor, and the platform admin has no
task that needs them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ContributorProfile


@admin.register(ContributorProfile)
class ContributorProfileAdmin(SimpleHistoryAdmin):
    list_display = ["user", "preferred_name", "town", "contact_preference", "share_headroom"]
    list_filter = ["contact_preference", "share_headroom"]
    search_fields = ["user__email", "preferred_name", "postcode"]
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at", "updated_at"]
