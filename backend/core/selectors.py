"""What the health endpoint reports: can we reach the database, the broker, and is a worker
alive."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

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
    last_heartbeat: datetime | None
    heartbeat_age_seconds: float | None

    @property
    def ok(self) -> bool:
        return self.database.ok and self.broker.ok and self.worker.ok


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
    from workers.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            transport = conn.transport_cls
    except Exception:
        logger.exception("health: broker check failed")
        return Check(False, "The message broker is not answering.")
    return Check(True, str(transport))


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
    return Health(
        database=database,
        broker=_broker(),
        worker=worker,
        last_heartbeat=last,
        heartbeat_age_seconds=age,
    )
