"""Threshold monitoring: evaluate contributors, raise each alert once, tell the contributor,
and warn the organisations they work with (headroom and status only, never the benefit)."""

from __future__ import annotations

import calendar
import logging
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from coproduce.money import ZERO, format_gbp
from opportunities.models import EngagementStatus
from payments.ledger import RuleBook, hours_load, ledgers_load, money_days
from periods import WEEKDAYS, Period, PeriodKind, uk_today

from .evaluation import (
    ESA_HOURS_KEY,
    LEVEL_ORDER,
    Level,
    LimitStatus,
    people_load,
    periods_for,
    statuses_for,
)
from .forecast import forecasts_compute, session_dates, session_rows_load
from .models import AlertLevel, ThresholdAlert
from .organisation_view import notify_organisations

if TYPE_CHECKING:
    from notifications.services import Notice

logger = logging.getLogger(__name__)

ADVICE = (
    "Coproduce does not give benefits advice. For free, independent advice, contact Citizens "
    "Advice, Turn2us or Disability Rights UK, or the NIHR Benefits Advice Service for Involvement."
)


SESSION_HORIZON_DAYS = 92  # how far ahead booked sessions are forecast (totals are never cut)


def contributors_statuses(
    contributor_ids: list[int],
    *,
    today: date,
    on: date | None = None,
    recent_days: int = 42,
    extra_dates: dict[int, set[date]] | None = None,
    with_hours: bool = False,
) -> dict[int, list[LimitStatus]]:
    """Each contributor's limits, always over whole periods: in the periods containing ``on``
    only, or (``on`` None) in every period containing today, a day with money from
    ``recent_days`` ago onwards (however far ahead), or a booked session."""
    rules = RuleBook.load()
    people = people_load(contributor_ids)
    sessions = session_rows_load(
        contributor_ids, start=today, end=today + timedelta(days=SESSION_HORIZON_DAYS)
    )
    booked = session_dates(sessions)
    if on is not None:
        dates_for = {contributor_id: {on} for contributor_id in contributor_ids}
    else:
        money = money_days(contributor_ids, since=today - timedelta(days=recent_days))
        dates_for = {
            contributor_id: {today}
            | money.get(contributor_id, set())
            | (extra_dates or {}).get(contributor_id, set())
            for contributor_id in contributor_ids
        }
    wanted = {
        contributor_id: periods_for(
            person, rules, dates_for[contributor_id] | booked.get(contributor_id, set())
        )
        for contributor_id, person in people.items()
    }
    every = [period for periods in wanted.values() for period in periods]
    if every:
        start, end = min(p.start for p in every), max(p.end for p in every)
    else:
        start = end = today
    ledgers = ledgers_load(contributor_ids, start, end)
    # Hours are the contributor's own business: organisations' views never ask for them.
    hours = hours_load(contributor_ids, start, end) if with_hours else {}
    forecasts = forecasts_compute(sessions, people, ledgers, rules)
    result: dict[int, list[LimitStatus]] = {}
    for contributor_id, person in people.items():
        dates = dates_for[contributor_id] | booked.get(contributor_id, set())
        result[contributor_id] = statuses_for(
            person,
            ledgers[contributor_id],
            rules,
            dates=dates,
            forecasts=forecasts.get(contributor_id, {}),
            hours=hours.get(contributor_id) if with_hours else None,
        )
    return result


class AlertKey(NamedTuple):
    """A tuple, so keys read back from the database compare and hash as cheaply as possible."""

    contributor_id: int
    limit_key: str
    period_start: date
    level: str


def _wanted_alerts(status: LimitStatus) -> list[str]:
    """The current level, once it is not ok; and a forecast alert when booked sessions would
    take the contributor over a limit they are not over yet."""
    wanted = [status.level.value] if status.level != Level.OK else []
    if status.level != Level.EXCEEDED and status.forecast_level == Level.EXCEEDED:
        wanted.append(AlertLevel.FORECAST)
    return wanted


def contributors_evaluate(
    *, contributor_ids: Iterable[int], today: date | None = None
) -> list[ThresholdAlert]:
    """Evaluate contributors: raise any alert whose condition holds and was not raised (or
    was resolved since), and resolve every active alert whose condition no longer holds.
    Safe to run any number of times: an alert is unique per contributor, limit, period and
    level."""
    # An erased (inactive) account keeps its ledger for the organisations' accounts, but nobody
    # is there to warn: the sweep skips them too.
    ids = sorted(
        User.objects.filter(id__in=set(contributor_ids), is_active=True).values_list(
            "id", flat=True
        )
    )
    if not ids:
        return []
    today = today or uk_today()
    active = list(ThresholdAlert.objects.filter(contributor_id__in=ids, resolved_at__isnull=True))
    extra: dict[int, set[date]] = {}
    for alert in active:
        extra.setdefault(alert.contributor_id, set()).add(alert.period_start)
    statuses = contributors_statuses(ids, today=today, extra_dates=extra, with_hours=True)
    wanted: dict[AlertKey, LimitStatus] = {}
    for contributor_id, found in statuses.items():
        for status in found:
            for level in _wanted_alerts(status):
                wanted[AlertKey(contributor_id, status.key, status.period.start, level)] = status
    holding = {
        (contributor_id, status.key, status.period.start): status
        for contributor_id, found in statuses.items()
        for status in found
    }
    alerts_resolve(
        [
            a
            for a in active
            if _key(a) not in wanted and not _still_holds(a, holding.get(_key(a)[:3]))
        ]
    )
    return alerts_raise(wanted, today=today)


def _still_holds(alert: ThresholdAlert, status: LimitStatus | None) -> bool:
    """Levels build on each other: an "approaching" alert still holds once over the limit."""
    if status is None:
        return False
    if alert.level == AlertLevel.FORECAST:
        return status.forecast_level == Level.EXCEEDED
    return LEVEL_ORDER.index(status.level) >= LEVEL_ORDER.index(Level(alert.level))


def _key(alert: ThresholdAlert) -> AlertKey:
    return AlertKey(alert.contributor_id, alert.limit_key, alert.period_start, alert.level)


def _resolved_reason(alert: ThresholdAlert) -> str:
    """Why the condition stopped holding, in plain words, from what changed since it was
    raised."""
    from payments.models import Payment, PaymentStatus

    since = alert.resolved_at or alert.created_at
    noun = "week" if alert.period_kind == "benefit_week" else "period"
    if alert.level == AlertLevel.FORECAST:
        return "the booked sessions changed"
    cancelled = Payment.objects.filter(
        contributor_id=alert.contributor_id,
        status=PaymentStatus.CANCELLED,
        cancelled_at__gte=since,
        counts_on__gte=alert.period_start,
        counts_on__lte=alert.period_end,
    )
    if cancelled.exists():
        return "the fee was cancelled"
    moved = Payment.history.filter(
        contributor_id=alert.contributor_id,
        counts_on__gte=alert.period_start,
        counts_on__lte=alert.period_end,
        history_date__gte=since,
    ).values_list("id", flat=True)
    if (
        Payment.objects.filter(pk__in=list(moved))
        .exclude(counts_on__gte=alert.period_start, counts_on__lte=alert.period_end)
        .exists()
    ):
        return f"the payment moved to another {noun}"
    if alert.limit_key == "personal_cap":
        return "your cap changed"
    return f"less now counts in that {noun}"


def alerts_resolve(alerts: list[ThresholdAlert]) -> None:
    """Mark alerts whose condition no longer holds as resolved, with when and why."""
    now = timezone.now()
    for alert in alerts:
        alert.resolved_reason = _resolved_reason(alert)
        alert.resolved_at = now
    if alerts:
        ThresholdAlert.objects.bulk_update(alerts, ["resolved_at", "resolved_reason"])


def alerts_raise(
    wanted: dict[AlertKey, LimitStatus], *, today: date | None = None
) -> list[ThresholdAlert]:
    """Create the alerts not raised before (or raise again those resolved since) and tell
    people about them, in one transaction. Unique per contributor, limit, period and level,
    so a re-run creates nothing. An alert for a period already over is history: listed in the
    contributor's alerts, never e-mailed."""
    if not wanted:
        return []
    today = today or uk_today()
    ids = sorted({key.contributor_id for key in wanted})
    # A range, not a list of ids: a sweep chunk has thousands of contributors.
    mine = Q(contributor_id__gte=ids[0], contributor_id__lte=ids[-1])
    with transaction.atomic():
        earliest = min(key.period_start for key in wanted)
        starts = {key.period_start for key in wanted}  # a few dozen: the periods in question
        existing: set[AlertKey] = set()
        again: list[ThresholdAlert] = []
        for alert in ThresholdAlert.objects.filter(mine, period_start__in=starts):
            key = _key(alert)
            if key not in wanted:
                continue
            existing.add(key)
            if alert.resolved_at is not None:  # the condition came back: raise it again
                status = wanted[key]
                alert.resolved_at, alert.resolved_reason = None, ""
                alert.times_raised += 1
                alert.notified_at = None
                alert.counted, alert.forecast = status.counted, status.forecast
                again.append(alert)
        if again:
            ThresholdAlert.objects.bulk_update(
                again,
                ["resolved_at", "resolved_reason", "times_raised", "notified_at", "counted",
                 "forecast"],
            )  # fmt: skip
        new = [
            ThresholdAlert(
                contributor_id=key.contributor_id,
                limit_key=key.limit_key,
                rule=status.rule,
                period_kind=status.period.kind.value,
                period_start=status.period.start,
                period_end=status.period.end,
                level=key.level,
                counted=status.counted,
                forecast=status.forecast,
                limit=status.limit,
                history=status.period.end < today,
            )
            for key, status in wanted.items()
            if key not in existing
        ]
        if not new and not again:
            return []
        ThresholdAlert.objects.bulk_create(new, ignore_conflicts=True)
        created = list(
            ThresholdAlert.objects.select_for_update(of=("self",))
            .filter(mine, notified_at__isnull=True, period_start__gte=earliest)
            .select_related("rule", "contributor")
        )
        _notify_all(created)
        ThresholdAlert.objects.bulk_update(created, ["notified_at"])
    return created


def contributor_evaluate(*, contributor_id: int, today: date | None = None) -> list[ThresholdAlert]:
    return contributors_evaluate(contributor_ids=[contributor_id], today=today)


# Messages ------------------------------------------------------------------------------------


CAP_CONSEQUENCE = (
    "Your cap is a limit you chose. Coproduce cuts new fees so that what counts in each period "
    "stays within it, and holds a payment that would pass it on the day it is paid until a day "
    "it fits."
)


def limit_name(title: str | None) -> str:
    """A rule's title as it reads inside a sentence: "the ESA permitted work lower limit"."""
    if not title:
        return "the cap you set yourself"
    return "the " + title.replace(": ", " ")


def _day_month(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {calendar.month_name[day.month]}"


def period_phrase(period: Period) -> str:
    """A period as it reads inside a sentence, for the contributor."""
    if period.kind == PeriodKind.TAX_YEAR:
        return f"the {period.start.year}/{str(period.end.year)[-2:]} tax year"
    if period.kind == PeriodKind.CALENDAR_MONTH:
        return f"{calendar.month_name[period.start.month]} {period.start.year}"
    noun = {
        PeriodKind.BENEFIT_WEEK: "benefit week",
        PeriodKind.UC_ASSESSMENT_PERIOD: "assessment period",
        PeriodKind.TAX_WEEK: "tax week",
    }[period.kind]
    start = _day_month(period.start)
    if period.start.year != period.end.year:
        start = f"{start} {period.start.year}"
    return f"the {noun} from {start} to {_day_month(period.end)} {period.end.year}"


def _money_lead(alert: ThresholdAlert, where: str, left: Decimal) -> tuple[str, str]:
    what = limit_name(alert.rule.title if alert.rule else None)
    if alert.level == AlertLevel.APPROACHING:
        return (
            f"You are close to {what}",
            f"{format_gbp(alert.counted)} counts in {where}. The limit is "
            f"{format_gbp(alert.limit)}, so {format_gbp(left)} more would reach it.",
        )
    if alert.level == AlertLevel.REACHED:
        return (
            f"You have reached {what}",
            f"{format_gbp(alert.counted)} counts in {where}. That is the limit of "
            f"{format_gbp(alert.limit)}.",
        )
    if alert.level == AlertLevel.EXCEEDED:
        return (
            f"You have gone over {what}",
            f"{format_gbp(alert.counted)} counts in {where}. The limit is "
            f"{format_gbp(alert.limit)}.",
        )
    return (
        f"Booked sessions would take you past {what}",
        f"If you go to the sessions booked in {where}, {format_gbp(alert.forecast)} would "
        f"count. The limit is {format_gbp(alert.limit)}.",
    )


def _hours_lead(alert: ThresholdAlert, where: str) -> tuple[str, str]:
    hours = f"{alert.counted.normalize():f}"
    if alert.level == AlertLevel.EXCEEDED:
        title = "Your recorded hours are over 16 in one benefit week"
    else:
        title = "Your recorded hours are close to 16 in one benefit week"
    lead = (
        f"{hours} hours of paid work are recorded in {where}. ESA's higher permitted work "
        "limit is for work of under 16 hours a week."
    )
    return title, lead


def alert_message(alert: ThresholdAlert) -> tuple[str, str]:
    """A calm title and body for the contributor: facts about the limit and the period, what
    crossing it can mean, and where to get independent advice."""
    period = Period(PeriodKind(alert.period_kind), alert.period_start, alert.period_end)
    where = period_phrase(period)
    left = max(ZERO, alert.limit - alert.counted)
    if alert.limit_key == ESA_HOURS_KEY:
        title, lead = _hours_lead(alert, where)
        consequence = (
            "Working 16 hours or more in a week can affect ESA, whatever you are paid. Hours "
            "are as the organisations recorded them."
        )
    else:
        title, lead = _money_lead(alert, where, left)
        consequence = alert.rule.consequence if alert.rule else CAP_CONSEQUENCE
    parts = [lead, f"What this limit means: {consequence}"]
    if alert.resolved_at is not None:
        parts.insert(0, f"This no longer applies: {alert.resolved_reason}.")
    parts += [
        "How you are paid is your choice, and you can change it at any time: the full fee, a "
        "lower amount, a cap, expenses only or a gift to a charity. Organisations are not told "
        "which benefits you get.",
        ADVICE,
    ]
    return title, "\n\n".join(parts)


def _contributor_notice(alert: ThresholdAlert) -> Notice:
    from notifications.services import Notice

    title, body = alert_message(alert)
    return Notice(
        user_id=alert.contributor_id,
        kind="threshold_alert",
        dedupe_key=(
            f"threshold-alert:{alert.pk}"
            if alert.times_raised == 1
            else f"threshold-alert:{alert.pk}:{alert.times_raised}"
        ),
        title=title,
        body=body,
        link="/me/alerts",
    )


def _notify_all(alerts: list[ThresholdAlert]) -> None:
    """Tell contributors about their new alerts (history is never told) in one batch of
    notifications, each e-mail its own queued task; organisations hear only about contributors
    who share their headroom (asked once for all of them)."""
    from contributors.models import ContributorProfile
    from notifications.services import notify_many

    told = [alert for alert in alerts if not alert.history]
    sharing = set(
        ContributorProfile.objects.filter(
            user_id__in={alert.contributor_id for alert in told}, share_headroom=True
        ).values_list("user_id", flat=True)
    )
    notify_many([_contributor_notice(alert) for alert in told])
    for alert in told:
        if alert.contributor_id in sharing:
            notify_organisations(alert)
    now = timezone.now()
    for alert in alerts:
        alert.notified_at = now


def planned_payments_notify(*, payment_ids: list[int], today: date | None = None) -> int:
    """For each planned payment that would take its contributor past a limit they track (a
    benefit or tax rule) in the period it is planned to land in, tell the contributor before
    the day, in the app and by e-mail, once per payment, date and limit. Returns how many."""
    from notifications.services import notify
    from payments.ledger import payment_counts
    from payments.models import Payment, PaymentStatus

    today = today or uk_today()
    payments = [
        p
        for p in Payment.objects.filter(pk__in=payment_ids, planned_on__isnull=False)
        .exclude(status=PaymentStatus.PAID)
        .select_related("organisation", "contributor")
        if payment_counts(p) and p.payable > ZERO and p.planned_on and p.planned_on >= today
    ]
    told = 0
    for payment in payments:
        day = payment.counts_on
        statuses = contributors_statuses([payment.contributor_id], today=today, on=day)
        for status in statuses[payment.contributor_id]:
            if status.rule is None or status.level != Level.EXCEEDED:
                continue
            where = period_phrase(status.period)
            body = "\n\n".join(
                [
                    f"A payment of {format_gbp(payment.payable)} from "
                    f"{payment.organisation.name} is planned for {day:%-d %B}. With it, "
                    f"{format_gbp(status.counted)} would count in {where}. The limit for "
                    f"{limit_name(status.rule.title)} is {format_gbp(status.limit)}.",
                    f"What this limit means: {status.rule.consequence}",
                    "You can ask the organisation to pay it on a later date, or change how you "
                    "are paid for future fees. Organisations are not told which benefits you get.",
                    ADVICE,
                ]
            )
            notify(
                user=payment.contributor,
                kind="threshold_alert",
                dedupe_key=f"planned:{payment.pk}:{day.isoformat()}:{status.key}",
                title=f"A planned payment would take you past {limit_name(status.rule.title)}",
                body=body,
                link="/me/alerts",
            )
            told += 1
    return told


def contributors_with_booked_sessions(*, today: date | None = None, days: int = 31) -> list[int]:
    from opportunities.models import Session

    today = today or uk_today()
    ids = Session.objects.filter(
        date__gte=today,
        date__lte=today + timedelta(days=days),
        opportunity__engagements__status=EngagementStatus.ACTIVE,
    ).values_list("opportunity__engagements__contributor_id", flat=True)
    return sorted(set(ids.distinct()))


def all_contributor_ids() -> list[int]:
    return list(
        User.objects.filter(account_type="contributor", is_active=True).values_list("pk", flat=True)
    )


@transaction.atomic
def alert_acknowledge(*, contributor: User, alert: ThresholdAlert) -> ThresholdAlert:
    locked = ThresholdAlert.objects.select_for_update().get(pk=alert.pk, contributor=contributor)
    if locked.acknowledged_at is None:
        locked.acknowledged_at = timezone.now()
        locked.save(update_fields=["acknowledged_at"])
    return locked
