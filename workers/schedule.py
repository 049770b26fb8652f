"""The periodic schedule, in code. django-celery-beat's DatabaseScheduler copies it into the
database, where platform admins can see it; each entry expires so a backlog never piles up."""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab
from django.conf import settings

from letters.schedule import letters_beat_schedule
from opportunities.schedule import opportunities_beat_schedule
from payments.schedule import payments_beat_schedule
from thresholds.schedule import thresholds_beat_schedule

# Tasks the broker could not take when their change committed are sent this often once it is
# back (see coproduce.tasks).
OUTBOX_DRAIN_EVERY_SECONDS = 5.0


def beat_schedule() -> dict[str, dict[str, Any]]:

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
        "outbox-drain": {
            "task": "outbox.drain",
            "schedule": OUTBOX_DRAIN_EVERY_SECONDS,
            "options": {"expires": OUTBOX_DRAIN_EVERY_SECONDS},
        },
        "outbox-prune": {
            "task": "outbox.prune",
            "schedule": crontab(hour=3, minute=15),
            "options": {"expires": 60 * 60},
        },
        **thresholds_beat_schedule(),
        **letters_beat_schedule(),
        **opportunities_beat_schedule(),
        **payments_beat_schedule(),
    }
