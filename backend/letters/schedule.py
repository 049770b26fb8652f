"""Periodic entries for the letters app, merged into ``workers.schedule.beat_schedule``, and the
time limits they must match.

A render that has not finished within ``RENDER_TIME_LIMIT`` seconds was killed (by the limit or
with its worker), so a letter still "rendering" after ``STUCK_AFTER_SECONDS`` is sent again; the
sweep runs often enough that this happens within a minute of it being stuck. A worker that
restarts sends its own unfinished renders again at once (``outbox``).
"""

from __future__ import annotations

from typing import Any

RENDER_SOFT_TIME_LIMIT = 90
RENDER_TIME_LIMIT = 120
STUCK_AFTER_SECONDS = RENDER_TIME_LIMIT + 15
SWEEP_EVERY_SECONDS = 30


def letters_beat_schedule() -> dict[str, dict[str, Any]]:
    return {
        "letters-sweep-stuck": {
            "task": "letters.sweep_stuck",
            "schedule": float(SWEEP_EVERY_SECONDS),
            "options": {"expires": float(SWEEP_EVERY_SECONDS)},
        },
    }
