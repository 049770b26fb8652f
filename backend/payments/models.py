from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Round
from django.db.models.lookups import Exact
from simple_history.models import HistoricalRecords

from coproduce.money import MoneyField

from .enums import (
    CAP_PERIODS,
    ExpenseCategory,
    ItemStatus,
    PaymentChoice,
    PaymentKind,
    PaymentMethod,
    PaymentStatus,
    RunStatus,
)


def _staff() -> models.ForeignKey[Any, Any]:
    """Who did something to a row (approved, paid, decided...), kept if they leave."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


def choice_values(choice: Any) -> dict[str, Any]:
    """A payment choice (a row, or ``payments.choice.ChoiceSpec``) as plain JSON values."""
    return {
        "choice": choice.choice,
        "reduced_amount": None if choice.reduced_amount is None else str(choice.reduced_amount),
        "cap_amount": None if choice.cap_amount is None else str(choice.cap_amount),
        "cap_period": choice.cap_period,
        "charity_name": choice.charity_name,
        "method": choice.method,
    }


class ChoiceFields(models.Model):
    """How a contributor wants to be paid: shared by the default and per-engagement override."""

    choice = models.CharField(max_length=20, choices=PaymentChoice.choices)
    reduced_amount = MoneyField(null=True, blank=True)
    cap_amount = MoneyField(null=True, blank=True)
    cap_period = models.CharField(max_length=30, choices=CAP_PERIODS, blank=True)
    charity_name = models.CharField(max_length=200, blank=True)
    method = models.CharField(
        max_length=20, choices=PaymentMethod.choices, default=PaymentMethod.BANK_TRANSFER
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @classmethod
    def choice_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=Q(choice__in=PaymentChoice.values), name=f"{prefix}_choice_valid"
            ),
            models.CheckConstraint(
                condition=~Q(choice=PaymentChoice.REDUCED)
                | Q(reduced_amount__isnull=False, reduced_amount__gte=0),
                name=f"{prefix}_reduced_has_amount",
            ),
            models.CheckConstraint(
                condition=~Q(choice=PaymentChoice.CAPPED)
                | (Q(cap_amount__isnull=False, cap_amount__gte=0) & ~Q(cap_period="")),
                name=f"{prefix}_capped_has_amount_and_period",
            ),
            models.CheckConstraint(
                condition=~Q(choice=PaymentChoice.DONATE) | ~Q(charity_name=""),
                name=f"{prefix}_donate_has_charity",
            ),
        ]

    def as_dict(self) -> dict[str, Any]:
        return choice_values(self)


class PaymentPreference(ChoiceFields):
    """A contributor's default choice, used for every engagement without an override."""

    contributor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payment_preference"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = ChoiceFields.choice_constraints("payments_preference")

    def __str__(self) -> str:
        return f"Payment preference {self.pk}"


class EngagementPaymentChoice(ChoiceFields):
    """A contributor's choice for one engagement, overriding their default."""

    engagement = models.OneToOneField(
        "opportunities.Engagement", on_delete=models.CASCADE, related_name="payment_choice"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = ChoiceFields.choice_constraints("payments_engagement_choice")

    def __str__(self) -> str:
        return f"Payment choice for engagement {self.engagement_id}"


# Money that counts against caps and limits: committed (pending, approved) or paid.
LIVE_STATUSES = (PaymentStatus.PENDING, PaymentStatus.APPROVED, PaymentStatus.PAID)


class PaidPaymentError(Exception):
    """A paid payment is history: it cannot change. Corrections are new entries."""


class Payment(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="payments"
    )
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payments_received"
    )
    engagement = models.ForeignKey(
        "opportunities.Engagement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    attendance = models.OneToOneField(
        "opportunities.Attendance",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payment",
    )
    kind = models.CharField(max_length=10, choices=PaymentKind.choices)
    description = models.CharField(max_length=300)
    offered = MoneyField()
    payable = MoneyField()
    waived = MoneyField()
    # The choice as it was when the fee was recorded: history never changes with the preference.
    choice = models.CharField(max_length=20, choices=PaymentChoice.choices, blank=True)
    choice_snapshot = models.JSONField(default=dict, blank=True)
    choice_reason = models.TextField(blank=True)
    donated_to = models.CharField(max_length=200, blank=True)
    method = models.CharField(max_length=20, choices=PaymentMethod.choices)
    due_on = models.DateField()
    paid_on = models.DateField(null=True, blank=True)
    # The pay date of the run the payment is in, until it is paid.
    planned_on = models.DateField(null=True, blank=True)
    # The UK date the payment counts on for limits: paid date, else the run's pay date, else
    # the due date. Only the ledger's one door (payments.landing) changes it.
    counts_on = models.DateField()
    # Hours of work the fee is for (ESA permitted work is limited by hours as well as money).
    # NULL when not recorded; a fee needs hours unless it is marked not time-based.
    hours = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    time_based = models.BooleanField(default=True)
    status = models.CharField(
        max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    run = models.ForeignKey(
        "payments.PaymentRun",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    # NULL, not "", when absent: the unique constraint applies only to real keys.
    idempotency_key = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    request_fingerprint = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = _staff()
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_by = _staff()
    cancelled_by = _staff()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-counts_on", "-id"]
        indexes = [
            models.Index(fields=["contributor", "counts_on"], name="payments_contrib_counts_on"),
            models.Index(fields=["counts_on"], name="payments_counts_on"),
            # The lists' order (newest first) within what a user sees, and the organisation
            # filters the API offers (status, kind): a page is read from the index, not sorted.
            models.Index(fields=["organisation", "-counts_on", "-id"], name="payments_org_newest"),
            models.Index(
                fields=["contributor", "-counts_on", "-id"], name="payments_contrib_newest"
            ),
            models.Index(
                fields=["organisation", "status", "-counts_on", "-id"],
                name="payments_org_status_newest",
            ),
            models.Index(
                fields=["organisation", "kind", "-counts_on", "-id"],
                name="payments_org_kind_newest",
            ),
            models.Index(fields=["engagement", "-counts_on"], name="payments_engagement_newest"),
            # The dashboard's spend: sums over a period read the index only.
            models.Index(
                fields=["organisation", "counts_on"],
                include=["payable", "kind", "status"],
                name="payments_org_spend",
            ),
            # The dashboard's work waiting (pending, approved and not yet in a run): only the
            # payments still open, read from the index alone, however long the history.
            models.Index(
                fields=["organisation"],
                include=["status", "payable", "run"],
                condition=Q(status__in=[PaymentStatus.PENDING, PaymentStatus.APPROVED]),
                name="payments_org_open",
            ),
        ]
        constraints = [
            # Compared in pence: SQLite keeps decimals as floating point.
            models.CheckConstraint(
                condition=Exact(
                    Round(F("offered") * 100), Round((F("payable") + F("waived")) * 100)
                ),
                name="payments_offered_is_payable_plus_waived",
            ),
            models.CheckConstraint(
                condition=Q(offered__gt=0, payable__gte=0, waived__gte=0),
                name="payments_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PaymentKind.values), name="payments_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PaymentStatus.values), name="payments_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=PaymentStatus.PAID) | Q(paid_on__isnull=False),
                name="payments_paid_has_date",
            ),
            models.CheckConstraint(
                condition=Q(counts_on=Coalesce(F("paid_on"), F("planned_on"), F("due_on"))),
                name="payments_counts_on_paid_else_planned_else_due",
            ),
            models.CheckConstraint(
                condition=~Q(kind=PaymentKind.FEE) | ~Q(choice=""),
                name="payments_fee_has_choice",
            ),
            models.CheckConstraint(
                condition=~Q(kind=PaymentKind.EXPENSE) | Q(waived=0),
                name="payments_expense_never_waived",
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0),
                name="payments_hours_not_negative",
            ),
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="payments_idempotency_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}: £{self.payable} ({self.status})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if getattr(self, "_loaded_status", None) == PaymentStatus.PAID:
            raise PaidPaymentError("A paid payment cannot be changed. Record a correction instead.")
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Payment:
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status") or ""
        return instance


class DailySpend(models.Model):
    """What an organisation spends each day, by kind: the sum of ``payable`` over its payments
    that are not cancelled, on the day they count (``counts_on``). Kept by triggers on
    ``payments_payment`` (migration 0005) in the same transaction as every insert, update and
    delete, however it is made (``save``, ``bulk_create``, ``update``, SQL), so the dashboard
    sums at most a year of days however many payments the organisation has had."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    kind = models.CharField(max_length=20, choices=PaymentKind.choices)
    total = MoneyField(default=Decimal("0"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "day", "kind"], name="payments_daily_spend_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Spend of organisation {self.organisation_id} on {self.day}"


class FinanceSettings(models.Model):
    """An organisation's money settings: mileage rate and optional budgets."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="finance_settings"
    )
    mileage_rate = MoneyField(
        default=Decimal("0.45"),
        help_text="Pounds per mile paid for travel by car (HMRC's approved rate is 45p).",
    )
    monthly_budget = MoneyField(null=True, blank=True)
    tax_year_budget = MoneyField(null=True, blank=True)
    receipts_required = models.BooleanField(default=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Finance settings for organisation {self.organisation_id}"


class MileageRate(models.Model):
    """The pence per mile an organisation pays for journeys in one tax year (6 April to
    5 April). A journey in a tax year without its own rate is paid at the settings' rate."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="mileage_rates"
    )
    # The calendar year the tax year starts in: 2026 is 6 April 2026 to 5 April 2027.
    tax_year = models.PositiveSmallIntegerField()
    rate = MoneyField(help_text="Pounds per mile for journeys in this tax year.")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation_id", "-tax_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "tax_year"], name="payments_mileage_rate_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(rate__gte=0, rate__lte=5), name="payments_mileage_rate_in_range"
            ),
            models.CheckConstraint(
                condition=Q(tax_year__gte=2000, tax_year__lte=2100),
                name="payments_mileage_rate_tax_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Mileage rate {self.tax_year}-{(self.tax_year + 1) % 100:02d}: £{self.rate}"


class ExpenseClaim(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="expense_claims"
    )
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expense_claims"
    )
    engagement = models.ForeignKey(
        "opportunities.Engagement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expense_claims",
    )
    note = models.TextField(blank=True)
    # NULL, not "", when absent: the unique constraint applies only to real keys.
    idempotency_key = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    # What the keyed request asked for: a retry must ask for the same claim.
    request_fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["organisation", "-created_at", "-id"], name="payments_claim_org_newest"
            ),
            models.Index(
                fields=["contributor", "-created_at", "-id"], name="payments_claim_contrib_newest"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["contributor", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="payments_claim_idempotency_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"Expense claim {self.pk}"


class ExpenseItem(models.Model):
    claim = models.ForeignKey(ExpenseClaim, on_delete=models.CASCADE, related_name="items")
    category = models.CharField(max_length=20, choices=ExpenseCategory.choices)
    description = models.CharField(max_length=300)
    spent_on = models.DateField()
    miles = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    amount = MoneyField()
    status = models.CharField(max_length=10, choices=ItemStatus.choices, default=ItemStatus.PENDING)
    decision_reason = models.TextField(blank=True)
    decided_by = _staff()
    decided_at = models.DateTimeField(null=True, blank=True)
    payment = models.OneToOneField(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="expense_item"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["claim_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_item_amount_positive"),
            models.CheckConstraint(
                condition=~Q(category=ExpenseCategory.MILEAGE) | Q(miles__gt=0),
                name="payments_mileage_has_miles",
            ),
            models.CheckConstraint(
                condition=~Q(status=ItemStatus.REJECTED) | ~Q(decision_reason=""),
                name="payments_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Expense item {self.pk}"


class Receipt(models.Model):
    """A receipt file, kept outside the web root and served only through a permission check."""

    item = models.OneToOneField(ExpenseItem, on_delete=models.CASCADE, related_name="receipt")
    file = models.FileField(upload_to="receipts/%Y/%m/")
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(max_length=255, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Receipt {self.pk}"


class PaymentRun(models.Model):
    """A batch of approved payments that finance exports and marks paid together."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="payment_runs"
    )
    reference = models.CharField(max_length=40, unique=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    exported_at = models.DateTimeField(null=True, blank=True)
    # The day finance plans to pay the run: its payments count on it until they are paid.
    pay_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    marked_paid_by = _staff()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=RunStatus.PAID) | Q(paid_on__isnull=False),
                name="payments_run_paid_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


# Defined beside their code, registered here so that Django finds them.
from .bank.models import BankDetails, BankDetailsAccess  # noqa: E402, F401
from .exports.models import ExportFormat, ExportSettings, PaymentRunExport  # noqa: E402, F401
