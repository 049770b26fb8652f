"""Tasks enqueued on commit are kept in the outbox until a worker has run them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from coproduce.tasks import enqueue_on_commit
from outbox.models import OutboxMessage
from outbox.services import (
    LOST_AFTER,
    PUBLISH_GRACE,
    message_id_from_task_id,
    outbox_drain,
    outbox_publish,
    running_limit,
    task_id_for,
)
from payments.models import Payment
from tests.payments.conftest import Org

MONDAY = date(2026, 6, 1)

pytestmark = pytest.mark.django_db


def _age(message: OutboxMessage, **fields: timedelta) -> None:
    now = timezone.now()
    OutboxMessage.objects.filter(pk=message.pk).update(
        **{name: now - ago for name, ago in fields.items()}
    )


@pytest.mark.usefixtures("broker_down")
def test_a_fee_recorded_while_the_broker_is_down_answers_201_and_its_check_waits(
    northfield: Org, contributor: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = northfield.record(contributor, "25.00", MONDAY)

    assert response.status_code == 201
    assert Payment.objects.count() == 1
    message = OutboxMessage.objects.get()
    assert message.task_name == "thresholds.evaluate_contributor"
    assert message.args == [contributor.pk]
    assert message.published_at is None
    assert message.publish_attempts == 1
    assert message.last_error


def test_a_waiting_check_runs_when_the_drain_finds_the_broker_back(
    northfield: Org, contributor: User, broker_down: None
) -> None:
    from workers.celery import app

    northfield.record(contributor, "25.00", MONDAY)
    message = OutboxMessage.objects.get()
    _age(message, created_at=PUBLISH_GRACE * 2)
    assert outbox_drain() == 0  # still down: kept
    app.conf["task_always_eager"] = True  # the broker is back; tasks run in-process

    assert outbox_drain() == 1

    message.refresh_from_db()
    assert message.published_at is not None
    assert message.started_at is not None and message.finished_at is not None
    assert outbox_drain() == 0  # finished: never sent again


@pytest.mark.usefixtures("broker_down")
def test_publishing_to_a_broker_that_is_down_never_raises() -> None:
    with transaction.atomic():
        enqueue_on_commit("core.worker_heartbeat")
    message = OutboxMessage.objects.get()

    assert outbox_publish(message_id=message.pk) is False
    assert OutboxMessage.objects.get().published_at is None


def test_a_change_that_rolls_back_leaves_no_task(northfield: Org, contributor: User) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit("thresholds.evaluate_contributor", contributor.pk)
        raise RuntimeError

    assert not OutboxMessage.objects.exists()


def test_the_drain_leaves_a_fresh_message_to_its_own_publisher() -> None:
    OutboxMessage.objects.create(task_name="core.worker_heartbeat")

    assert outbox_drain() == 0


def test_the_drain_resends_what_a_restarted_worker_was_running_when_it_died() -> None:
    started = OutboxMessage.objects.create(
        task_name="core.worker_heartbeat",
        published_at=timezone.now(),
        started_at=timezone.now(),
        started_by="default@host",
    )
    other = OutboxMessage.objects.create(
        task_name="core.worker_heartbeat",
        published_at=timezone.now(),
        started_at=timezone.now(),
        started_by="other@host",
    )

    sent = outbox_drain(
        restarted_worker="default@host", restarted_at=timezone.now() + timedelta(seconds=1)
    )

    assert sent == 1
    started.refresh_from_db()
    other.refresh_from_db()
    assert started.finished_at is not None  # ran again, in-process
    assert other.finished_at is None  # another worker may still be running it


def test_the_drain_resends_messages_lost_by_the_broker_or_past_every_time_limit() -> None:
    lost = OutboxMessage.objects.create(task_name="core.worker_heartbeat")
    _age(lost, created_at=LOST_AFTER * 2, published_at=LOST_AFTER * 2)
    dead = OutboxMessage.objects.create(task_name="core.worker_heartbeat")
    _age(dead, created_at=running_limit() * 2, published_at=running_limit() * 2)
    _age(dead, started_at=running_limit() + timedelta(seconds=5))
    running = OutboxMessage.objects.create(task_name="core.worker_heartbeat")
    _age(running, created_at=LOST_AFTER * 2, published_at=LOST_AFTER * 2)
    _age(running, started_at=timedelta(seconds=5))

    assert outbox_drain() == 2
    running.refresh_from_db()
    assert running.finished_at is None


def test_task_ids_carry_the_outbox_message() -> None:
    assert message_id_from_task_id(task_id_for(42)) == 42
    assert message_id_from_task_id("a-celery-uuid") is None
    assert message_id_from_task_id(None) is None
