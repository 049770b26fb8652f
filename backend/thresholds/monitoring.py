"""Threshold monitoring: evaluate contributors, raise each alert once, tell the contributor,
and warn the organisations they work with (headroom and status only, never the benefit)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from coproduce.money import ZERO, format_gbp
from opportunities.models import EngagementStatus
from periods import uk_today

from .evaluation import (
    LONGEST_SHORT_PERIOD,
    Level,
    LimitStatus,
    RuleBook,
    ledgers_load,
    people_load,
    statuses_for,
    window_for,
)
from .forecast import forecast_dates, forecasts_load
from .models import AlertLevel, ThresholdAlert
from .organisation_view import notify_organisations

logger = logging.getLogger(__name__)

ADVICE = (
    "Coproduce does not give benefits advice. For free, independent advice, contact Citizens "
    "Advice, Turn2us or Disability Rights UK, or the NIHR Benefits Advice Service for Involvement."
)


def contributors_statuses(
    contributor_ids: list[int], *, today: date, on: date | None = None, recent_days: int = 42
) -> dict[int, list[LimitStatus]]:
    """Each contributor's limits: in the periods containing ``on`` only, or (``on`` None) in
    every period with money or booked sessions from ``recent_days`` ago onwards."""
    rules = RuleBook.load()
    people = people_load(contributor_ids)
    start, end = window_for(min(today, on) if on else today)
    if on is not None:
        end = max(end, on + timedelta(days=1))
    first_day = (
        min(on, today - timedelta(days=recent_days)) if on else today - timedelta(days=recent_days)
    )
    ledgers = ledgers_load(
        contributor_ids, start, end, detail_from=first_day - timedelta(days=LONGEST_SHORT_PERIOD)
    )
    forecasts = forecasts_load(people, ledgers, rules, start=today, end=end)
    result: dict[int, list[LimitStatus]] = {}
    for contributor_id, person in people.items():
        ledger = ledgers[contributor_id]
        mine = forecasts.get(contributor_id, {})
        if on is not None:
            dates: set[date] = {on}
        else:
            horizon = today - timedelta(days=recent_days)
            dates = {today} | {d for d in ledger.days if d >= horizon} | forecast_dates(mine)
        result[contributor_id] = statuses_for(person, ledger, rules, dates=dates, forecasts=mine)
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
    """Evaluate contributors and raise any alert not raised before. Safe to run any number of
    times: an alert is unique per contributor, limit, period and level."""
    ids = sorted(set(contributor_ids))
    if not ids:
        return []
    statuses = contributors_statuses(ids, today=today or uk_today())
    wanted: dict[AlertKey, LimitStatus] = {}
    for contributor_id, found in statuses.items():
        for status in found:
            for level in _wanted_alerts(status):
                wanted[AlertKey(contributor_id, status.key, status.period.start, level)] = status
    return alerts_raise(wanted)


def alerts_raise(wanted: dict[AlertKey, LimitStatus]) -> list[ThresholdAlert]:
    """Create the alerts not raised before and tell people about them, in one transaction.
    Unique per contributor, limit, period and level, so a re-run creates nothing."""
    if not wanted:
        return []
    ids = sorted({key.contributor_id for key in wanted})
    # A range, not a list of ids: a sweep chunk has thousands of contributors.
    mine = Q(contributor_id__gte=ids[0], contributor_id__lte=ids[-1])
    with transaction.atomic():
        earliest = min(key.period_start for key in wanted)
        starts = {key.period_start for key in wanted}  # a few dozen: the periods in question
        existing = set(
            ThresholdAlert.objects.filter(mine, period_start__in=starts).values_list(
                "contributor_id", "limit_key", "period_start", "level"
            )
        )
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
            )
            for key, status in wanted.items()
            if key not in existing
        ]
        if not new:
            return []
        ThresholdAlert.objects.bulk_create(new, ignore_conflicts=True)
        created = list(
            ThresholdAlert.objects.select_for_update(of=("self",))
            .filter(mine, notified_at__isnull=True, period_start__gte=earliest)
            .select_related("rule", "contributor")
        )
        for alert in created:
            _notify_contributor(alert)
            notify_organisations(alert)
            alert.notified_at = timezone.now()
        ThresholdAlert.objects.bulk_update(created, ["notified_at"])
    return created


def contributor_evaluate(*, contributor_id: int, today: date | None = None) -> list[ThresholdAlert]:
    return contributors_evaluate(contributor_ids=[contributor_id], today=today)


# Messages ------------------------------------------------------------------------------------


def _what(alert: ThresholdAlert) -> str:
    return alert.rule.title if alert.rule else "the cap you set yourself"


def alert_message(alert: ThresholdAlert) -> tuple[str, str]:
    """A calm title and body for the contributor: the limit, the room left, what crossing it
    would mean, and where to get independent advice."""
    from periods import Period, PeriodKind

    period = Period(PeriodKind(alert.period_kind), alert.period_start, alert.period_end)
    what = _what(alert)
    left = max(ZERO, alert.limit - alert.counted)
    consequence = (
        alert.rule.consequence if alert.rule else "Fees above your cap will not be paid to you."
    )
    if alert.level == AlertLevel.APPROACHING:
        title = f"You are close to {what}"
        lead = (
            f"{format_gbp(alert.counted)} of {format_gbp(alert.limit)} now counts in the "
            f"{period.label}. You have {format_gbp(left)} left."
        )
    elif alert.level == AlertLevel.REACHED:
        title = f"You have reached {what}"
        lead = (
            f"{format_gbp(alert.counted)} counts in the {period.label}, which is the limit of "
            f"{format_gbp(alert.limit)}."
        )
    elif alert.level == AlertLevel.EXCEEDED:
        title = f"You have gone over {what}"
        lead = (
            f"{format_gbp(alert.counted)} counts in the {period.label}. The limit is "
            f"{format_gbp(alert.limit)}."
        )
    else:
        title = f"Booked sessions would take you past {what}"
        lead = (
            f"If you go to the sessions booked in the {period.label}, {format_gbp(alert.forecast)} "
            f"would count. The limit is {format_gbp(alert.limit)}."
        )
    body = "\n\n".join(
        [
            lead,
            f"What this limit means: {consequence}",
            "You can change how you are paid at any time, for example to a lower amount, a cap or "
            "expenses only. Organisations are not told which benefits you get.",
            ADVICE,
        ]
    )
    return title, body


def _notify_contributor(alert: ThresholdAlert) -> None:
    from notifications.services import notify

    title, body = alert_message(alert)
    notify(
        user=alert.contributor,
        kind="threshold_alert",
        dedupe_key=f"threshold-alert:{alert.pk}",
        title=title,
        body=body,
        link="/me/alerts",
    )


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
