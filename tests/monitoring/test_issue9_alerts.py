"""Issue 9, through the API: alerts follow the money and say plainly what they are about."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from decimal import Decimal

import pytest
from django.core import mail

from accounts.models import User
from notifications.models import Notification
from opportunities.roles import services as opportunities
from payments.models import Payment
from tests.clients import client_for
from thresholds.models import ThresholdAlert
from thresholds.monitoring.alerts import contributor_evaluate

from .conftest import Org

pytestmark = pytest.mark.django_db

D = Decimal


# 8. Alerts follow the money --------------------------------------------------------------


def test_an_alert_is_resolved_when_its_fee_is_cancelled_and_raised_again_when_it_returns(
    northfield: Org, esa_person: User, pay: Callable[..., Payment]
) -> None:
    fee = pay(northfield, esa_person, "25.00", date(2026, 11, 24))
    contributor_evaluate(contributor_id=esa_person.pk)
    cancelled = northfield.client("finance").post(
        f"/api/v1/payments/{fee.pk}/cancel/", {"reason": "Wrong person"}, format="json"
    )
    assert cancelled.status_code == 200
    contributor_evaluate(contributor_id=esa_person.pk)

    [row] = client_for(esa_person).get("/api/v1/me/alerts/").json()["results"]
    assert (row["active"], row["resolved_reason"]) == (False, "the fee was cancelled")
    assert row["message"].startswith("This no longer applies: the fee was cancelled.")

    pay(northfield, esa_person, "25.00", date(2026, 11, 25))
    contributor_evaluate(contributor_id=esa_person.pk)

    alert = ThresholdAlert.objects.get(contributor=esa_person, level="exceeded")
    assert (alert.resolved_at, alert.times_raised) == (None, 2)
    assert Notification.objects.filter(user=esa_person, kind="threshold_alert").count() == 2


def test_an_alert_is_resolved_when_the_payment_moves_to_another_week(
    northfield: Org, esa_person: User, pay: Callable[..., Payment]
) -> None:
    fee = pay(northfield, esa_person, "25.00", date(2026, 11, 24))
    pay(northfield, esa_person, "10.00", date(2026, 11, 30))
    contributor_evaluate(contributor_id=esa_person.pk)

    moved = northfield.client().post(
        f"/api/v1/payments/{fee.pk}/reschedule/", {"due_on": "2026-12-08"}, format="json"
    )
    assert moved.status_code == 200
    contributor_evaluate(contributor_id=esa_person.pk)

    first = ThresholdAlert.objects.get(
        contributor=esa_person, period_start=date(2026, 11, 23), level="exceeded"
    )
    assert first.resolved_reason == "the payment moved to another week"


def test_backdated_fees_are_listed_as_history_and_never_e_mailed(
    northfield: Org, esa_person: User, pay: Callable[..., Payment]
) -> None:
    pay(northfield, esa_person, "25.00", date(2026, 10, 20))
    mail.outbox.clear()

    contributor_evaluate(contributor_id=esa_person.pk)

    [row] = client_for(esa_person).get("/api/v1/me/alerts/").json()["results"]
    assert row["history"] is True
    assert not Notification.objects.filter(user=esa_person, kind="threshold_alert").exists()
    assert mail.outbox == []


# 10. Wording -----------------------------------------------------------------------------


def test_alert_wording_names_the_period_and_the_limit_in_plain_sentences(
    northfield: Org, esa_person: User, pay: Callable[..., Payment]
) -> None:
    pay(northfield, esa_person, "16.00", date(2026, 11, 30))
    contributor_evaluate(contributor_id=esa_person.pk)

    [row] = client_for(esa_person).get("/api/v1/me/alerts/").json()["results"]

    assert row["title"] == "You are close to the ESA permitted work lower limit"
    assert row["message"].startswith(
        "£16.00 counts in the benefit week from Monday 30 November to Sunday 6 December 2026."
    )
    for advice in ("Citizens Advice", "Turn2us", "Disability Rights UK", "NIHR"):
        assert advice in row["message"]
    assert " 09 " not in row["message"] and "You should" not in row["message"]


def test_booking_a_session_raises_the_forecast_alert_at_once(
    northfield: Org, esa_person: User, django_capture_on_commit_callbacks
) -> None:

    engagement = esa_person.engagements.get(opportunity__organisation=northfield.organisation)

    with django_capture_on_commit_callbacks(execute=True):
        opportunities.session_create(
            by=northfield.coordinator,
            opportunity=engagement.opportunity,
            date=date(2026, 12, 1),
            start_time=time(10),
            end_time=time(12),
        )

    assert ThresholdAlert.objects.filter(
        contributor=esa_person, limit_key="esa_pw_lower", level="forecast"
    ).exists()
