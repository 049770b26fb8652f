"""Opportunities' part of the beat schedule (merged in workers/schedule.py)."""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab


def opportunities_beat_schedule() -> dict[str, dict[str, Any]]:
    return {
        # Mid-morning UK time (the beat runs on Europe/London): late enough not to wake anyone,
        # early enough to plan the journey. A reminder missed for longer than the expiry would
        # arrive too late to help, so it is dropped rather than sent in the evening.
        "opportunities-session-reminders": {
            "task": "opportunities.send_session_reminders",
            "schedule": crontab(hour=10, minute=0),
            "options": {"expires": 6 * 60 * 60},
        },
    }
