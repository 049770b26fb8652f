"""What the health endpoint reports: can we reach the database, the broker, is a worker alive,
and are tasks waiting to be sent (the outbox backlog). Anything wrong makes the system
"degraded", with a plain reason for each problem."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from celery import current_app as app
from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from outbox.services import outbox_backlog

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str


@dataclass(frozen=True)
class Health:
    database: Check
    broker: Check
    worker: Check
    outbox: Check
    last_heartbeat: datetime | None
    heartbeat_age_seconds: float | None
    outbox_waiting: int

    @property
    def ok(self) -> bool:
        return all(check.ok for check in (self.database, self.broker, self.worker, self.outbox))

    @property
    def reasons(self) -> list[str]:
        checks = (self.database, self.broker, self.worker, self.outbox)
        return [check.detail for check in checks if not check.ok]


def _database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health: database check failed")
        return Check(False, "The database is not answering.")
    return Check(True, connection.vendor)


def _broker() -> Check:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            transport = conn.transport_cls
    except Exception:
        logger.exception("health: broker check failed")
        return Check(False, "The message broker is not answering.")
    return Check(True, str(transport))


# Tasks normally leave the outbox within a second of their change committing; older ones mean
# the broker has been unreachable for a while.
OUTBOX_BACKLOG_MAX_AGE_SECONDS = 60


def _outbox() -> tuple[Check, int]:
    try:
        backlog = outbox_backlog()
    except DatabaseError:
        logger.exception("health: outbox check failed")
        return Check(False, "The task outbox cannot be read."), 0
    if backlog.oldest_unpublished is None:
        return Check(True, "No tasks are waiting to be sent."), 0
    age = (timezone.now() - backlog.oldest_unpublished).total_seconds()
    if age > OUTBOX_BACKLOG_MAX_AGE_SECONDS:
        return (
            Check(
                False,
                f"{backlog.unpublished} task(s) are waiting to be sent to the workers; "
                f"the oldest has waited {age:.0f} seconds.",
            ),
            backlog.unpublished,
        )
    return Check(True, f"{backlog.unpublished} task(s) about to be sent."), backlog.unpublished


def health_get() -> Health:
    database = _database()
    last: datetime | None = None
    if database.ok:
        last = (
            WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
        )
    age = (timezone.now() - last).total_seconds() if last else None
    max_age = settings.WORKER_HEARTBEAT_MAX_AGE.total_seconds()
    if age is None:
        worker = Check(False, "No worker has reported in yet.")
    elif age > max_age:
        worker = Check(False, f"The last worker heartbeat is {age:.0f} seconds old.")
    else:
        worker = Check(True, f"Last heartbeat {age:.1f} seconds ago.")
    if database.ok:
        outbox, waiting = _outbox()
    else:
        outbox, waiting = Check(False, "The task outbox cannot be read."), 0
    return Health(
        database=database,
        broker=_broker(),
        worker=worker,
        outbox=outbox,
        outbox_waiting=waiting,
        last_heartbeat=last,
        heartbeat_age_seconds=age,
    )
