"""Workers mark outbox messages started and finished, so one lost with a killed worker is sent
again."""

from __future__ import annotations

from typing import Any

from celery import Task
from celery.signals import task_postrun, task_prerun

from .services import message_id_from_task_id, outbox_mark_finished, outbox_mark_started


@task_prerun.connect
def _outbox_task_started(task_id: str | None = None, task: Task | None = None, **_: Any) -> None:
    message_id = message_id_from_task_id(task_id)
    if message_id is not None:
        hostname = (getattr(task.request, "hostname", None) if task else None) or ""
        outbox_mark_started(message_id=message_id, hostname=str(hostname))


@task_postrun.connect
def _outbox_task_finished(task_id: str | None = None, state: str | None = None, **_: Any) -> None:
    message_id = message_id_from_task_id(task_id)
    if message_id is not None and state != "RETRY":
        outbox_mark_finished(message_id=message_id)
