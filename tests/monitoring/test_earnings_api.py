from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from payments.models import EngagementPaymentChoice, Payment, PaymentPreference
from tests.clients import client_for
from tests.factories import ContributorFactory, MembershipFactory
from tests.opportunities.factories import SessionFactory
from thresholds.models import ThresholdAlert
from thresholds.monitoring.alerts import contributor_evaluate
from thresholds.monitoring.statuses import contributors_statuses

from .conftest import Org

pytestmark = pytest.mark.django_db

Pay = Callable[..., Payment]
MONDAY = date(2026, 11, 23)
NEXT_MONDAY = date(2026, 11, 30)


def _limit(body: dict, key: str) -> dict:
    [found] = [limit for limit in body["limits"] if limit["key"] == key]
    return found


def test_earnings_show_each_limit_with_paid_committed_headroom_and_source(
    northfield: Org, southdown: Org, esa_person: User, pay: Pay
) -> None:
    paid = pay(northfield, esa_person, "8.00", MONDAY)
    Payment.objects.filter(pk=paid.pk).update(status="paid", paid_on=MONDAY, counts_on=MONDAY)
    pay(southdown, esa_person, "5.00", MONDAY)

    body = client_for(esa_person).get("/api/v1/me/earnings/", {"on": "2026-11-25"}).json()

    esa = _limit(body, "esa_pw_lower")
    assert esa["period"] == {
        "kind": "benefit_week",
        "start": "2026-11-23",
        "end": "2026-11-29",
        "label": "Monday 23 November 2026 to Sunday 29 November 2026",
    }
    assert (esa["paid"], esa["committed"], esa["counted"]) == ("8.00", "5.00", "13.00")
    assert (esa["limit"], esa["headroom"], esa["level"]) == ("20.00", "7.00", "ok")
    assert esa["source_url"].startswith("http")
    assert esa["figure_status"] in {"confirmed", "estimated"}
    assert _limit(body, "trading_allowance")["counted"] == "13.00"
    assert "Expenses never count" in body["note"]


def test_forecast_from_booked_sessions(northfield: Org, esa_person: User) -> None:
    engagement = northfield.engage(esa_person)
    for day in (1, 2):
        SessionFactory.create(
            opportunity=engagement.opportunity, date=NEXT_MONDAY + timedelta(days=day),
            start_time=time(10), end_time=time(12), planned_hours=Decimal("2.00"),
        )  # fmt: skip
    # £25 an hour for 2 hours = £50 a session (the factory's pay offer)

    body = client_for(esa_person).get("/api/v1/me/earnings/", {"on": "2026-12-01"}).json()
    esa = _limit(body, "esa_pw_lower")

    assert esa["counted"] == "0.00"
    assert esa["forecast"] == {"amount": "100.00", "level": "exceeded", "booked_sessions": 2}
    contributor_evaluate(contributor_id=esa_person.pk)
    alert = ThresholdAlert.objects.get(contributor=esa_person, limit_key="esa_pw_lower")
    assert (alert.level, alert.period_start) == ("forecast", NEXT_MONDAY)


def test_forecast_applies_the_payment_choice(northfield: Org, esa_person: User) -> None:
    engagement = northfield.engage(esa_person)
    EngagementPaymentChoice.objects.create(
        engagement=engagement,
        choice="capped",
        cap_amount=Decimal("15.00"),
        cap_period="benefit_week",
    )
    SessionFactory.create(
        opportunity=engagement.opportunity, date=date(2026, 12, 1), planned_hours=Decimal("2.00")
    )

    body = client_for(esa_person).get("/api/v1/me/earnings/", {"on": "2026-12-01"}).json()

    assert _limit(body, "esa_pw_lower")["forecast"]["amount"] == "15.00"


def test_forecast_applies_the_contributors_own_cap_read_with_their_row(
    northfield: Org, esa_person: User
) -> None:
    engagement = northfield.engage(esa_person)
    PaymentPreference.objects.update_or_create(
        contributor=esa_person,
        defaults={"choice": "capped", "cap_amount": Decimal("12.00"), "cap_period": "benefit_week"},
    )
    SessionFactory.create(
        opportunity=engagement.opportunity, date=date(2026, 12, 1), planned_hours=Decimal("2.00")
    )

    with CaptureQueriesContext(connection) as queries:
        statuses = contributors_statuses([esa_person.pk], today=date(2026, 11, 30))

    [esa] = [s for s in statuses[esa_person.pk] if s.key == "esa_pw_lower"]
    assert esa.forecast == Decimal("12.00")  # the £50 session, capped at £12 a week
    # The preference comes with the contributor's row: no query of its own.
    assert not [
        q for q in queries.captured_queries if 'FROM "payments_paymentpreference"' in q["sql"]
    ]


def test_earnings_bad_date_is_400(esa_person: User) -> None:
    response = client_for(esa_person).get("/api/v1/me/earnings/", {"on": "31/12/2026"})

    assert response.status_code == 400
    assert response.json()["fields"]["on"]


def test_alerts_are_listed_and_acknowledged_only_by_their_owner(
    northfield: Org, esa_person: User, pay: Pay
) -> None:
    pay(northfield, esa_person, "25.00", MONDAY)
    contributor_evaluate(contributor_id=esa_person.pk)
    client = client_for(esa_person)

    [alert] = client.get("/api/v1/me/alerts/").json()["results"]
    other = ContributorFactory.create()
    stranger = client_for(other).post(f"/api/v1/me/alerts/{alert['id']}/acknowledge/")
    acknowledged = client.post(f"/api/v1/me/alerts/{alert['id']}/acknowledge/")

    assert alert["level"] == "exceeded"
    assert "£20.00" in alert["message"]
    assert stranger.status_code == 404
    assert acknowledged.status_code == 200 and acknowledged.json()["acknowledged_at"]
    assert client.get("/api/v1/me/alerts/", {"unacknowledged": "true"}).json()["count"] == 0


def test_organisation_staff_cannot_read_earnings_or_alerts(northfield: Org) -> None:
    staff = client_for(northfield.coordinator.user)

    assert staff.get("/api/v1/me/earnings/").status_code == 403
    assert staff.get("/api/v1/me/alerts/").status_code == 403


def test_outsiders_get_404_on_an_organisations_contributors(
    northfield: Org, southdown: Org
) -> None:

    outsider = MembershipFactory.create().user

    assert (
        client_for(outsider)
        .get(f"/api/v1/organisations/{northfield.organisation.pk}/contributors/")
        .status_code
        == 404
    )
