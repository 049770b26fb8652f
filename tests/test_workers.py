from __future__ import annotations

import pytest
from django.conf import settings

from core.models import WorkerHeartbeat
from core.tasks import worker_heartbeat
from workers.celery import app
from workers.schedule import beat_schedule

from .workers import running_worker, wait_for


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_sent_through_the_broker() -> None:
    with running_worker() as queue:
        # The worker reports in when it is ready; clear that so only the task can write a row.
        wait_for(lambda: WorkerHeartbeat.objects.filter(hostname__startswith=queue).exists(),
                 what="the worker to start")  # fmt: skip
        WorkerHeartbeat.objects.all().delete()

        app.send_task("core.worker_heartbeat", queue=queue)

        wait_for(lambda: WorkerHeartbeat.objects.filter(hostname__startswith=queue).exists(),
                 what="the heartbeat task to run")  # fmt: skip
    expected = "redis" if settings.REDIS_URL else "filesystem"
    assert app.connection_for_write().transport_cls == expected


def test_celery_is_json_only_with_time_limits_and_late_acks() -> None:
    conf = app.conf
    assert conf.accept_content == ["json"]
    assert conf.task_serializer == "json"
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.task_time_limit and conf.task_soft_time_limit
    assert conf.task_soft_time_limit < conf.task_time_limit


def test_every_scheduled_task_is_registered_and_expires() -> None:
    app.loader.import_default_modules()
    schedule = beat_schedule()

    assert "worker-heartbeat" in schedule
    for name, entry in schedule.items():
        assert entry["task"] in app.tasks, name
        assert entry["options"]["expires"] > 0, name


@pytest.mark.django_db
def test_heartbeat_task_records_the_worker() -> None:

    worker_heartbeat.apply().get()
    worker_heartbeat.apply().get()

    assert WorkerHeartbeat.objects.count() == 1
