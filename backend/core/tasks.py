"""The platform's own periodic tasks: the worker heartbeat, and draining and pruning the task
outbox (``outbox`` sits below ``coproduce.tasks``, so its tasks are declared here)."""

from __future__ import annotations

import socket

from celery import Task

from coproduce.tasks import task
from outbox.services import outbox_drain, outbox_prune

from .services import worker_heartbeat_record


@task("core.worker_heartbeat", bind=True)
def worker_heartbeat(self: Task) -> None:
    """Record that the worker running this is alive. Runs on the beat schedule."""
    worker_heartbeat_record(hostname=self.request.hostname or socket.gethostname())


@task("outbox.drain", time_limit=60, soft_time_limit=50)
def outbox_drain_task() -> int:
    """Send tasks the broker did not take when their change committed, or that a dead worker
    did not finish."""
    return outbox_drain()


@task("outbox.prune", time_limit=300, soft_time_limit=240)
def outbox_prune_task() -> int:
    return outbox_prune()
