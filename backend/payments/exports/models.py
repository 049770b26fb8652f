"""What finance exports are coded with, and the log of every export."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..enums import ExpenseCategory


class ExportFormat(models.TextChoices):
    XERO = "xero", "Xero bills import (CSV)"
    ACCOUNTS_PAYABLE = "accounts-payable", "Accounts payable (CSV for Sage, QuickBooks and others)"
    XLSX = "xlsx", "Accounts payable (Excel workbook)"
    BANK = "bank", "Bank bulk payment file (BACS CSV)"
    BANK_OTHERS = "bank-others", "Payments to make another way (vouchers, cheques, donations)"
    CSV = "csv", "Every payment in the run (CSV)"


class ExportSettings(models.Model):
    """An organisation's codes for its finance system: the nominal (account) code for fees and
    for each category of expense, its cost centre and its tax code."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="export_settings"
    )
    fee_nominal_code = models.CharField(max_length=20, blank=True)
    travel_nominal_code = models.CharField(max_length=20, blank=True)
    mileage_nominal_code = models.CharField(max_length=20, blank=True)
    care_nominal_code = models.CharField(max_length=20, blank=True)
    meals_nominal_code = models.CharField(max_length=20, blank=True)
    internet_phone_nominal_code = models.CharField(max_length=20, blank=True)
    other_nominal_code = models.CharField(max_length=20, blank=True)
    cost_centre = models.CharField(max_length=40, blank=True)
    tax_code = models.CharField(
        max_length=40,
        default="No VAT",
        help_text="The tax rate's name as the finance system knows it (Xero: 'No VAT').",
    )
    bank_reference = models.CharField(
        max_length=10,
        blank=True,
        help_text="What payees see on their bank statement, before their reference.",
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Export settings for organisation {self.organisation_id}"

    def nominal_code_for(self, category: str | None) -> str:
        """The code for a fee (no category) or an expense of a category."""
        if category is None:
            return self.fee_nominal_code
        if category not in ExpenseCategory.values:
            return self.other_nominal_code
        return str(getattr(self, f"{category}_nominal_code"))


class PaymentRunExport(models.Model):
    """One download of a run in one format: who, when, which format, how many lines."""

    run = models.ForeignKey("payments.PaymentRun", on_delete=models.PROTECT, related_name="exports")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    format = models.CharField(max_length=20, choices=ExportFormat.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    lines = models.PositiveIntegerField()

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(format__in=ExportFormat.values), name="payments_run_export_format_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.format} export of run {self.run_id}"
