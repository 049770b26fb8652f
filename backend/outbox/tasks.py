from __future__ import annotations

from celery import shared_task

from .services import outbox_drain, outbox_prune


@shared_task(name="outbox.drain", ignore_result=True, time_limit=60, soft_time_limit=50)
def drain() -> int:
    """Send tasks the broker did not take when their change committed, or that a dead worker
    did not finish."""
    return outbox_drain()


@shared_task(name="outbox.prune", ignore_result=True, time_limit=300, soft_time_limit=240)
def prune() -> int:
    return outbox_prune()
