"""Contributors' bank details, encrypted at rest, and the log of every time they were read."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class BankDetails(models.Model):
    """Where a contributor paid by bank transfer wants the money to go. The sort code, account
    number and account name are one Fernet token (see ``payments.bank.crypto``): the database
    never holds them readable."""

    contributor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bank_details"
    )
    secret = models.TextField(help_text="Encrypted: never read this column directly.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Bank details {self.pk}"


class BankDetailsAction(models.TextChoices):
    VIEWED_OWN = "viewed_own", "Viewed by the contributor"
    CHANGED = "changed", "Entered or changed by the contributor"
    REMOVED = "removed", "Removed by the contributor"
    VIEWED_MASKED = "viewed_masked", "Viewed masked by finance"
    EXPORTED = "exported", "Written into a bank payment file"
    PERSONAL_DATA_EXPORT = "personal_data_export", "In the contributor's own data download"


class BankDetailsAccess(models.Model):
    """One reading or change of someone's bank details: by whom, when and why."""

    Action = BankDetailsAction

    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bank_details_accesses"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=30, choices=BankDetailsAction.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    run = models.ForeignKey(
        "payments.PaymentRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["contributor", "-at"], name="payments_bank_access_newest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=BankDetailsAction.values),
                name="payments_bank_access_action_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Bank details access {self.pk} ({self.action})"
