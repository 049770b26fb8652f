from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import User

from .models import Invitation, Membership, Organisation
from .services import organisation_unverify, organisation_verify


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "is_verified", "verified_at", "created_at"]
    list_filter = ["kind", ("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug", "contact_email"]
    readonly_fields = ["verified_at", "verified_by", "created_at", "updated_at"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    actions = ["verify", "unverify"]

    @admin.display(boolean=True, description="Verified")
    def is_verified(self, obj: Organisation) -> bool:
        return obj.is_verified

    @admin.action(description="Verify the selected organisations", permissions=["change"])
    def verify(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        assert isinstance(request.user, User)  # noqa: S101 - admin requires a signed-in user
        for organisation in queryset:
            organisation_verify(organisation=organisation, by=request.user)
        self.message_user(
            request, f"Verified {queryset.count()} organisation(s).", messages.SUCCESS
        )

    @admin.action(description="Withdraw verification", permissions=["change"])
    def unverify(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        assert isinstance(request.user, User)  # noqa: S101 - admin requires a signed-in user
        for organisation in queryset:
            organisation_unverify(organisation=organisation, by=request.user)
        self.message_user(
            request, f"Withdrew verification from {queryset.count()}.", messages.WARNING
        )


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "user", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["organisation__name", "user__email"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "status", "created_at", "responded_at"]
    list_filter = ["status", "role"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["organisation", "email", "invited_by", "created_at", "responded_at"]
