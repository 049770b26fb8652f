"""Publishing the outbox: right after commit, and again by the drain for anything the broker
did not take or a worker did not finish."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from celery import current_app as app
from django.conf import settings
from django.db import Error as DatabaseError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

TASK_ID_PREFIX = "outbox-"
# The drain leaves a fresh row to the publisher that runs on commit.
PUBLISH_GRACE = timedelta(seconds=10)
# A message published but never started (the broker lost it, e.g. Redis restarted empty).
LOST_AFTER = timedelta(minutes=2)
DRAIN_BATCH = 500
# When the broker is down, give up quickly: the drain tries again.
_ON_COMMIT_RETRY_POLICY = {"max_retries": 0}
_DRAIN_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2, "interval_step": 0.2}


def running_limit() -> timedelta:
    """A task started longer ago than its hard time limit allows, and not finished, died with
    its worker."""
    return timedelta(seconds=int(settings.CELERY_TASK_TIME_LIMIT)) + timedelta(minutes=1)


def task_id_for(message_id: int) -> str:
    return f"{TASK_ID_PREFIX}{message_id}-{uuid.uuid4().hex[:12]}"


def message_id_from_task_id(task_id: str | None) -> int | None:
    if not task_id or not task_id.startswith(TASK_ID_PREFIX):
        return None
    number = task_id[len(TASK_ID_PREFIX) :].split("-", 1)[0]
    return int(number) if number.isdigit() else None


def _eager() -> bool:
    return bool(app.conf.task_always_eager)


def _send(message: OutboxMessage, *, retry_policy: dict[str, Any]) -> None:
    options: dict[str, Any] = {"queue": message.queue} if message.queue else {}
    task_id = task_id_for(message.pk)
    if _eager():
        # Tests run tasks in-process; send_task would bypass that.
        import_module(message.task_name.rsplit(".", 1)[0] + ".tasks")
        app.tasks[message.task_name].apply_async(
            args=tuple(message.args), task_id=task_id, **options
        )
        return
    app.send_task(
        message.task_name,
        args=list(message.args),
        task_id=task_id,
        retry=bool(retry_policy.get("max_retries")),
        retry_policy=retry_policy,
        **options,
    )


def _record_failure(message_id: int, exc: BaseException) -> None:
    try:
        OutboxMessage.objects.filter(pk=message_id).update(
            publish_attempts=F("publish_attempts") + 1,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
    except DatabaseError:
        logger.warning("outbox: could not record a failed publish of %s", message_id)


def outbox_publish(*, message_id: int, message: OutboxMessage | None = None) -> bool:
    """Hand one committed message to the broker. Never raises for a broker or database
    failure (the write it follows has committed; the drain sends it later). Returns whether it
    was sent.

    ``message`` is the row just written, when the caller has it (``enqueue_on_commit``): not
    read again. Should the drain have sent it in between, it goes twice, which is harmless
    (tasks are idempotent)."""
    if message is None:
        try:
            message = OutboxMessage.objects.filter(pk=message_id, published_at__isnull=True).first()
        except DatabaseError:
            logger.warning("outbox: could not read message %s; the drain will send it", message_id)
            return False
    if message is None:
        return False
    if _eager():
        # In-process tasks: errors are the task's own, and tests should see them.
        OutboxMessage.objects.filter(pk=message_id).update(published_at=timezone.now())
        _send(message, retry_policy=_ON_COMMIT_RETRY_POLICY)
        return True
    try:
        _send(message, retry_policy=_ON_COMMIT_RETRY_POLICY)
    except Exception as exc:  # noqa: BLE001 - any broker failure: the drain sends it later
        logger.warning(
            "outbox: broker unavailable, %s #%s will be sent when it is back: %s",
            message.task_name,
            message_id,
            exc,
        )
        _record_failure(message_id, exc)
        return False
    try:
        OutboxMessage.objects.filter(pk=message_id).update(
            published_at=timezone.now(), publish_attempts=F("publish_attempts") + 1
        )
    except DatabaseError:
        # Sent but not marked: the drain sends it again, which is harmless (tasks are
        # idempotent).
        logger.warning("outbox: sent %s but could not mark it sent", message_id)
    return True


def outbox_publish_many(*, message_ids: list[int]) -> int:
    """Hand many committed messages to the broker: one read and one update for all of them
    instead of two queries each (a sweep raising thousands of alerts queues thousands of
    e-mails). What fails to send waits for the drain, as with outbox_publish. Returns how many
    were sent."""
    if _eager():
        return sum(outbox_publish(message_id=message_id) for message_id in message_ids)
    try:
        messages = list(OutboxMessage.objects.filter(pk__in=message_ids, published_at__isnull=True))
    except DatabaseError:
        logger.warning(
            "outbox: could not read %s messages; the drain will send them", len(message_ids)
        )
        return 0
    sent: list[int] = []
    for message in messages:
        try:
            _send(message, retry_policy=_ON_COMMIT_RETRY_POLICY)
        except Exception as exc:  # noqa: BLE001 - any broker failure: the drain sends it later
            logger.warning(
                "outbox: broker unavailable, %s #%s waits: %s", message.task_name, message.pk, exc
            )
            _record_failure(message.pk, exc)
            continue
        sent.append(message.pk)
    try:
        OutboxMessage.objects.filter(pk__in=sent).update(
            published_at=timezone.now(), publish_attempts=F("publish_attempts") + 1
        )
    except DatabaseError:
        logger.warning("outbox: sent %s messages but could not mark them sent", len(sent))
    return len(sent)


@dataclass(frozen=True)
class Backlog:
    unpublished: int
    oldest_unpublished: datetime | None


def outbox_backlog() -> Backlog:
    rows = OutboxMessage.objects.filter(published_at__isnull=True)
    oldest = rows.order_by("created_at").values_list("created_at", flat=True).first()
    return Backlog(unpublished=rows.count(), oldest_unpublished=oldest)


def outbox_drain(
    *,
    restarted_worker: str | None = None,
    restarted_at: datetime | None = None,
    now: datetime | None = None,
    limit: int = DRAIN_BATCH,
) -> int:
    """Send what has not reached a worker: messages never published (the broker was down),
    published but never started (the broker lost them), or started by a worker that died
    (past every time limit, or by ``restarted_worker`` before it restarted at
    ``restarted_at``). Stops at the first broker failure. Returns how many were sent."""
    now = now or timezone.now()
    due = Q(published_at__isnull=True, created_at__lte=now - PUBLISH_GRACE)
    lost = Q(published_at__lte=now - LOST_AFTER, started_at__isnull=True, finished_at__isnull=True)
    dead = Q(started_at__lte=now - running_limit(), finished_at__isnull=True)
    if restarted_worker and restarted_at:
        dead |= Q(
            started_by=restarted_worker, started_at__lt=restarted_at, finished_at__isnull=True
        )
    sent = 0
    with transaction.atomic():
        messages = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(due | lost | dead)
            .order_by("id")[:limit]
        )
        for message in messages:
            # Cleared first: a task run in-process (or quickly by a worker) marks it again.
            OutboxMessage.objects.filter(pk=message.pk).update(started_at=None, started_by="")
            try:
                _send(message, retry_policy=_DRAIN_RETRY_POLICY)
            except Exception as exc:  # noqa: BLE001 - the broker is down: try next time
                logger.warning("outbox: broker still unavailable, %s left to send", len(messages))
                _record_failure(message.pk, exc)
                break
            OutboxMessage.objects.filter(pk=message.pk).update(
                published_at=timezone.now(), publish_attempts=F("publish_attempts") + 1
            )
            sent += 1
    if sent:
        logger.info("outbox: sent %s waiting task(s)", sent)
    return sent


def outbox_prune(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Forget finished messages after a day."""
    cutoff = timezone.now() - older_than
    deleted, _ = OutboxMessage.objects.filter(finished_at__lte=cutoff).delete()
    return deleted


def outbox_mark_started(*, message_id: int, hostname: str) -> None:
    try:
        OutboxMessage.objects.filter(pk=message_id).update(
            started_at=timezone.now(), started_by=hostname[:255]
        )
    except DatabaseError:
        logger.warning("outbox: could not mark %s started", message_id)


def outbox_mark_finished(*, message_id: int) -> None:
    try:
        OutboxMessage.objects.filter(pk=message_id).update(finished_at=timezone.now())
    except DatabaseError:
        logger.warning("outbox: could not mark %s finished", message_id)
