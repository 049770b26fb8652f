"""Thin task wrappers: ids in, one service call."""

from __future__ import annotations

import logging

from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from workers.celery import app

from .schedule import RENDER_SOFT_TIME_LIMIT, RENDER_TIME_LIMIT
from .services import letter_mark_failed, letter_render, letter_sweep_stuck

logger = logging.getLogger(__name__)

# Worth another try: the database or the disk was briefly unavailable.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError, OSError)
MAX_RETRIES = 5


@app.task(
    bind=True,
    name="letters.render",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=RENDER_SOFT_TIME_LIMIT,
    time_limit=RENDER_TIME_LIMIT,
)
def render(self: Task, letter_id: int) -> None:
    """Render and issue one letter. Retries transient errors; anything else marks it failed."""
    try:
        letter_render(letter_id=letter_id)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= MAX_RETRIES:
            letter_mark_failed(letter_id=letter_id, error=f"{type(exc).__name__}: {exc}")
            raise
        raise self.retry(exc=exc, countdown=min(2 ** (self.request.retries + 1), 60)) from exc
    except SoftTimeLimitExceeded:
        letter_mark_failed(letter_id=letter_id, error="Rendering took too long.")
        raise
    except Exception as exc:
        logger.exception("letter %s could not be rendered", letter_id)
        letter_mark_failed(letter_id=letter_id, error=f"{type(exc).__name__}: {exc}")
        raise


@app.task(name="letters.sweep_stuck", ignore_result=True, time_limit=60, soft_time_limit=50)
def sweep_stuck() -> int:
    """Re-enqueue letters left half-made by a lost message or a killed worker."""
    return len(letter_sweep_stuck())
