"""Finance reads: the settings, and the organisation dashboard (spend against budget, what
needs approving, what is coming up)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from coproduce.money import ZERO
from opportunities.models import Session
from organisations.models import Organisation
from periods import PeriodKind, period_containing, tax_year_start, uk_today

from ..models import (
    DailySpend,
    ExpenseItem,
    FinanceSettings,
    ItemStatus,
    MileageRate,
    Payment,
    PaymentKind,
    PaymentStatus,
)


def finance_settings_for(organisation: Organisation) -> FinanceSettings:
    settings, _ = FinanceSettings.objects.get_or_create(organisation=organisation)
    return settings


def mileage_rate_list(*, organisation: Organisation) -> list[MileageRate]:
    """The organisation's mileage rates, newest tax year first."""
    return list(MileageRate.objects.filter(organisation=organisation).order_by("-tax_year"))


def mileage_rate_on(*, settings: FinanceSettings, day: date) -> Decimal:
    """The rate per mile for a journey on ``day``: the rate of its tax year (starting 6 April),
    or the settings' rate when that tax year has none."""
    rate = (
        MileageRate.objects.filter(
            organisation_id=settings.organisation_id, tax_year=tax_year_start(day).year
        )
        .values_list("rate", flat=True)
        .first()
    )
    return settings.mileage_rate if rate is None else rate


@dataclass(frozen=True)
class Spend:
    start: date
    end: date
    fees: Decimal
    expenses: Decimal
    budget: Decimal | None

    @property
    def total(self) -> Decimal:
        return self.fees + self.expenses

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.total


def _spends(
    organisation: Organisation, periods: list[tuple[date, date, Decimal | None]]
) -> list[Spend]:
    """Spend in each period, in one query over the widest (the month is inside the tax year),
    from the organisation's spend per day: at most a year of days, however many payments."""
    start, end = min(p[0] for p in periods), max(p[1] for p in periods)
    sums: dict[str, Sum] = {}
    for n, (lo, hi, _) in enumerate(periods):
        within = Q(day__gte=lo, day__lte=hi)
        sums[f"fees_{n}"] = Sum("total", filter=within & Q(kind=PaymentKind.FEE))
        sums[f"expenses_{n}"] = Sum("total", filter=within & Q(kind=PaymentKind.EXPENSE))
    totals = DailySpend.objects.filter(
        organisation=organisation, day__gte=start, day__lte=end
    ).aggregate(**sums)
    return [
        Spend(lo, hi, totals[f"fees_{n}"] or ZERO, totals[f"expenses_{n}"] or ZERO, budget)
        for n, (lo, hi, budget) in enumerate(periods)
    ]


def organisation_dashboard(
    *, organisation: Organisation, today: date | None = None
) -> dict[str, Any]:
    today = today or uk_today()
    settings = finance_settings_for(organisation)
    month = period_containing(PeriodKind.CALENDAR_MONTH, today)
    tax_year = period_containing(PeriodKind.TAX_YEAR, today)
    pending = Q(status=PaymentStatus.PENDING)
    waiting = Payment.objects.filter(
        organisation=organisation, status__in=[PaymentStatus.PENDING, PaymentStatus.APPROVED]
    ).aggregate(
        # Counting "status" (never null), not "id": the index alone answers (payments_org_open).
        pending=Count("status", filter=pending),
        pending_total=Sum("payable", filter=pending),
        approved_not_in_run=Count(
            "status", filter=Q(status=PaymentStatus.APPROVED, run__isnull=True)
        ),
    )
    this_month, this_tax_year = _spends(
        organisation,
        [
            (month.start, month.end, settings.monthly_budget),
            (tax_year.start, tax_year.end, settings.tax_year_budget),
        ],
    )
    sessions = (
        Session.objects.filter(opportunity__organisation=organisation, date__gte=today)
        .select_related("opportunity")
        .order_by("date", "start_time")[:5]
    )
    return {
        "this_month": this_month,
        "this_tax_year": this_tax_year,
        "pending_approvals": waiting["pending"],
        "pending_total": waiting["pending_total"] or ZERO,
        "approved_not_in_run": waiting["approved_not_in_run"],
        "open_expense_items": ExpenseItem.objects.filter(
            claim__organisation=organisation, status=ItemStatus.PENDING
        ).count(),
        "next_sessions": [
            {
                "id": s.pk,
                "opportunity_id": s.opportunity_id,
                "opportunity_title": s.opportunity.title,
                "date": s.date,
                "start_time": s.start_time,
                "end_time": s.end_time,
            }
            for s in sessions
        ],
    }
