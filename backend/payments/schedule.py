"""Payments' part of the beat schedule (merged in workers/schedule.py)."""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab


def payments_beat_schedule() -> dict[str, dict[str, Any]]:
    return {
        # One e-mail a day for finance staff, at the start of the UK working day.
        "payments-finance-digest": {
            "task": "payments.send_finance_digests",
            "schedule": crontab(hour=8, minute=0),
            "options": {"expires": 8 * 60 * 60},
        },
    }
