"""Periodic entries for the letters app, merged into ``workers.schedule.beat_schedule``."""

from __future__ import annotations

from typing import Any

SWEEP_EVERY_SECONDS = 5 * 60


def letters_beat_schedule() -> dict[str, dict[str, Any]]:
    return {
        "letters-sweep-stuck": {
            "task": "letters.sweep_stuck",
            "schedule": float(SWEEP_EVERY_SECONDS),
            "options": {"expires": float(SWEEP_EVERY_SECONDS)},
        },
    }
