"""Threshold monitoring's part of the beat schedule (merged in workers/schedule.py)."""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab


def thresholds_beat_schedule() -> dict[str, dict[str, Any]]:
    return {
        "thresholds-sweep": {
            "task": "thresholds.sweep",
            "schedule": 15 * 60,
            "options": {"expires": 14 * 60},
        },
        "thresholds-forecast-daily": {
            "task": "thresholds.forecast_daily",
            "schedule": crontab(hour=7, minute=0),
            "options": {"expires": 3 * 60 * 60},
        },
        "thresholds-new-tax-year": {
            "task": "thresholds.reevaluate_everyone",
            "schedule": crontab(month_of_year=4, day_of_month=6, hour=0, minute=30),
            "options": {"expires": 12 * 60 * 60},
        },
    }
