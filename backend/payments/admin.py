from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ExpenseClaim, ExpenseItem, FinanceSettings, MileageRate, Payment, PaymentRun


@admin.register(Payment)
class PaymentAdmin(SimpleHistoryAdmin):
    """Read-only: money changes go through the services, so every change is decided and audited."""

    list_display = ["id", "organisation", "kind", "offered", "payable", "status", "counts_on"]
    list_filter = ["kind", "status", "choice", "method"]
    search_fields = ["description", "organisation__name"]
    raw_id_fields = ["contributor", "engagement", "attendance", "run"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class ExpenseItemInline(admin.TabularInline):
    model = ExpenseItem
    extra = 0
    can_delete = False
    readonly_fields = [
        "category",
        "description",
        "spent_on",
        "miles",
        "amount",
        "status",
        "decision_reason",
        "payment",
    ]


@admin.register(ExpenseClaim)
class ExpenseClaimAdmin(admin.ModelAdmin):
    list_display = ["id", "organisation", "created_at"]
    inlines = [ExpenseItemInline]
    raw_id_fields = ["contributor", "engagement"]


@admin.register(PaymentRun)
class PaymentRunAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "organisation", "status", "paid_on"]
    readonly_fields = [
        "reference",
        "organisation",
        "status",
        "paid_on",
        "exported_at",
        "created_by",
        "marked_paid_by",
    ]


@admin.register(FinanceSettings)
class FinanceSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "mileage_rate", "monthly_budget", "tax_year_budget"]


@admin.register(MileageRate)
class MileageRateAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "tax_year", "rate", "updated_at"]
    list_filter = ["tax_year"]
