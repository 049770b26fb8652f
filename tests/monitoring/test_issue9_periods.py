"""Issue 9, through the API: totals over whole periods, one figure per benefit week,
circumstances and hours, Universal Credit without a work allowance, honest figures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest

from accounts.models import User
from notifications.models import Notification
from payments.models import Payment
from tests.clients import client_for
from thresholds.models import ThresholdAlert
from thresholds.monitoring.alerts import contributor_evaluate

from .conftest import Org
from .paying import earnings

pytestmark = pytest.mark.django_db

D = Decimal


# 2, 3. Whole periods, whatever day is asked ----------------------------------------------


def test_a_fee_in_july_raises_nothing_about_the_week_of_6_april(
    northfield: Org, person_with: Callable[..., User], pay: Callable[..., Payment]
) -> None:
    person = person_with(receives_esa=True, esa_permitted_work_limit="lower", track_tax_year=True)
    pay(northfield, person, "30.00", date(2026, 7, 15))
    pay(northfield, person, "30.00", date(2026, 5, 1))

    contributor_evaluate(contributor_id=person.pk)

    weeks = set(
        ThresholdAlert.objects.filter(contributor=person, limit_key="esa_pw_lower").values_list(
            "period_start", flat=True
        )
    )
    assert date(2026, 4, 6) not in weeks
    assert earnings(person, date(2026, 4, 6))["esa_pw_lower"]["counted"] == "0.00"
    assert not any("6 April" in n.body for n in Notification.objects.filter(user=person))


def test_a_tax_year_total_counts_the_whole_tax_year_whatever_day_is_asked(
    northfield: Org, person_with: Callable[..., User], pay: Callable[..., Payment]
) -> None:
    person = person_with(track_tax_year=True)
    pay(northfield, person, "900.00", date(2027, 3, 20))

    asked_now = earnings(person, date(2026, 12, 2))["trading_allowance"]
    asked_then = earnings(person, date(2027, 3, 20))["trading_allowance"]

    assert asked_now["counted"] == asked_then["counted"] == "900.00"
    assert asked_now["level"] == "approaching"


# 4. One figure per benefit week ----------------------------------------------------------


@pytest.mark.parametrize("weekday", range(7))
def test_a_benefit_week_has_the_figure_in_force_on_its_first_day(
    person_with: Callable[..., User], weekday: int
) -> None:
    person = person_with(
        receives_esa=True, esa_permitted_work_limit="higher", benefit_week_start=weekday
    )
    # The week containing 5 April 2026 and the one after it, on both sides of 6 April.
    first = date(2026, 4, 5) - timedelta(days=(date(2026, 4, 5).weekday() - weekday) % 7)
    for start in (first, first + timedelta(days=7)):
        expected = "203.50" if start >= date(2026, 4, 6) else "195.50"
        limits = {
            earnings(person, start + timedelta(days=n))["esa_pw_higher"]["limit"] for n in range(7)
        }
        assert limits == {expected}, (weekday, start)


# 5. Changing circumstances checks at once ------------------------------------------------


def test_saying_you_get_esa_after_fees_exist_raises_the_alert_at_once(
    northfield: Org, person_with: Callable[..., User], pay: Callable[..., Payment],
    django_capture_on_commit_callbacks,
) -> None:  # fmt: skip
    person = person_with()
    pay(northfield, person, "25.00", date(2026, 11, 24))
    assert not ThresholdAlert.objects.filter(contributor=person).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(person).patch(
            "/api/v1/me/benefits/",
            {"receives_esa": True, "esa_permitted_work_limit": "lower"},
            format="json",
        )

    assert response.status_code == 200
    assert ThresholdAlert.objects.filter(
        contributor=person, limit_key="esa_pw_lower", level="exceeded"
    ).exists()


# 6. ESA's 16 hours -----------------------------------------------------------------------


def test_eighteen_hours_in_one_benefit_week_is_over_the_16_hour_condition(
    northfield: Org, person_with: Callable[..., User], django_capture_on_commit_callbacks
) -> None:
    person = person_with(receives_esa=True, esa_permitted_work_limit="higher")
    with django_capture_on_commit_callbacks(execute=True):
        for day, hours in ((date(2026, 11, 23), "10"), (date(2026, 11, 24), "8")):
            assert northfield.record(person, "20.00", day, hours=hours).status_code == 201

    row = earnings(person, date(2026, 11, 25))["esa_pw_hours"]
    assert (row["unit"], row["counted"], row["limit"], row["level"]) == (
        "hours",
        "18.00",
        "16.00",
        "exceeded",
    )
    alert = ThresholdAlert.objects.get(contributor=person, limit_key="esa_pw_hours")
    [body] = [a["message"] for a in client_for(person).get("/api/v1/me/alerts/").json()["results"]
              if a["id"] == alert.pk]  # fmt: skip
    assert "18 hours of paid work are recorded in the benefit week from Monday 23 November" in body
    assert "Citizens Advice" in body


def test_a_fee_needs_hours_unless_it_is_not_time_based(northfield: Org, esa_person: User) -> None:
    missing = northfield.record(esa_person, "20.00", date(2026, 11, 24), time_based=True)
    papers = northfield.record(esa_person, "20.00", date(2026, 11, 24), time_based=False)

    assert missing.status_code == 400 and "hours" in missing.json()["fields"]
    assert papers.status_code == 201
    assert (papers.json()["hours"], papers.json()["time_based"]) == (None, False)


# 7. Universal Credit without a work allowance --------------------------------------------


def test_uc_without_a_work_allowance_shows_a_calm_row_with_a_zero_limit(
    person_with: Callable[..., User],
) -> None:
    person = person_with(receives_uc=True, uc_work_allowance=False, uc_assessment_start_day=3)

    row = earnings(person, date(2026, 11, 25))["uc_no_work_allowance"]

    assert row["limit"] == "0.00"
    assert "55p for each £1" in row["purpose"] and "first pound" in row["purpose"]


# 9. Honest figures -----------------------------------------------------------------------


def test_a_figure_past_its_published_year_is_carried_forward_not_confirmed(
    person_with: Callable[..., User],
) -> None:
    person = person_with(receives_carers_allowance=True)

    later = earnings(person, date(2027, 4, 12))["carers_allowance"]
    now = earnings(person, date(2026, 11, 25))["carers_allowance"]
    rules = client_for(person).get("/api/v1/thresholds/?on=2027-04-12").json()["rules"]
    [carers] = [r for r in rules if r["code"] == "carers_allowance"]

    assert later["figure_status"] == "carried forward, not yet confirmed for 2027/28"
    assert now["figure_status"] == "confirmed"
    assert carers["status"] == "estimated"
    assert carers["status_note"] == "carried forward, not yet confirmed for 2027/28"
