"""The ledger: the one definition of what money counts towards a contributor's limits and caps,
when it counts, and in which of the contributor's periods.

What counts: fees (never expenses) that are pending, approved or paid (never cancelled), and
not given to a charity, on the UK date the contributor receives them (``counts_on``: the paid
date, else the date it is planned to be paid). Fees waived by choice count only what is payable.

Each contributor has a calendar: their benefit week (starting on their weekday, Monday when
they have not said), their Universal Credit assessment period (from their start day), calendar
months and tax years. A limit is always measured over a whole period, whatever day is asked.

The figure that applies to a period is the one in force on the first day of that period:
weekly benefits change from the first benefit week that begins on or after the uprating date,
Universal Credit from the first assessment period that begins on or after it, tax figures on 6
April (the first day of the tax year).

Caps, earnings, alerts, forecasts, the sweep and headroom all read this module; the sweep
reuses ``COUNTS`` in its one aggregation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum

from contributors.models import BenefitCircumstances
from coproduce.money import ZERO
from periods import Period, PeriodKind, period_containing

from .models import LIVE_STATUSES, Payment, PaymentChoice, PaymentKind, PaymentMethod, PaymentStatus

# What counts, as a filter on payments (usable inside any aggregation).
COUNTS = Q(kind=PaymentKind.FEE, status__in=LIVE_STATUSES) & ~Q(choice=PaymentChoice.DONATE)


def payment_counts(payment: Payment) -> bool:
    """The same rule as ``COUNTS``, for one payment in memory."""
    return (
        payment.kind == PaymentKind.FEE
        and payment.status in LIVE_STATUSES
        and payment.choice != PaymentChoice.DONATE
    )


def counted_fees(
    *, contributor_id: int, start: date | None = None, end: date | None = None
) -> QuerySet[Payment]:
    """Fees that count for the contributor, across every organisation, on ``start``..``end``."""
    fees = Payment.objects.filter(COUNTS, contributor_id=contributor_id)
    if start is not None:
        fees = fees.filter(counts_on__gte=start)
    if end is not None:
        fees = fees.filter(counts_on__lte=end)
    return fees


def counted_total(
    *, contributor_id: int, start: date, end: date, exclude_payment_id: int | None = None
) -> Decimal:
    """What counts on ``start``..``end`` (callers pass a whole period's first and last day)."""
    fees = counted_fees(contributor_id=contributor_id, start=start, end=end)
    if exclude_payment_id is not None:
        fees = fees.exclude(pk=exclude_payment_id)
    total = fees.aggregate(total=Sum("payable"))["total"]
    return total if total is not None else ZERO


# Calendars -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Calendar:
    """A contributor's periods: benefit week weekday (0 Monday) and UC assessment start day."""

    week_start: int = 0
    uc_start_day: int | None = None

    def period(self, kind: PeriodKind | str, day: date) -> Period:
        return period_containing(
            kind, day, week_start=self.week_start, uc_start_day=self.uc_start_day or 1
        )


def calendar_of(circumstances: BenefitCircumstances | None) -> Calendar:
    """The calendar of a contributor whose circumstances (None: not told yet) are loaded."""
    if circumstances is None:
        return Calendar()
    return Calendar(circumstances.benefit_week_start or 0, circumstances.uc_assessment_start_day)


def calendars_load(contributor_ids: Iterable[int]) -> dict[int, Calendar]:
    ids = list(contributor_ids)
    found = {
        row[0]: Calendar(row[1] or 0, row[2])
        for row in BenefitCircumstances.objects.filter(user_id__in=ids).values_list(
            "user_id", "benefit_week_start", "uc_assessment_start_day"
        )
    }
    return {contributor_id: found.get(contributor_id, Calendar()) for contributor_id in ids}


def calendar_for(*, contributor_id: int) -> Calendar:
    return calendars_load([contributor_id])[contributor_id]


# Per-day totals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayTotal:
    """Fees counting on one day for one contributor, split the ways rules count them."""

    paid: Decimal = ZERO
    committed: Decimal = ZERO
    voucher_paid: Decimal = ZERO
    voucher_committed: Decimal = ZERO


@dataclass
class Ledger:
    """Per-day totals of what counts, for one contributor."""

    days: dict[date, DayTotal] = field(default_factory=dict)

    def totals(self, period: Period, *, vouchers_count: bool = True) -> tuple[Decimal, Decimal]:
        """(paid, committed) over the whole period."""
        paid = committed = ZERO
        for day, total in self.days.items():
            if period.start <= day <= period.end:
                paid += total.paid
                committed += total.committed
                if not vouchers_count:
                    paid -= total.voucher_paid
                    committed -= total.voucher_committed
        return paid, committed


_SUMS = {
    "paid": Sum("payable", filter=Q(status=PaymentStatus.PAID)),
    "committed": Sum("payable", filter=~Q(status=PaymentStatus.PAID)),
    "voucher_paid": Sum(
        "payable", filter=Q(status=PaymentStatus.PAID, method=PaymentMethod.VOUCHER)
    ),
    "voucher_committed": Sum(
        "payable", filter=~Q(status=PaymentStatus.PAID) & Q(method=PaymentMethod.VOUCHER)
    ),
}


def ledgers_load(contributor_ids: list[int], start: date, end: date) -> dict[int, Ledger]:
    """What counts per contributor and day from ``start`` to ``end`` (every day kept apart:
    callers pass the first and last day of the whole periods they will add up)."""
    rows: Iterable[dict[str, Any]] = (
        Payment.objects.filter(
            COUNTS,
            contributor_id__in=contributor_ids,
            counts_on__gte=start,
            counts_on__lte=end,
        )
        .values("contributor_id", day=F("counts_on"))
        .annotate(**_SUMS)
        .order_by()
    )
    ledgers = {contributor_id: Ledger() for contributor_id in contributor_ids}
    for row in rows:
        ledgers[row["contributor_id"]].days[row["day"]] = DayTotal(
            paid=row["paid"] or ZERO,
            committed=row["committed"] or ZERO,
            voucher_paid=row["voucher_paid"] or ZERO,
            voucher_committed=row["voucher_committed"] or ZERO,
        )
    return ledgers


def money_days(contributor_ids: list[int], *, since: date) -> dict[int, set[date]]:
    """The days from ``since`` onwards (however far ahead) on which something counts."""
    found: dict[int, set[date]] = defaultdict(set)
    rows = (
        Payment.objects.filter(COUNTS, contributor_id__in=contributor_ids, counts_on__gte=since)
        .values_list("contributor_id", "counts_on")
        .distinct()
        .order_by()
    )
    for contributor_id, day in rows:
        found[contributor_id].add(day)
    return found


@dataclass
class Window:
    """Everything evaluation reads of the ledger from one day onwards, in one query: what
    counts per day (``ledgers``), the days something counts (``money_days``) and the hours
    recorded per day (``hours``)."""

    ledgers: dict[int, Ledger]
    money_days: dict[int, set[date]]
    hours: dict[int, dict[date, Decimal]]


def window_load(contributor_ids: list[int], *, start: date, end: date | None = None) -> Window:
    """What counts per day (as ``ledgers_load``), the days something counts (as
    ``money_days``) and the hours of work recorded per day (every fee that is not cancelled,
    whatever the contributor chose to be paid: the work was done either way), from ``start``
    to ``end`` (or however far ahead), in one query."""
    counts = ~Q(choice=PaymentChoice.DONATE)
    until = Q() if end is None else Q(counts_on__lte=end)
    rows: Iterable[dict[str, Any]] = (
        Payment.objects.filter(
            until,
            kind=PaymentKind.FEE,
            status__in=LIVE_STATUSES,
            contributor_id__in=contributor_ids,
            counts_on__gte=start,
        )
        .values("contributor_id", day=F("counts_on"))
        .annotate(
            **{name: Sum("payable", filter=counts & sum_.filter) for name, sum_ in _SUMS.items()},
            counted=Count("id", filter=counts),
            hours=Sum("hours"),
        )
        .order_by()
    )
    window = Window(
        ledgers={contributor_id: Ledger() for contributor_id in contributor_ids},
        money_days=defaultdict(set),
        hours={contributor_id: {} for contributor_id in contributor_ids},
    )
    for row in rows:
        contributor_id, day = row["contributor_id"], row["day"]
        if row["counted"]:
            window.money_days[contributor_id].add(day)
            window.ledgers[contributor_id].days[day] = DayTotal(
                paid=row["paid"] or ZERO,
                committed=row["committed"] or ZERO,
                voucher_paid=row["voucher_paid"] or ZERO,
                voucher_committed=row["voucher_committed"] or ZERO,
            )
        if row["hours"] is not None:
            window.hours[contributor_id][day] = row["hours"]
    return window
