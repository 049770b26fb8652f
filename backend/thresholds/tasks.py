"""Thin Celery tasks for threshold monitoring: ids in, one service call each.

Evaluation is idempotent (an alert is unique per contributor, limit, period and level), so a
retry or a duplicate message changes nothing.
"""

from __future__ import annotations

from coproduce.tasks import task

from .monitoring.alerts import contributor_evaluate, contributors_evaluate
from .monitoring.alerts import planned_payments_notify as notify
from .monitoring.statuses import all_contributor_ids, contributors_with_booked_sessions
from .monitoring.sweep import sweep_range, sweep_ranges

SWEEP_CHUNK = 500


def _fan_out(contributor_ids: list[int]) -> int:
    for start in range(0, len(contributor_ids), SWEEP_CHUNK):
        evaluate_contributors.delay(contributor_ids[start : start + SWEEP_CHUNK])
    return len(contributor_ids)


@task("thresholds.evaluate_contributor")
def evaluate_contributor(contributor_id: int) -> None:
    """Enqueued on commit after every change to a contributor's money."""
    contributor_evaluate(contributor_id=contributor_id)


@task("thresholds.evaluate_contributors")
def evaluate_contributors(contributor_ids: list[int]) -> None:
    contributors_evaluate(contributor_ids=contributor_ids)


@task("thresholds.sweep")
def sweep() -> int:
    """The safety net: everyone's current periods, in chunks of contributor ids, so a lost
    on-commit message is caught within one sweep interval."""
    ranges = sweep_ranges()
    for first_id, last_id in ranges:
        sweep_chunk.delay(first_id, last_id)
    return len(ranges)


@task("thresholds.sweep_chunk")
def sweep_chunk(first_id: int, last_id: int) -> None:
    sweep_range(first_id=first_id, last_id=last_id)


@task("thresholds.forecast_daily")
def forecast_daily() -> int:
    """Each morning, look ahead at booked sessions for the coming period."""
    return _fan_out(contributors_with_booked_sessions())


@task("thresholds.reevaluate_everyone")
def reevaluate_everyone() -> int:
    """On 6 April (new tax year and benefit rates) and whenever a rule changes."""
    return _fan_out(all_contributor_ids())


@task("thresholds.planned_payments_notify")
def planned_payments_notify(*payment_ids: int) -> None:
    """A run was given a pay date: tell contributors, before the day, about any planned
    payment that would take them past a limit they track."""
    notify(payment_ids=list(payment_ids))
