"""Raising alerts: evaluate contributors, raise each alert once, tell the contributor, and warn
the organisations they work with (headroom and status only, never the benefit)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from contributors.models import ContributorProfile
from coproduce.money import ZERO, format_gbp
from notifications.services import Notice, notify, notify_many
from payments.ledger import payment_counts
from payments.models import Payment, PaymentStatus
from periods import uk_today
from thresholds.models import AlertLevel, ThresholdAlert

from .evaluation import (
    Level,
    LimitStatus,
    people_users,
)
from .messages import ADVICE, alert_message, limit_name, period_phrase
from .organisation_view import notify_organisations
from .statuses import contributors_statuses

logger = logging.getLogger(__name__)


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
    users = {
        pk: user for pk, user in people_users(list(set(contributor_ids))).items() if user.is_active
    }
    ids = sorted(users)
    if not ids:
        return []
    today = today or uk_today()
    active = list(ThresholdAlert.objects.filter(contributor_id__in=ids, resolved_at__isnull=True))
    extra: dict[int, set[date]] = {}
    for alert in active:
        extra.setdefault(alert.contributor_id, set()).add(alert.period_start)
    statuses = contributors_statuses(
        ids, today=today, extra_dates=extra, with_hours=True, users=users
    )
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
    if wanted.keys() <= {_key(a) for a in active}:
        return []  # every alert wanted is raised already (the usual case after a payment)
    return alerts_raise(wanted, today=today)


def _still_holds(alert: ThresholdAlert, status: LimitStatus | None) -> bool:
    """Levels build on each other: an "approaching" alert still holds once over the limit."""
    if status is None:
        return False
    if alert.level == AlertLevel.FORECAST:
        return status.forecast_level == Level.EXCEEDED
    return status.level.rank >= Level(alert.level).rank


def _key(alert: ThresholdAlert) -> AlertKey:
    return AlertKey(alert.contributor_id, alert.limit_key, alert.period_start, alert.level)


def _resolved_reason(alert: ThresholdAlert) -> str:
    """Why the condition stopped holding, in plain words, from what changed since it was
    raised."""

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
        resolved: list[int] = []
        # Keys only (a steady sweep finds thousands, every one already raised); whole rows
        # just for the few raised again.
        for (
            pk,
            contributor_id,
            limit_key,
            period_start,
            level,
            resolved_at,
        ) in ThresholdAlert.objects.filter(mine, period_start__in=starts).values_list(
            "pk", "contributor_id", "limit_key", "period_start", "level", "resolved_at"
        ):
            key = AlertKey(contributor_id, limit_key, period_start, level)
            if key not in wanted:
                continue
            existing.add(key)
            if resolved_at is not None:  # the condition came back: raise it again
                resolved.append(pk)
        again: list[ThresholdAlert] = []
        if resolved:
            for alert in ThresholdAlert.objects.filter(pk__in=resolved):
                status = wanted[_key(alert)]
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


def _contributor_notice(alert: ThresholdAlert) -> Notice:
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


def alert_acknowledge(*, contributor: User, alert: ThresholdAlert) -> ThresholdAlert:
    locked = ThresholdAlert.objects.select_for_update().get(pk=alert.pk, contributor=contributor)
    if locked.acknowledged_at is None:
        locked.acknowledged_at = timezone.now()
        locked.save(update_fields=["acknowledged_at"])
    return locked
