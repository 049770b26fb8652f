"""The words payments are described in: how a contributor chooses to be paid, by what method,
for what kind of payment and in which state (Django TextChoices). Kept beside the models,
which use them and through which other apps import them (``payments.models.PaymentStatus``)."""

from __future__ import annotations

from django.db import models

from periods import PeriodKind


class PaymentChoice(models.TextChoices):
    FULL = "full", "Full fee"
    REDUCED = "reduced", "A lower amount"
    CAPPED = "capped", "Capped amount"
    EXPENSES_ONLY = "expenses_only", "Expenses only"
    DONATE = "donate", "Give the fee to a charity"


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    VOUCHER = "voucher", "Voucher"
    CHEQUE = "cheque", "Cheque"


CAP_PERIODS = [
    (PeriodKind.BENEFIT_WEEK.value, "Benefit week"),
    (PeriodKind.CALENDAR_MONTH.value, "Calendar month"),
    (PeriodKind.UC_ASSESSMENT_PERIOD.value, "Universal Credit assessment period"),
    (PeriodKind.TAX_YEAR.value, "Tax year"),
]


class PaymentKind(models.TextChoices):
    FEE = "fee", "Fee"
    EXPENSE = "expense", "Expense"


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    PAID = "paid", "Paid"
    CANCELLED = "cancelled", "Cancelled"


class ExpenseCategory(models.TextChoices):
    TRAVEL = "travel", "Travel (fares, parking)"
    MILEAGE = "mileage", "Mileage"
    CARE = "care", "Care or childcare"
    MEALS = "meals", "Meals"
    INTERNET_PHONE = "internet_phone", "Internet or phone"
    OTHER = "other", "Other"


class ItemStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not approved"


class RunStatus(models.TextChoices):
    OPEN = "open", "Open"
    PAID = "paid", "Paid"
