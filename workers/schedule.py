"""The periodic schedule, in code. django-celery-beat's DatabaseScheduler copies it into the
database, where platform admins can see it; each entry expires so a backlog never piles up."""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab
from django.conf import settings


def beat_schedule() -> dict[str, dict[str, Any]]:
    from letters.schedule import letters_beat_schedule
    from thresholds.schedule import thresholds_beat_schedule

    heartbeat = settings.WORKER_HEARTBEAT_INTERVAL.total_seconds()
    return {
        "worker-heartbeat": {
            "task": "core.worker_heartbeat",
            "schedule": heartbeat,
            "options": {"expires": heartbeat},
        },
        "dataprotection-pseudonymise-expired": {
            "task": "dataprotection.pseudonymise_expired",
            "schedule": crontab(hour=3, minute=30),
            "options": {"expires": 12 * 60 * 60},
        },
        **thresholds_beat_schedule(),
        **letters_beat_schedule(),
    }
