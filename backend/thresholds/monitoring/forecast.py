"""What booked sessions would add: each future session of an active engagement, at its pay
offer, with the contributor's payment choice applied as it would be when the fee is recorded."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F

from coproduce.money import ZERO
from opportunities.models import Attendance, EngagementStatus, Session
from opportunities.pay import offered_fee
from payments.choice import ChoiceSpec, decide_fee
from payments.models import EngagementPaymentChoice, PaymentChoice, PaymentMethod, PaymentPreference

from .evaluation import PERSONAL_CAP, Ledger, Person, RuleBook

Forecasts = dict[tuple[str, date], tuple[Decimal, int]]
SessionRow = dict[str, Any]


def session_rows_load(contributor_ids: list[int], *, start: date, end: date) -> list[SessionRow]:
    """Booked sessions of active engagements from ``start`` to ``end``, in date order."""
    ids = contributor_ids
    return list(
        Session.objects.filter(
            date__gte=start,
            date__lte=end,
            opportunity__engagements__contributor_id__in=ids,
            opportunity__engagements__status=EngagementStatus.ACTIVE,
        )
        .annotate(
            engagement_id=F("opportunity__engagements__id"),
            contributor_id=F("opportunity__engagements__contributor_id"),
            rate=F("opportunity__pay_rate"),
            unit=F("opportunity__pay_unit"),
        )
        .values("id", "date", "planned_hours", "engagement_id", "contributor_id", "rate", "unit")
        .order_by("date", "start_time", "id")
    )


def session_dates(rows: list[SessionRow]) -> dict[int, set[date]]:
    found: dict[int, set[date]] = defaultdict(set)
    for row in rows:
        found[row["contributor_id"]].add(row["date"])
    return found


def forecasts_compute(
    rows: list[SessionRow],
    people: dict[int, Person],
    ledgers: dict[int, Ledger],
    rules: RuleBook,
    preferences: dict[int, PaymentPreference | None],
) -> dict[int, Forecasts]:
    """What each booked session would add to each limit's period, with the contributor's
    choice applied as it would be when the fee is recorded. ``ledgers`` must cover the whole
    cap periods of the sessions. ``preferences``: each contributor's payment preference (or
    None), as read with their user row."""
    if not rows:
        return {}
    engagement_ids = {row["engagement_id"] for row in rows}
    attended = set(
        Attendance.objects.filter(engagement_id__in=engagement_ids).values_list(
            "engagement_id", "session_id"
        )
    )
    has_attended = {engagement_id for engagement_id, _ in attended}
    overrides = {
        c.engagement_id: c
        for c in EngagementPaymentChoice.objects.filter(engagement_id__in=engagement_ids)
    }

    results: dict[int, Forecasts] = {}
    simulated: dict[int, dict[date, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for row in rows:
        if (row["engagement_id"], row["id"]) in attended or not row["unit"]:
            continue
        person = people[row["contributor_id"]]
        first = row["engagement_id"] not in has_attended
        offered = offered_fee(
            rate=row["rate"], unit=row["unit"], hours=row["planned_hours"], first_attendance=first
        )
        has_attended.add(row["engagement_id"])
        if offered <= ZERO:
            continue
        override = overrides.get(row["engagement_id"])
        spec = (
            ChoiceSpec.from_row(override, "engagement")
            if override
            else ChoiceSpec.from_row(preferences.get(person.contributor_id), "preference")
        )
        day: date = row["date"]
        cap_used = ZERO
        if spec.choice == PaymentChoice.CAPPED and spec.cap_period:
            cap_period = person.period(spec.cap_period, day)
            paid, committed = ledgers[person.contributor_id].totals(cap_period, vouchers_count=True)
            extra = sum(
                (
                    v
                    for d, v in simulated[person.contributor_id].items()
                    if cap_period.start <= d <= cap_period.end
                ),
                start=ZERO,
            )
            cap_used = paid + committed + extra
        payable = decide_fee(offered=offered, spec=spec, cap_used=cap_used).payable
        if spec.choice in (PaymentChoice.EXPENSES_ONLY, PaymentChoice.DONATE) or payable <= ZERO:
            continue
        simulated[person.contributor_id][day] += payable
        forecasts = results.setdefault(person.contributor_id, {})
        for code in person.codes:
            figure = rules.figure(code, day, person.calendar)
            if figure is None:
                continue
            rule, period = figure.rule, figure.period
            if spec.method == PaymentMethod.VOUCHER and not rule.vouchers_count:
                continue
            amount, count = forecasts.get((code, period.start), (ZERO, 0))
            forecasts[(code, period.start)] = (amount + payable, count + 1)
        if person.cap_amount is not None and person.cap_period:
            period = person.period(person.cap_period, day)
            amount, count = forecasts.get((PERSONAL_CAP, period.start), (ZERO, 0))
            forecasts[(PERSONAL_CAP, period.start)] = (amount + payable, count + 1)
    return results
