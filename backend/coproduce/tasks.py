"""Enqueueing background tasks so that none is lost.

``enqueue_on_commit`` writes the task into the outbox table in the caller's transaction; once
that commits, it is handed to the broker. If the broker is down the write still succeeds and the
task waits in the outbox until a drain (every few seconds, and when a worker starts) sends it.
Tasks must be idempotent: a task may run more than once.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from django.db import transaction


def enqueue_on_commit(task_name: str, *args: int | str, queue: str | None = None) -> None:
    """Run the task named ``task_name`` with ``args`` once the current transaction commits
    (at once, if there is none). Ids only, never objects."""
    from outbox.models import OutboxMessage
    from outbox.services import outbox_publish

    message = OutboxMessage.objects.create(task_name=task_name, args=list(args), queue=queue or "")
    transaction.on_commit(partial(outbox_publish, message_id=message.pk))


def enqueue_many_on_commit(task_name: str, args_list: Sequence[Sequence[int | str]]) -> None:
    """Many runs of one task (each its own task, with its own args), written to the outbox in
    one INSERT and handed to the broker together once the transaction commits."""
    from outbox.models import OutboxMessage
    from outbox.services import outbox_publish_many

    if not args_list:
        return
    messages = OutboxMessage.objects.bulk_create(
        [OutboxMessage(task_name=task_name, args=list(args), queue="") for args in args_list]
    )
    ids = [message.pk for message in messages]
    transaction.on_commit(partial(outbox_publish_many, message_ids=ids))
