"""Thin Celery tasks for threshold monitoring: ids in, one service call each.

Retries are for the database being briefly unavailable only; evaluation is idempotent (an
alert is unique per contributor, limit, period and level), so a retry or a duplicate message
changes nothing.
"""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

SWEEP_CHUNK = 500


def _fan_out(contributor_ids: list[int]) -> int:
    for start in range(0, len(contributor_ids), SWEEP_CHUNK):
        evaluate_contributors.delay(contributor_ids[start : start + SWEEP_CHUNK])
    return len(contributor_ids)


@shared_task(
    name="thresholds.evaluate_contributor",
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def evaluate_contributor(contributor_id: int) -> None:
    """Enqueued on commit after every change to a contributor's money."""
    from .monitoring import contributor_evaluate

    contributor_evaluate(contributor_id=contributor_id)


@shared_task(
    name="thresholds.evaluate_contributors",
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def evaluate_contributors(contributor_ids: list[int]) -> None:
    from .monitoring import contributors_evaluate

    contributors_evaluate(contributor_ids=contributor_ids)


@shared_task(
    name="thresholds.sweep",
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def sweep() -> int:
    """The safety net: everyone's current periods, in chunks of contributor ids, so a lost
    on-commit message is caught within one sweep interval."""
    from .sweep import sweep_ranges

    ranges = sweep_ranges()
    for first_id, last_id in ranges:
        sweep_chunk.delay(first_id, last_id)
    return len(ranges)


@shared_task(
    name="thresholds.sweep_chunk",
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def sweep_chunk(first_id: int, last_id: int) -> None:
    from .sweep import sweep_range

    sweep_range(first_id=first_id, last_id=last_id)


@shared_task(
    name="thresholds.forecast_daily",
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def forecast_daily() -> int:
    """Each morning, look ahead at booked sessions for the coming period."""
    from .monitoring import contributors_with_booked_sessions

    return _fan_out(contributors_with_booked_sessions())


@shared_task(
    name="thresholds.reevaluate_everyone",
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def reevaluate_everyone() -> int:
    """On 6 April (new tax year and benefit rates) and whenever a rule changes."""
    from .monitoring import all_contributor_ids

    return _fan_out(all_contributor_ids())


@shared_task(
    name="thresholds.planned_payments_notify",
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def planned_payments_notify(*payment_ids: int) -> None:
    """A run was given a pay date: tell contributors, before the day, about any planned
    payment that would take them past a limit they track."""
    from .monitoring import planned_payments_notify as notify

    notify(payment_ids=list(payment_ids))
