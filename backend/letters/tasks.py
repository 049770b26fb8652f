"""Thin task wrappers: ids in, one service call."""

from __future__ import annotations

import logging

from celery import Task
from celery.exceptions import SoftTimeLimitExceeded

from coproduce.tasks import TRANSIENT_ERRORS, task

from .schedule import RENDER_SOFT_TIME_LIMIT, RENDER_TIME_LIMIT
from .services import letter_mark_failed, letter_render, letter_sweep_stuck

logger = logging.getLogger(__name__)

# Worth another try for a render: the disk was briefly unavailable, besides the usual.
RENDER_RETRY_FOR: tuple[type[Exception], ...] = (OSError,)


@task(
    "letters.render",
    bind=True,
    retry_for=RENDER_RETRY_FOR,
    reject_on_worker_lost=True,
    soft_time_limit=RENDER_SOFT_TIME_LIMIT,
    time_limit=RENDER_TIME_LIMIT,
)
def render(self: Task, letter_id: int) -> None:
    """Render and issue one letter. Transient errors are retried (by ``task``) and mark it
    failed once the retries are used up; anything else marks it failed at once."""
    try:
        letter_render(letter_id=letter_id)
    except (*TRANSIENT_ERRORS, *RENDER_RETRY_FOR) as exc:
        if self.max_retries is not None and self.request.retries >= self.max_retries:
            letter_mark_failed(letter_id=letter_id, error=f"{type(exc).__name__}: {exc}")
        raise
    except SoftTimeLimitExceeded:
        letter_mark_failed(letter_id=letter_id, error="Rendering took too long.")
        raise
    except Exception as exc:
        logger.exception("letter %s could not be rendered", letter_id)
        letter_mark_failed(letter_id=letter_id, error=f"{type(exc).__name__}: {exc}")
        raise


@task("letters.sweep_stuck", time_limit=60, soft_time_limit=50)
def sweep_stuck() -> int:
    """Re-enqueue letters left half-made by a lost message or a killed worker."""
    return len(letter_sweep_stuck())
