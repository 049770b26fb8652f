"""Cumulative earnings against limits, for one contributor or thousands at once.

The engine is set-based so that the periodic sweep costs about one aggregation over the
ledger: it loads rules, circumstances, preferences and per-day fee totals for a batch of
contributors in a handful of queries, then buckets the days into each person's periods in
Python (benefit weeks and assessment periods depend on the person, so SQL cannot group them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db.models import F, Q, Sum

from coproduce.money import ZERO, format_gbp
from payments.models import (
    LIVE_STATUSES,
    Payment,
    PaymentChoice,
    PaymentKind,
    PaymentMethod,
    PaymentStatus,
)
from periods import Period, PeriodKind, period_containing

from .models import AppliesBy, ThresholdRule
from .selectors import rule_codes_for_circumstances

PERSONAL_CAP = "personal_cap"


class Level(StrEnum):
    OK = "ok"
    APPROACHING = "approaching"
    REACHED = "reached"
    EXCEEDED = "exceeded"


LEVEL_ORDER = [Level.OK, Level.APPROACHING, Level.REACHED, Level.EXCEEDED]


def approaching_ratio() -> Decimal:
    """How close to a limit counts as approaching it (0.80 by default)."""
    return Decimal(settings.THRESHOLD_APPROACHING_PERCENT) / 100


def level_for(counted: Decimal, limit: Decimal) -> Level:
    if counted > limit:
        return Level.EXCEEDED
    if counted == limit:
        return Level.REACHED
    if counted >= limit * approaching_ratio():
        return Level.APPROACHING
    return Level.OK


@dataclass(frozen=True)
class DayTotal:
    """Fees counting on one day for one contributor, split the ways rules count them."""

    paid: Decimal = ZERO
    committed: Decimal = ZERO
    voucher_paid: Decimal = ZERO
    voucher_committed: Decimal = ZERO


@dataclass
class Ledger:
    """Per-day fee totals for one contributor (fees only: never expenses or donations)."""

    days: dict[date, DayTotal] = field(default_factory=dict)

    def totals(self, period: Period, *, vouchers_count: bool) -> tuple[Decimal, Decimal]:
        paid = committed = ZERO
        for day, total in self.days.items():
            if period.start <= day <= period.end:
                paid += total.paid
                committed += total.committed
                if not vouchers_count:
                    paid -= total.voucher_paid
                    committed -= total.voucher_committed
        return paid, committed


@dataclass(frozen=True)
class Person:
    contributor_id: int
    week_start: int
    uc_start_day: int | None
    codes: tuple[str, ...]
    cap_amount: Decimal | None
    cap_period: str

    def period(self, kind: PeriodKind | str, day: date) -> Period:
        return period_containing(
            kind, day, week_start=self.week_start, uc_start_day=self.uc_start_day or 1
        )


@dataclass(frozen=True)
class LimitStatus:
    contributor_id: int
    key: str  # a rule code, or "personal_cap"
    rule: ThresholdRule | None
    period: Period
    paid: Decimal
    committed: Decimal
    limit: Decimal
    forecast_extra: Decimal = ZERO
    booked_sessions: int = 0

    @property
    def counted(self) -> Decimal:
        return self.paid + self.committed

    @property
    def headroom(self) -> Decimal:
        return max(ZERO, self.limit - self.counted)

    @property
    def level(self) -> Level:
        return level_for(self.counted, self.limit)

    @property
    def forecast(self) -> Decimal:
        return self.counted + self.forecast_extra

    @property
    def forecast_level(self) -> Level:
        return level_for(self.forecast, self.limit)

    @property
    def title(self) -> str:
        return self.rule.title if self.rule else "Your own cap"


class RuleBook:
    """Every rule row, loaded once, answering which figure applies on a date."""

    def __init__(self, rules: Iterable[ThresholdRule]) -> None:
        self.by_code: dict[str, list[ThresholdRule]] = defaultdict(list)
        for rule in rules:
            self.by_code[rule.code].append(rule)
        for rows in self.by_code.values():
            rows.sort(key=lambda r: r.effective_from, reverse=True)

    @classmethod
    def load(cls) -> RuleBook:
        return cls(ThresholdRule.objects.all())

    def _in_force(self, code: str, on: date) -> ThresholdRule | None:
        for rule in self.by_code.get(code, []):
            if rule.effective_from <= on and (rule.effective_to is None or rule.effective_to >= on):
                return rule
        return None

    def for_payment_date(
        self, code: str, on: date, person: Person
    ) -> tuple[ThresholdRule, Period] | None:
        """The rule row a payment counting on ``on`` is judged by, and the period it falls in."""
        rule = self._in_force(code, on)
        if rule is None:
            return None
        period = person.period(rule.period_kind, on)
        if rule.applies_by == AppliesBy.ASSESSMENT_PERIOD_START:
            at_start = self._in_force(code, period.start)
            if at_start is None:
                return None
            rule = at_start
        return rule, period


# Loading -------------------------------------------------------------------------------------


LONGEST_SHORT_PERIOD = 31  # days: a month or an assessment period; only tax years are longer


def window_for(today: date) -> tuple[date, date]:
    """The days whose fees can matter to a current or coming period: from the start of the
    tax year (or six weeks back, if earlier) to three months ahead."""
    tax_year = period_containing(PeriodKind.TAX_YEAR, today)
    return min(tax_year.start, today - timedelta(days=42)), today + timedelta(days=92)


def people_load(contributor_ids: list[int]) -> dict[int, Person]:
    from contributors.models import BenefitCircumstances
    from payments.models import PaymentPreference

    circumstances = {
        c.user_id: c for c in BenefitCircumstances.objects.filter(user_id__in=contributor_ids)
    }
    preferences = {
        p.contributor_id: p
        for p in PaymentPreference.objects.filter(
            contributor_id__in=contributor_ids, choice=PaymentChoice.CAPPED
        )
    }
    people: dict[int, Person] = {}
    for contributor_id in contributor_ids:
        found = circumstances.get(contributor_id)
        preference = preferences.get(contributor_id)
        people[contributor_id] = Person(
            contributor_id=contributor_id,
            week_start=found.benefit_week_start if found else 0,
            uc_start_day=found.uc_assessment_start_day if found else None,
            codes=tuple(rule_codes_for_circumstances(found)),
            cap_amount=preference.cap_amount if preference else None,
            cap_period=preference.cap_period if preference else "",
        )
    return people


def _day_totals(rows: Iterable[dict[str, Any]]) -> Iterable[tuple[int, date, DayTotal]]:
    for row in rows:
        yield (
            row["contributor_id"],
            row["day"],
            DayTotal(
                paid=row["paid"] or ZERO,
                committed=row["committed"] or ZERO,
                voucher_paid=row["voucher_paid"] or ZERO,
                voucher_committed=row["voucher_committed"] or ZERO,
            ),
        )


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


def ledgers_load(
    contributor_ids: list[int], start: date, end: date, *, detail_from: date | None = None
) -> dict[int, Ledger]:
    """Live fees per contributor and day (paid or not, voucher or not) from ``detail_from``
    to ``end``. Days from ``start`` up to ``detail_from`` are added up into one entry dated
    ``start``: only tax-year periods reach back that far, and they need only the sum."""
    detail_from = max(start, detail_from or start)
    fees = Payment.objects.filter(
        contributor_id__in=contributor_ids, kind=PaymentKind.FEE, status__in=LIVE_STATUSES
    ).exclude(choice=PaymentChoice.DONATE)
    detail = (
        fees.filter(counts_on__gte=detail_from, counts_on__lte=end)
        .values("contributor_id", day=F("counts_on"))
        .annotate(**_SUMS)
        .order_by()
    )
    ledgers: dict[int, Ledger] = {contributor_id: Ledger() for contributor_id in contributor_ids}
    for contributor_id, day, total in _day_totals(detail):
        ledgers[contributor_id].days[day] = total
    if detail_from > start:
        earlier = (
            fees.filter(counts_on__gte=start, counts_on__lt=detail_from)
            .values("contributor_id")
            .annotate(**_SUMS)
            .order_by()
        )
        for contributor_id, _, total in _day_totals({**row, "day": start} for row in earlier):
            ledgers[contributor_id].days[start] = total
    return ledgers


# Evaluating ----------------------------------------------------------------------------------


def statuses_for(
    person: Person,
    ledger: Ledger,
    rules: RuleBook,
    *,
    dates: Iterable[date],
    forecasts: dict[tuple[str, date], tuple[Decimal, int]] | None = None,
) -> list[LimitStatus]:
    """Every limit that applies to ``person`` in each period containing one of ``dates``."""
    seen: dict[tuple[str, date], LimitStatus] = {}
    for day in sorted(set(dates), reverse=True):
        for code in person.codes:
            found = rules.for_payment_date(code, day, person)
            if found is None:
                continue
            rule, period = found
            if (code, period.start) in seen:
                continue
            paid, committed = ledger.totals(period, vouchers_count=rule.vouchers_count)
            extra, sessions = (forecasts or {}).get((code, period.start), (ZERO, 0))
            seen[(code, period.start)] = LimitStatus(
                person.contributor_id,
                code,
                rule,
                period,
                paid,
                committed,
                rule.limit,
                extra,
                sessions,
            )
        if person.cap_amount is not None and person.cap_period:
            period = person.period(person.cap_period, day)
            if (PERSONAL_CAP, period.start) not in seen:
                paid, committed = ledger.totals(period, vouchers_count=True)
                extra, sessions = (forecasts or {}).get((PERSONAL_CAP, period.start), (ZERO, 0))
                seen[(PERSONAL_CAP, period.start)] = LimitStatus(
                    person.contributor_id, PERSONAL_CAP, None, period, paid, committed,
                    person.cap_amount, extra, sessions,
                )  # fmt: skip
    return sorted(seen.values(), key=lambda s: (s.period.start, s.key))


def describe(status: LimitStatus) -> str:
    """One calm sentence about where the contributor stands."""
    what = status.title
    if status.level == Level.EXCEEDED:
        return (
            f"You have gone over {what} ({format_gbp(status.limit)}) in the {status.period.label}: "
            f"{format_gbp(status.counted)} counts so far."
        )
    return (
        f"{format_gbp(status.counted)} of {format_gbp(status.limit)} counts towards {what} "
        f"in the {status.period.label}. {format_gbp(status.headroom)} is left."
    )
