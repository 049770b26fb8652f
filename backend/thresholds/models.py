from __future__ import annotations

from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords

from coproduce.money import MONEY_VALIDATORS, MoneyField
from periods import PERIOD_KIND_CHOICES, PeriodKind

from .signals import rules_changed


class Benefit(models.TextChoices):
    ESA = "esa", "Employment and Support Allowance"
    UNIVERSAL_CREDIT = "universal_credit", "Universal Credit"
    CARERS_ALLOWANCE = "carers_allowance", "Carer's Allowance"
    CARER_SUPPORT_PAYMENT = "carer_support_payment", "Carer Support Payment (Scotland)"
    LEGACY_INCOME_SUPPORT_JSA = (
        "legacy_income_support_jsa",
        "Income Support, income-based JSA or income-related ESA",
    )
    PENSION_CREDIT = "pension_credit", "Pension Credit"
    HOUSING_BENEFIT = "housing_benefit", "Housing Benefit"
    TAX = "tax", "Tax and National Insurance"


class AppliesBy(models.TextChoices):
    PAYMENT_DATE = "payment_date", "The figure in force on the payment's date"
    ASSESSMENT_PERIOD_START = (
        "assessment_period_start",
        "The figure in force when the payment's assessment period began",
    )


class RuleStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    ESTIMATED = "estimated", "Estimated"


class RuleQuerySet(models.QuerySet["ThresholdRule"]):
    """Changes made in bulk (no post_save or post_delete) forget the rules kept in memory too
    (``thresholds.rules.book``)."""

    def update(self, **kwargs: Any) -> int:
        changed = super().update(**kwargs)
        _forget()
        return changed

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        changed = super().bulk_update(objs, fields, batch_size=batch_size)
        _forget()
        return changed

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[ThresholdRule]:
        created = super().bulk_create(objs, *args, **kwargs)
        _forget()
        return created


def _forget() -> None:
    # Heard by thresholds.receivers: the rules kept in memory are forgotten, everyone looked
    # at again (as for a rule saved in the admin).
    rules_changed.send(sender=ThresholdRule, codes=[])


class ThresholdRule(models.Model):
    """One published limit (a benefit earnings rule or a tax threshold) for one span of dates.

    Each April a new row is added for the new figure, so history still evaluates against the
    figure that was in force at the time."""

    code = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    benefit = models.CharField(max_length=40, choices=Benefit.choices)
    purpose = models.TextField(help_text="What the limit is for, in plain English.")
    consequence = models.TextField(help_text="What crossing it can mean, in plain English.")
    limit = MoneyField(validators=MONEY_VALIDATORS)
    period_kind = models.CharField(max_length=30, choices=PERIOD_KIND_CHOICES)
    effective_from = models.DateField()
    effective_to = models.DateField(
        null=True, blank=True, help_text="The last day this figure applies; empty: until replaced."
    )
    applies_by = models.CharField(
        max_length=30, choices=AppliesBy.choices, default=AppliesBy.PAYMENT_DATE
    )
    vouchers_count = models.BooleanField(default=True)
    status = models.CharField(max_length=20, choices=RuleStatus.choices)
    source_title = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500)
    note = models.TextField(blank=True)
    published_for_tax_year = models.CharField(
        max_length=7,
        blank=True,
        help_text=(
            "The tax year this figure was published for, like 2026/27. Asked about a later "
            "year, the figure is shown as carried forward and not yet confirmed."
        ),
    )
    data_version = models.CharField(
        max_length=40, blank=True, help_text="Version of the rules file this row came from."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RuleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["benefit", "code", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "effective_from"], name="thresholds_rule_code_from_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="thresholds_rule_to_after_from",
            ),
            models.CheckConstraint(
                condition=models.Q(limit__gte=0), name="thresholds_rule_limit_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(period_kind__in=[kind.value for kind in PeriodKind]),
                name="thresholds_rule_period_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(benefit__in=Benefit.values),
                name="thresholds_rule_benefit_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RuleStatus.values),
                name="thresholds_rule_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(applies_by__in=AppliesBy.values),
                name="thresholds_rule_applies_by_valid",
            ),
        ]
        indexes = [models.Index(fields=["effective_from", "effective_to"])]

    def __str__(self) -> str:
        return f"{self.code} from {self.effective_from:%d %b %Y}"

    @property
    def period(self) -> PeriodKind:
        return PeriodKind(self.period_kind)


class AlertLevel(models.TextChoices):
    APPROACHING = "approaching", "Approaching the limit"
    REACHED = "reached", "At the limit"
    EXCEEDED = "exceeded", "Over the limit"
    FORECAST = "forecast", "Booked sessions would reach or pass the limit"


class ThresholdAlert(models.Model):
    """Raised once per contributor, limit, period and level, however often the check runs.

    ``limit_key`` is the rule's code, or "personal_cap" for the contributor's own cap. Private
    to the contributor: organisations see only a headroom status, never an alert."""

    contributor = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="threshold_alerts"
    )
    limit_key = models.CharField(max_length=80)
    rule = models.ForeignKey(
        ThresholdRule, null=True, blank=True, on_delete=models.PROTECT, related_name="alerts"
    )
    period_kind = models.CharField(max_length=30, choices=PERIOD_KIND_CHOICES)
    period_start = models.DateField()
    period_end = models.DateField()
    level = models.CharField(max_length=20, choices=AlertLevel.choices)
    counted = MoneyField()
    forecast = MoneyField()
    limit = MoneyField()
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    # When the condition stopped holding, and why in plain words ("the fee was cancelled").
    # A resolved alert is raised again (and told again) if the condition comes back.
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_reason = models.CharField(max_length=200, blank=True)
    times_raised = models.PositiveIntegerField(default=1)
    # Found for a period already over (loading, backdating, demo seeding): listed in-app as
    # history, never e-mailed.
    history = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contributor", "limit_key", "period_start", "level"],
                name="thresholds_alert_once_per_level",
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=AlertLevel.values), name="thresholds_alert_level_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="thresholds_alert_period_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["contributor", "period_start"], name="thresholds_alert_contrib")
        ]

    def __str__(self) -> str:
        return f"Alert {self.pk} ({self.level})"
