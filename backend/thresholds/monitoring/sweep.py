"""The periodic sweep: every contributor's current periods, added up in the database.

Benefit weeks and assessment periods depend on the person, but there are only 7 possible
weeks and 31 possible assessment periods containing today, so the database can bucket every
payment with a CASE on the person's start day. The sweep therefore costs one aggregation per
chunk of contributors; Python looks only at the totals. Booked sessions are looked at by the
daily forecast, which runs the full evaluation for the people who have them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.db import connection

from accounts.models import AccountType, User
from contributors.models import CIRCUMSTANCE_FIELDS, BenefitCircumstances
from coproduce.money import ZERO
from payments.ledger import Calendar
from payments.models import (
    LIVE_STATUSES,
    Payment,
    PaymentChoice,
    PaymentKind,
    PaymentMethod,
    PaymentPreference,
)
from periods import Period, PeriodKind, period_containing, uk_today
from thresholds.models import ThresholdAlert
from thresholds.rules.selectors import rule_codes_for_circumstances

from ..rules.book import rule_book
from .alerts import AlertKey, alerts_raise
from .evaluation import PERSONAL_CAP, LimitStatus, Person, approaching_ratio, level_for

# Contributor ids per chunk. Each chunk is one aggregation; larger chunks let the database
# scan instead of probing the index per contributor (measured: 2,000 ids per chunk cost 2.8x
# one pass over everyone, 10,000 cost 1.3x), while still spreading a large sweep over workers.
SWEEP_RANGE = 25_000


@dataclass(frozen=True)
class CurrentPeriods:
    weeks: dict[int, Period]
    uc: dict[int, Period]
    month: Period
    tax_year: Period

    @classmethod
    def on(cls, today: date) -> CurrentPeriods:
        return cls(
            weeks={
                d: period_containing(PeriodKind.BENEFIT_WEEK, today, week_start=d) for d in range(7)
            },
            uc={
                d: period_containing(PeriodKind.UC_ASSESSMENT_PERIOD, today, uc_start_day=d)
                for d in range(1, 32)
            },
            month=period_containing(PeriodKind.CALENDAR_MONTH, today),
            tax_year=period_containing(PeriodKind.TAX_YEAR, today),
        )

    @property
    def window(self) -> tuple[date, date]:
        every = [*self.weeks.values(), *self.uc.values(), self.month, self.tax_year]
        return min(p.start for p in every), max(p.end for p in every)


BUCKET = {
    PeriodKind.BENEFIT_WEEK.value: "week",
    PeriodKind.UC_ASSESSMENT_PERIOD.value: "uc",
    PeriodKind.CALENDAR_MONTH.value: "month",
    PeriodKind.TAX_YEAR.value: "tax_year",
}


def _case(
    column: str, periods: dict[int, Period], default: int, attr: str
) -> tuple[str, list[Any]]:
    whens = " ".join("WHEN %s THEN %s" for _ in periods)
    params: list[Any] = [v for key, p in periods.items() for v in (key, getattr(p, attr))]
    return f"(CASE COALESCE({column}, {default}) {whens} END)", params


def current_totals(*, first_id: int, last_id: int, today: date) -> dict[int, dict[str, Decimal]]:
    """Fees counting in each contributor's current periods (ids first_id..last_id), by bucket.

    Written in SQL: the ORM took longer to build this one statement (two CASEs of 7 and 31
    branches for each bound of each sum) than the database took to run it. What counts is the
    ledger's ``COUNTS`` (fees, live, not donated), as ``payment_counts`` says it."""
    current = CurrentPeriods.on(today)
    start, end = current.window
    bounds: dict[str, tuple[tuple[str, list[Any]], tuple[str, list[Any]]]] = {
        "week": (
            _case("c.benefit_week_start", current.weeks, 0, "start"),
            _case("c.benefit_week_start", current.weeks, 0, "end"),
        ),
        "uc": (
            _case("c.uc_assessment_start_day", current.uc, 1, "start"),
            _case("c.uc_assessment_start_day", current.uc, 1, "end"),
        ),
        "month": (("%s", [current.month.start]), ("%s", [current.month.end])),
        "tax_year": (("%s", [current.tax_year.start]), ("%s", [current.tax_year.end])),
    }
    columns: list[str] = []
    params: list[Any] = []
    names: list[str] = []
    for name, ((lo, lo_params), (hi, hi_params)) in bounds.items():
        within = f"p.counts_on BETWEEN {lo} AND {hi}"
        columns.append(f"SUM(p.payable) FILTER (WHERE {within})")
        columns.append(f"SUM(p.payable) FILTER (WHERE {within} AND p.method = %s)")
        params += [*lo_params, *hi_params, *lo_params, *hi_params, PaymentMethod.VOUCHER]
        names += [name, f"{name}_vouchers"]
    live = ", ".join("%s" for _ in LIVE_STATUSES)
    # Only table names and placeholders are formatted in: every value is a parameter.
    sql = f"""
        SELECT p.contributor_id, {", ".join(columns)}
        FROM {Payment._meta.db_table} p
        LEFT JOIN {BenefitCircumstances._meta.db_table} c ON c.user_id = p.contributor_id
        WHERE p.kind = %s AND p.status IN ({live}) AND p.choice <> %s
          AND p.contributor_id BETWEEN %s AND %s AND p.counts_on BETWEEN %s AND %s
        GROUP BY p.contributor_id
    """  # noqa: S608
    params += [PaymentKind.FEE, *LIVE_STATUSES, PaymentChoice.DONATE]
    params += [first_id, last_id, start, end]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {row[0]: dict(zip(names, (_money(v) for v in row[1:]), strict=True)) for row in rows}


def _money(value: Any) -> Decimal:
    """A sum as the database gives it (PostgreSQL: pounds and pence already; SQLite: a float
    or an int) as pounds and pence."""
    if value is None:
        return ZERO
    if type(value) is Decimal:
        return value
    return Decimal(str(value)).quantize(Decimal("0.01"))


# The answers that decide which limits apply (week and assessment-period days decide when).
CODE_FIELDS = tuple(
    field
    for field in CIRCUMSTANCE_FIELDS
    if field not in {"benefit_week_start", "uc_assessment_start_day", "receives_pip_dla_adp"}
)


def _people(ids: list[int]) -> dict[int, Person]:
    """Who is who, for contributors ids[0]..ids[-1] (a range: the chunk has thousands)."""
    found = {
        row[0]: row
        for row in BenefitCircumstances.objects.filter(
            user_id__gte=ids[0], user_id__lte=ids[-1]
        ).values_list("user_id", "benefit_week_start", "uc_assessment_start_day", *CODE_FIELDS)
    }
    caps = dict(
        (row[0], row[1:])
        for row in PaymentPreference.objects.filter(
            contributor_id__gte=ids[0], contributor_id__lte=ids[-1], choice=PaymentChoice.CAPPED
        ).values_list("contributor_id", "cap_amount", "cap_period")
    )
    codes_for: dict[tuple[Any, ...], tuple[str, ...]] = {}
    people = {}
    for contributor_id in ids:
        row = found.get(contributor_id)
        answers = row[3:] if row else None
        if answers not in codes_for:  # people share a handful of combinations of answers
            circumstances = (
                SimpleNamespace(**dict(zip(CODE_FIELDS, answers, strict=True))) if answers else None
            )
            codes_for[answers] = tuple(rule_codes_for_circumstances(circumstances))  # type: ignore[arg-type, index]
        cap = caps.get(contributor_id)
        people[contributor_id] = Person(
            contributor_id=contributor_id,
            calendar=Calendar(row[1] or 0, row[2]) if row else Calendar(),
            codes=codes_for[answers],  # type: ignore[index]
            cap_amount=cap[0] if cap else None,
            cap_period=cap[1] if cap else "",
        )
    return people


def _counted(totals: dict[str, Decimal], kind: str, *, vouchers_count: bool) -> Decimal | None:
    bucket = BUCKET.get(kind)
    if bucket is None:
        return None
    total = totals[bucket]
    return total if vouchers_count else total - totals[f"{bucket}_vouchers"]


def sweep_range(*, first_id: int, last_id: int, today: date | None = None) -> list[ThresholdAlert]:
    """Check everyone in an id range against their current periods; raise new alerts."""
    today = today or uk_today()
    totals = current_totals(first_id=first_id, last_id=last_id, today=today)
    if not totals:
        return []
    rules = rule_book()
    people = _people(sorted(totals))
    ratio = approaching_ratio()
    rule_periods: dict[tuple[str, int, int | None], tuple[Any, Period] | None] = {}
    wanted: dict[AlertKey, LimitStatus] = {}
    for contributor_id, sums in totals.items():
        person = people[contributor_id]
        limits: list[tuple[str, Any, Period, Decimal, Decimal]] = []
        for code in person.codes:
            # Today's rule and period depend only on the person's start days: ask once each.
            cache_key = (code, person.calendar.week_start, person.calendar.uc_start_day)
            if cache_key not in rule_periods:
                figure = rules.figure(code, today, person.calendar)
                rule_periods[cache_key] = (figure.rule, figure.period) if figure else None
            found = rule_periods[cache_key]
            if found is None:
                continue
            rule, period = found
            counted = _counted(sums, rule.period_kind, vouchers_count=rule.vouchers_count)
            if counted is not None:
                limits.append((code, rule, period, counted, rule.limit))
        if person.cap_amount is not None and person.cap_period:
            counted = _counted(sums, person.cap_period, vouchers_count=True)
            if counted is not None:
                period = person.period(person.cap_period, today)
                limits.append((PERSONAL_CAP, None, period, counted, person.cap_amount))
        for key, rule, period, counted, limit in limits:
            if counted < limit * ratio:
                continue  # ok: the usual case, decided without building anything
            # The sweep sees totals, not which part is paid, and no booked sessions (the daily
            # forecast looks at those): one alert, at the current level.
            level = level_for(counted, limit)
            wanted[AlertKey(contributor_id, key, period.start, level.value)] = LimitStatus(
                contributor_id, key, rule, period, ZERO, counted, limit
            )
    return alerts_raise(wanted)


def sweep_ranges() -> list[tuple[int, int]]:
    """Contributor id ranges of SWEEP_RANGE ids, covering every contributor."""
    ids = User.objects.filter(account_type=AccountType.CONTRIBUTOR).order_by("pk")
    first = ids.values_list("pk", flat=True).first()
    last = ids.reverse().values_list("pk", flat=True).first()
    if first is None or last is None:
        return []
    return [(lo, min(lo + SWEEP_RANGE - 1, last)) for lo in range(first, last + 1, SWEEP_RANGE)]
