"""Data rights (UK GDPR): how long organisations keep the records of people who erased their
account, and an audit of each erasure. Neither holds personal data."""

from __future__ import annotations

from django.conf import settings
from django.db import models

DEFAULT_RETENTION_YEARS = 6  # HMRC: keep business records for at least 6 years


class RetentionPolicy(models.Model):
    """How many years an organisation keeps the payments and letters of a person who erased
    their account, before those are pseudonymised too. Without a row, the default applies."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="retention_policy"
    )
    years = models.PositiveSmallIntegerField(default=DEFAULT_RETENTION_YEARS)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "retention policies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years__gte=1, years__lte=30),
                name="dataprotection_retention_years_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Retention for organisation {self.organisation_id}: {self.years} years"


class ErasureRecord(models.Model):
    """That an account was erased, by whom and when. The user row it points to is already
    anonymised; this row holds only ids, the pseudonym and counts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure"
    )
    pseudonym = models.CharField(max_length=100)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    erased_at = models.DateTimeField()
    payments_kept = models.PositiveIntegerField(default=0)
    letters_kept = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-erased_at", "-id"]

    def __str__(self) -> str:
        return f"Erasure of {self.pseudonym}"
