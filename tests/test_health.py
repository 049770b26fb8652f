from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from core.services import worker_heartbeat_record
from outbox.models import OutboxMessage
from workers.celery import app

pytestmark = pytest.mark.django_db


def test_health_is_ok_with_a_recent_heartbeat(api: APIClient) -> None:
    worker_heartbeat_record(hostname="worker@test", at=timezone.now() - timedelta(seconds=5))

    response = api.get("/api/v1/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] and body["broker"]["ok"] and body["worker"]["ok"]
    assert 4 <= body["worker"]["heartbeat_age_seconds"] < 60


def test_health_is_degraded_when_the_worker_is_silent(api: APIClient) -> None:
    worker_heartbeat_record(hostname="worker@test", at=timezone.now() - timedelta(minutes=5))

    response = api.get("/api/v1/health/")

    assert response.status_code == 503
    assert response.json()["worker"]["ok"] is False
    assert response.json()["database"]["ok"] is True


def test_health_is_degraded_before_any_worker_reports(api: APIClient) -> None:
    response = api.get("/api/v1/health/")

    assert response.status_code == 503
    assert response.json()["worker"]["last_heartbeat"] is None


def test_health_reports_a_broker_that_does_not_answer(api: APIClient) -> None:

    worker_heartbeat_record(hostname="worker@test")
    original = app.conf.broker_url
    app.conf["broker_url"] = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = api.get("/api/v1/health/")
    finally:
        app.conf["broker_url"] = original

    assert response.status_code == 503
    assert response.json()["broker"]["ok"] is False


def test_links_in_notifications_open_the_web_front_end(api: APIClient) -> None:
    for path in ("/me/alerts", "/letters/3/", "/organisations/2/contributors"):
        response = api.get(path)
        assert response.status_code == 200, path
        assert b'<div id="root"' in response.content  # the web app, which routes it
    assert api.get("/nothing-here/").status_code == 404


def test_health_names_the_reason_when_tasks_wait_in_the_outbox(api: APIClient) -> None:

    worker_heartbeat_record(hostname="worker@test")
    waiting = OutboxMessage.objects.create(task_name="thresholds.evaluate_contributor", args=[1])
    OutboxMessage.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - timedelta(minutes=3)
    )

    response = api.get("/api/v1/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["outbox"] == {"ok": False, "detail": body["outbox"]["detail"], "waiting": 1}
    assert "waiting to be sent" in body["reasons"][0]


def test_health_lists_a_reason_for_each_problem(api: APIClient) -> None:
    worker_heartbeat_record(hostname="worker@test", at=timezone.now() - timedelta(minutes=5))

    body = api.get("/api/v1/health/").json()

    assert body["reasons"] == [body["worker"]["detail"]]
    assert "heartbeat" in body["reasons"][0]


def test_health_is_ok_while_a_fresh_task_waits_to_be_sent(api: APIClient) -> None:

    worker_heartbeat_record(hostname="worker@test")
    OutboxMessage.objects.create(task_name="thresholds.evaluate_contributor", args=[1])

    body = api.get("/api/v1/health/").json()

    assert body["status"] == "ok" and body["reasons"] == []
    assert body["outbox"]["waiting"] == 1
