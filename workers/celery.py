"""The Celery application: configured from Django settings (``CELERY_*``), tasks found in the
Django apps, the periodic schedule declared in code (``workers.schedule``).

Start a worker:  celery -A workers.celery worker
Start beat:      celery -A workers.celery beat
"""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import Celery
from celery.signals import worker_ready
from kombu.transport import TRANSPORT_ALIASES

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings.base")

# The embedded broker ("filesystem://") writes each message whole before a worker can see it.
TRANSPORT_ALIASES["filesystem"] = "workers.broker:Transport"

logger = logging.getLogger(__name__)

app = Celery("coproduce")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _declare_schedule(sender: Celery, **_: Any) -> None:
    # This module is loaded with the settings, before Django's apps are ready: the apps' code
    # (here and below) is imported only once Celery runs.
    from .schedule import beat_schedule

    sender.conf.beat_schedule = beat_schedule()


@worker_ready.connect
def _heartbeat_on_start(sender: Any = None, **_: Any) -> None:
    """Report in as soon as the worker is up, not only at the first scheduled beat."""
    from core.services import worker_heartbeat_record  # see _declare_schedule

    hostname = getattr(sender, "hostname", None) or "worker"
    worker_heartbeat_record(hostname=hostname)
    _drain_outbox_on_start(hostname)


def _drain_outbox_on_start(hostname: str) -> None:
    """Send what waited while no worker (or no broker) was up, and this worker's own tasks that
    died with its previous run (killed mid-task), without waiting for beat."""
    # See _declare_schedule: the apps are not ready when this module is imported.
    from django.utils import timezone

    from outbox.services import outbox_drain

    try:
        outbox_drain(restarted_worker=hostname, restarted_at=timezone.now())
    except Exception:  # the worker still starts; beat's drain tries again
        logger.exception("outbox: drain on worker start failed")
