"""Finance reads: the settings, and the organisation dashboard (spend against budget, what
needs approving, what is coming up)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum

from coproduce.money import ZERO
from opportunities.models import Session
from organisations.models import Organisation
from periods import PeriodKind, period_containing, uk_today

from ..models import ExpenseItem, FinanceSettings, ItemStatus, Payment, PaymentKind, PaymentStatus


def finance_settings_for(organisation: Organisation) -> FinanceSettings:
    settings, _ = FinanceSettings.objects.get_or_create(organisation=organisation)
    return settings


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


def _spend(organisation: Organisation, start: date, end: date, budget: Decimal | None) -> Spend:
    totals = (
        Payment.objects.filter(organisation=organisation, counts_on__gte=start, counts_on__lte=end)
        .exclude(status=PaymentStatus.CANCELLED)
        .aggregate(
            fees=Sum("payable", filter=Q(kind=PaymentKind.FEE)),
            expenses=Sum("payable", filter=Q(kind=PaymentKind.EXPENSE)),
        )
    )
    return Spend(start, end, totals["fees"] or ZERO, totals["expenses"] or ZERO, budget)


def organisation_dashboard(
    *, organisation: Organisation, today: date | None = None
) -> dict[str, Any]:
    today = today or uk_today()
    settings = finance_settings_for(organisation)
    month = period_containing(PeriodKind.CALENDAR_MONTH, today)
    tax_year = period_containing(PeriodKind.TAX_YEAR, today)
    pending = Payment.objects.filter(
        organisation=organisation, status=PaymentStatus.PENDING
    ).aggregate(total=Sum("payable"))
    sessions = (
        Session.objects.filter(opportunity__organisation=organisation, date__gte=today)
        .select_related("opportunity")
        .order_by("date", "start_time")[:5]
    )
    return {
        "this_month": _spend(organisation, month.start, month.end, settings.monthly_budget),
        "this_tax_year": _spend(
            organisation, tax_year.start, tax_year.end, settings.tax_year_budget
        ),
        "pending_approvals": Payment.objects.filter(
            organisation=organisation, status=PaymentStatus.PENDING
        ).count(),
        "pending_total": pending["total"] or ZERO,
        "approved_not_in_run": Payment.objects.filter(
            organisation=organisation, status=PaymentStatus.APPROVED, run__isnull=True
        ).count(),
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
