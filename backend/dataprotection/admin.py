from django.contrib import admin
from django.http import HttpRequest

from .models import ErasureRecord, RetentionPolicy


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    list_display = ["organisation", "years", "updated_at"]


@admin.register(ErasureRecord)
class ErasureRecordAdmin(admin.ModelAdmin):
    list_display = ["pseudonym", "erased_at", "payments_kept", "letters_kept"]
    readonly_fields = [
        "user", "pseudonym", "erased_by", "erased_at", "payments_kept", "letters_kept",
    ]  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
