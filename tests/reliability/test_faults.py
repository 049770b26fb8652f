"""Faults injected into real processes (issue 14 acceptance): Redis stopped while fees are
recorded, a worker killed mid-render and mid-evaluation, and PostgreSQL ending the worker's
connection mid-evaluation. Nothing committed is lost or made twice, and what the worker owed
arrives once the part that failed is back."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from contributors.models import BenefitCircumstances
from letters import services as letter_services
from letters.models import Letter, LetterStatus
from notifications.models import Notification
from outbox.models import OutboxMessage
from outbox.services import PUBLISH_GRACE, outbox_drain
from payments.models import Payment
from periods import PeriodKind, period_containing, uk_today
from tests.factories import ContributorFactory
from tests.payments.conftest import Org
from tests.workers import ROOT, wait_for, worker_process
from thresholds.models import ThresholdAlert
from thresholds.rules.services import threshold_rules_load
from workers.celery import app

FAULT_REDIS_PORT = 6391  # our own Redis: the shared one on 6379 is never touched
FAULT_REDIS_URL = f"redis://127.0.0.1:{FAULT_REDIS_PORT}/5"

pytestmark = [pytest.mark.fault, pytest.mark.worker]


class OwnRedis:
    """A redis-server of this test's own, which the test stops and starts again."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(FAULT_REDIS_PORT), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self._answers, timeout=30, what="our Redis to start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        wait_for(lambda: not self._answers(), timeout=30, what="our Redis to stop")

    @staticmethod
    def _answers() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", FAULT_REDIS_PORT), timeout=0.2):
                return True
        except OSError:
            return False


def _use_broker(url: str | None, *, eager: bool) -> None:
    if url:
        app.conf["broker_url"] = url
    app.conf["task_always_eager"] = eager
    # Connections made for the previous broker URL must not be reused.
    setattr(app, "_pool", None)  # noqa: B010 - private, not in the stubs
    setattr(app.amqp, "_producer_pool", None)  # noqa: B010 - private, not in the stubs


@pytest.fixture
def own_redis(monkeypatch: pytest.MonkeyPatch) -> Iterator[OwnRedis]:
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is needed for the fault tests (apt-get install redis-server)")
    redis = OwnRedis()
    redis.start()
    saved = app.conf.broker_url
    monkeypatch.setenv("REDIS_URL", FAULT_REDIS_URL)  # the workers this test starts
    _use_broker(FAULT_REDIS_URL, eager=False)
    try:
        with override_settings(
            CACHES={
                "default": {
                    "BACKEND": "coproduce.api.cache.FailOpenRedisCache",
                    "LOCATION": FAULT_REDIS_URL,
                }
            }
        ):
            yield redis
    finally:
        redis.stop()
        _use_broker(saved, eager=True)


@pytest.fixture
def real_broker() -> Iterator[None]:
    _use_broker(None, eager=False)
    try:
        yield
    finally:
        _use_broker(None, eager=True)


def _drain_as_beat_would() -> bool:
    """Beat's outbox drain (every few seconds), run here so the test needs no beat process."""
    outbox_drain(now=timezone.now() + PUBLISH_GRACE)
    return True


@pytest.mark.django_db(transaction=True)
def test_fees_recorded_while_redis_is_down_commit_once_and_alert_when_it_returns(
    own_redis: OwnRedis,
) -> None:
    threshold_rules_load()
    northfield = Org("Northfield")
    person = ContributorFactory.create()
    northfield.engage(person)
    BenefitCircumstances.objects.create(
        user=person, receives_esa=True, esa_permitted_work_limit="lower"
    )
    week = period_containing(PeriodKind.BENEFIT_WEEK, uk_today())

    def levels() -> list[str]:
        return sorted(
            ThresholdAlert.objects.filter(contributor=person).values_list("level", flat=True)
        )

    with worker_process(queue="default"):
        own_redis.stop()
        answers = [
            northfield.record(person, amount, week.start, idempotency_key=f"fee-{n}")
            for n, amount in enumerate(["9.00", "8.00", "7.00"])
        ]
        retried = northfield.record(person, "9.00", week.start, idempotency_key="fee-0")

        statuses = [answer.status_code for answer in [*answers, retried]]
        assert all(200 <= code < 300 or code == 503 for code in statuses), statuses
        created = sum(1 for answer in answers if answer.status_code == 201)
        assert Payment.objects.filter(contributor=person).count() == created == 3
        assert OutboxMessage.objects.filter(published_at__isnull=True).count() >= 3
        assert levels() == []  # nothing could reach a worker

        own_redis.start()
        wait_for(
            lambda: _drain_as_beat_would() and "exceeded" in levels(),
            timeout=60,
            what="the alerts after Redis came back",
        )
        wait_for(
            lambda: (
                Notification.objects.filter(user=person, emailed_at__isnull=False).count()
                == len(levels())
            ),
            timeout=30,
            what="one e-mail per alert",
        )

    # £24 of fees against the £20 ESA lower limit: one "exceeded" alert, once, and its e-mail.
    assert levels().count("exceeded") == 1
    assert Notification.objects.filter(user=person).count() == len(levels())
    assert not OutboxMessage.objects.filter(published_at__isnull=True).exists()


def _big_letter(scene: Any) -> Letter:
    from tests.letters.test_worker import _big_snapshot

    return Letter.objects.create(
        kind="payment_statement",
        organisation=scene.organisation,
        contributor=scene.contributor,
        period_start="2026-01-05",
        period_end="2026-01-25",
        snapshot=_big_snapshot(),
        template_version="1",
        requested_by=scene.admin,
        approved_at=timezone.now(),
        approved_by=scene.admin,
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_render_is_made_good_by_the_next_worker_on_its_own(
    scene: Any, real_broker: None
) -> None:
    """No sweep and no manual step: the restarted worker re-sends what it was running."""
    with transaction.atomic():
        letter = _big_letter(scene)
        letter_services._enqueue_render(letter.pk)
    pdf = ROOT / "var" / "media" / "letters" / f"{letter.reference}.pdf"
    try:
        with worker_process(queue="default") as (_, worker):
            deadline = time.monotonic() + 120
            while Letter.objects.values_list("status", flat=True).get(pk=letter.pk) != (
                LetterStatus.RENDERING
            ):
                assert time.monotonic() < deadline, "the worker never started rendering"
                time.sleep(0.005)
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait()
        assert Letter.objects.get(pk=letter.pk).status == LetterStatus.RENDERING

        with worker_process(queue="default"):  # the same worker name, as after a restart
            wait_for(
                lambda: Notification.objects.filter(
                    user=scene.contributor, kind="letter_issued", emailed_at__isnull=False
                ).exists(),
                timeout=60,
                what="the letter issued and e-mailed after the restart",
            )
            stamp = timezone.now()
            wait_for(
                lambda: not OutboxMessage.objects.filter(finished_at__isnull=True).exists(),
                timeout=30,
                what="every task to finish",
            )
    finally:
        pdf.unlink(missing_ok=True)

    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED
    assert Letter.objects.count() == 1
    assert Notification.objects.filter(user=scene.contributor, kind="letter_issued").count() == 1
    assert letter.issued_at is not None and letter.issued_at <= stamp + timedelta(seconds=1)


def _over_the_esa_limit(northfield: Org) -> Any:
    """A contributor with the £20 ESA lower limit and £24 of fees this week, recorded (and the
    evaluation enqueued) through the API."""
    threshold_rules_load()
    person = ContributorFactory.create()
    northfield.engage(person)
    BenefitCircumstances.objects.create(
        user=person, receives_esa=True, esa_permitted_work_limit="lower"
    )
    week = period_containing(PeriodKind.BENEFIT_WEEK, uk_today())
    assert northfield.record(person, "24.00", week.start).status_code == 201
    return person


def _alerted_once_and_emailed(person: Any) -> bool:
    return Notification.objects.filter(
        user=person, kind="threshold_alert", emailed_at__isnull=False
    ).exists()


@pytest.fixture
def pause_mid_evaluation(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> tuple[Any, Any]:
    """Workers started with ``app=FAULT_WORKER`` pause once inside an evaluation's transaction
    (see ``tests.reliability.fault_worker``): the marker appears when they do, and they go on
    when the release file exists."""
    marker, release = tmp_path / "paused", tmp_path / "release"
    monkeypatch.setenv("FAULT_PAUSE_MARKER", str(marker))
    monkeypatch.setenv("FAULT_PAUSE_RELEASE", str(release))
    return marker, release


FAULT_WORKER = "tests.reliability.fault_worker"


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_evaluation_leaves_one_alert_and_one_email_after_the_restart(
    real_broker: None, pause_mid_evaluation: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed inside the evaluation's transaction, after the alert and its notification were
    written: nothing of it is kept, and the restarted worker raises the alert once."""
    marker, _ = pause_mid_evaluation
    person = _over_the_esa_limit(Org("Northfield"))

    with worker_process(queue="default", app=FAULT_WORKER) as (_, worker):
        wait_for(marker.exists, timeout=120, what="the worker to be mid-evaluation")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    assert not ThresholdAlert.objects.filter(contributor=person).exists()
    assert not Notification.objects.filter(user=person).exists()

    monkeypatch.delenv("FAULT_PAUSE_MARKER")
    with worker_process(queue="default"):  # the same worker name, as after a restart
        wait_for(
            lambda: _alerted_once_and_emailed(person),
            timeout=60,
            what="the alert and its e-mail within a minute of the new worker starting",
        )
        _wait_for_every_task()

    _assert_one_alert_and_one_notification(person)


def _wait_for_every_task() -> None:
    wait_for(
        lambda: not OutboxMessage.objects.filter(finished_at__isnull=True).exists(),
        timeout=30,
        what="every task to finish",
    )


def _assert_one_alert_and_one_notification(person: User) -> None:
    assert list(
        ThresholdAlert.objects.filter(contributor=person).values_list("level", flat=True)
    ) == ["exceeded"]
    assert Notification.objects.filter(user=person, kind="threshold_alert").count() == 1


def _terminate_other_backends() -> int:
    """End every connection to this test database but the test's own (the worker's)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return len(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_database_connections_terminated_mid_evaluation_are_retried_and_nothing_is_doubled(
    real_broker: None, pause_mid_evaluation: tuple[Any, Any]
) -> None:
    """PostgreSQL ends the worker's connection in the middle of an evaluation (as on a
    failover or a restart): the task fails with OperationalError, is retried on a new
    connection, and the alert, its notification and its e-mail exist once."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("services mode only: needs PostgreSQL (set DATABASE_URL) to end connections")
    marker, release = pause_mid_evaluation
    person = _over_the_esa_limit(Org("Northfield"))

    with worker_process(queue="default", app=FAULT_WORKER):
        wait_for(marker.exists, timeout=120, what="the worker to be mid-evaluation")
        assert _terminate_other_backends() >= 1
        release.touch()
        wait_for(
            lambda: _alerted_once_and_emailed(person),
            timeout=60,
            what="the evaluation retried on a new connection",
        )
        _wait_for_every_task()

    _assert_one_alert_and_one_notification(person)
