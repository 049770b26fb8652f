"""Background tasks: one way to declare them (``task``) and one way to enqueue them
(``enqueue_on_commit``).

``task`` is Celery's ``shared_task`` with this project's defaults, so no app imports the Celery
application (``workers/`` composes it): an explicit name, acknowledgement after the task ran
(``acks_late``: a worker that dies mid-task leaves it to run again), hard and soft time limits,
and automatic retries, with backoff, only for errors that are worth another try (the database
or the broker briefly unavailable). Tasks must therefore be idempotent: a task may run more
than once. Task bodies are thin: ids in, one service call.

``enqueue_on_commit`` writes the task into the outbox table in the caller's transaction; once
that commits, it is handed to the broker. If the broker is down the write still succeeds and the
task waits in the outbox until a drain (every few seconds, and when a worker starts) sends it.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import kombu.exceptions
import redis.exceptions
from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction

from outbox.models import OutboxMessage
from outbox.services import outbox_publish, outbox_publish_many

# Worth another try: the database or the message broker was briefly unavailable.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    OperationalError,
    InterfaceError,
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
# Also worth another try for a task that sends e-mail: the mail server could not be reached, or
# refused for now.
MAIL_ERRORS: tuple[type[Exception], ...] = (smtplib.SMTPException, ConnectionError, TimeoutError)
DEFAULT_MAX_RETRIES = 5


def task(
    name: str,
    *,
    time_limit: int | None = None,
    soft_time_limit: int | None = None,
    retry_for: tuple[type[Exception], ...] = (),
    max_retries: int = DEFAULT_MAX_RETRIES,
    retry_backoff: int = 1,
    retry_backoff_max: int = 600,
    bind: bool = False,
    **options: Any,
) -> Callable[[Callable[..., Any]], Any]:
    """Declare a task named ``name`` (the name the outbox and the beat schedule use).

    ``retry_for`` adds errors that are transient for this task only (a mail server that could
    not be reached); anything else fails at once. Without ``time_limit`` and
    ``soft_time_limit`` the project's (``CELERY_TASK_TIME_LIMIT``, ``..._SOFT_TIME_LIMIT``)
    apply; the soft one raises ``SoftTimeLimitExceeded`` in the task so it can record why."""
    if time_limit is not None:
        options["time_limit"] = time_limit
    if soft_time_limit is not None:
        options["soft_time_limit"] = soft_time_limit
    return shared_task(
        name=name,
        bind=bind,
        ignore_result=True,
        acks_late=True,
        autoretry_for=TRANSIENT_ERRORS + retry_for,
        max_retries=max_retries,
        retry_backoff=retry_backoff,
        retry_backoff_max=retry_backoff_max,
        retry_jitter=True,
        **options,
    )


def enqueue_on_commit(task_name: str, *args: int | str) -> None:
    """Run the task named ``task_name`` with ``args`` once the current transaction commits
    (at once, if there is none). Ids only, never objects."""
    message = OutboxMessage.objects.create(task_name=task_name, args=list(args))
    transaction.on_commit(partial(outbox_publish, message_id=message.pk, message=message))


def enqueue_many_on_commit(task_name: str, args_list: Sequence[Sequence[int | str]]) -> None:
    """Many runs of one task (each its own task, with its own args), written to the outbox in
    one INSERT and handed to the broker together once the transaction commits."""
    if not args_list:
        return
    messages = OutboxMessage.objects.bulk_create(
        [OutboxMessage(task_name=task_name, args=list(args), queue="") for args in args_list]
    )
    ids = [message.pk for message in messages]
    transaction.on_commit(partial(outbox_publish_many, message_ids=ids))
