"""The whole flow through the API with a real worker process: fees recorded for an ESA
contributor by two organisations in one benefit week raise "approaching" then "exceeded"
exactly once each; the organisations see "near" then "over" and nothing about ESA."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from contributors.models import BenefitCircumstances, ContributorProfile
from core.models import WorkerHeartbeat
from notifications.models import Notification
from periods import PeriodKind, period_containing, uk_today
from tests.factories import ContributorFactory
from tests.payments.conftest import Org
from tests.workers import running_worker, wait_for
from thresholds.models import ThresholdAlert
from thresholds.rules.services import threshold_rules_load
from workers.celery import app


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    """Real time here: the worker process runs on the real clock, and an alert for a period
    already over is history (never notified), so both sides must agree on today."""
    yield


@pytest.fixture
def real_broker() -> Iterator[None]:
    """Send tasks through the broker instead of running them in the test process."""
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        app.conf.task_always_eager = True


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_fees_from_two_organisations_raise_approaching_then_exceeded_via_the_worker(
    real_broker: None,
) -> None:
    threshold_rules_load()  # a transactional test may run after another has emptied the tables
    northfield, southdown = Org("Northfield"), Org("Southdown")
    person = ContributorFactory.create(full_name="Alex Morgan")
    northfield.engage(person)
    southdown.engage(person)
    BenefitCircumstances.objects.create(
        user=person, receives_esa=True, esa_permitted_work_limit="lower"
    )
    ContributorProfile.objects.update_or_create(user=person, defaults={"share_headroom": True})
    week = period_containing(PeriodKind.BENEFIT_WEEK, uk_today())
    contributors_url = f"/api/v1/organisations/{northfield.organisation.pk}/contributors/"

    def levels() -> list[str]:
        return sorted(
            ThresholdAlert.objects.filter(contributor=person).values_list("level", flat=True)
        )

    with running_worker(queue="default"):
        assert northfield.record(person, "17.00", week.start).status_code == 201
        wait_for(lambda: levels() == ["approaching"], what="the approaching alert")
        near = northfield.client().get(contributors_url).json()["results"][0]

        assert southdown.record(person, "6.00", week.start + timedelta(days=1)).status_code == 201
        wait_for(lambda: levels() == ["approaching", "exceeded"], what="the exceeded alert")
        wait_for(
            lambda: Notification.objects.filter(user=person, kind="threshold_alert").count() == 2,
            what="the contributor's notifications",
        )
        over = southdown.client().get(
            f"/api/v1/organisations/{southdown.organisation.pk}/contributors/"
        )

        # A further fee raises nothing new. The worker runs one task at a time in order, so
        # once a heartbeat sent after it has run, the fee's evaluation has run too.
        assert northfield.record(person, "1.00", week.start).status_code == 201
        WorkerHeartbeat.objects.all().delete()
        app.send_task("core.worker_heartbeat", queue="default")
        wait_for(WorkerHeartbeat.objects.exists, what="the worker to catch up")

    assert levels() == ["approaching", "exceeded"]
    assert ThresholdAlert.objects.filter(contributor=person, limit_key="esa_pw_lower").count() == 2
    assert near["status"] == "near" and near["next_fee"] is None
    assert over.json()["results"][0]["status"] == "over"
    assert "esa" not in over.content.decode().lower()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_saying_you_get_esa_raises_the_alert_within_seconds_via_the_worker(
    real_broker: None,
) -> None:
    threshold_rules_load()
    northfield = Org("Northfield")
    person = ContributorFactory.create(full_name="Sam Rivers")
    northfield.engage(person)
    week = period_containing(PeriodKind.BENEFIT_WEEK, uk_today())
    client = APIClient()
    client.force_authenticate(person)

    with running_worker(queue="default"):
        assert northfield.record(person, "25.00", week.start).status_code == 201
        response = client.patch(
            "/api/v1/me/benefits/",
            {"receives_esa": True, "esa_permitted_work_limit": "lower"},
            format="json",
        )
        assert response.status_code == 200
        wait_for(
            lambda: ThresholdAlert.objects.filter(
                contributor=person, limit_key="esa_pw_lower", level="exceeded"
            ).exists(),
            what="the alert after the circumstances change",
        )
