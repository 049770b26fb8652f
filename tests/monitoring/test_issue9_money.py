"""Issue 9, through the API: caps hold on the day money lands, totals are over whole periods,
one figure per benefit week, alerts follow the money, honest figures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail

from accounts.models import User
from notifications.models import Notification
from payments.models import Payment, PaymentPreference, PaymentStatus
from tests.clients import client_for
from thresholds.models import ThresholdAlert
from thresholds.monitoring.alerts import contributor_evaluate

from .conftest import Org

pytestmark = pytest.mark.django_db

D = Decimal


def _capped(person: User, amount: str = "20.00", period: str = "benefit_week") -> None:
    PaymentPreference.objects.update_or_create(
        contributor=person,
        defaults={"choice": "capped", "cap_amount": D(amount), "cap_period": period},
    )


def _approved(org: Org, person: User, amount: str, due: date) -> dict:
    response = org.record(person, amount, due)
    assert response.status_code == 201, response.json()
    payment = response.json()
    approved = org.client("finance").post(f"/api/v1/payments/{payment['id']}/approve/")
    assert approved.status_code == 200, approved.json()
    return approved.json()


def _earnings(person: User, on: date) -> dict[str, dict]:
    response = client_for(person).get(f"/api/v1/me/earnings/?on={on.isoformat()}")
    assert response.status_code == 200
    return {row["key"]: row for row in response.json()["limits"]}


# 1. Paying late never breaks the cap -----------------------------------------------------


@time_machine.travel("2026-12-02 10:00 +00:00", tick=False)
def test_paying_a_fee_late_into_a_full_cap_week_is_held_with_the_day_it_fits(
    northfield: Org, esa_person: User
) -> None:
    _capped(esa_person)
    late = _approved(northfield, esa_person, "20.00", date(2026, 11, 18))
    _approved(northfield, esa_person, "20.00", date(2026, 11, 30))  # the week of 30 Nov

    response = northfield.client("finance").post(
        f"/api/v1/payments/{late['id']}/mark-paid/", {"paid_on": "2026-12-02"}, format="json"
    )

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "cap_held"
    assert body["message"] == (
        "Paying this on 2 December would take this person past their cap for that period. "
        "It fits from 7 December."
    )
    [held] = body["fields"]["held"]
    assert held["payment_id"] == late["id"] and held["fits_from"] == "2026-12-07"
    text = response.content.decode()
    assert "20.00" not in text and "ESA" not in text and "Employment" not in text
    payment = Payment.objects.get(pk=late["id"])
    assert (payment.status, payment.counts_on, payment.payable) == (
        PaymentStatus.APPROVED,
        date(2026, 11, 18),
        D("20.00"),
    )


@time_machine.travel("2026-12-02 10:00 +00:00", tick=False)
def test_run_mark_paid_is_refused_whole_when_one_fee_would_pass_the_cap(
    northfield: Org, southdown: Org, esa_person: User
) -> None:
    _capped(esa_person)
    _approved(southdown, esa_person, "20.00", date(2026, 11, 30))
    early = _approved(northfield, esa_person, "20.00", date(2026, 12, 15))  # paid early
    run = northfield.client("finance").post(
        f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/", {}, format="json"
    )
    assert run.status_code == 201

    response = northfield.client("finance").post(
        f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/{run.json()['id']}/"
        "mark-paid/",
        {"paid_on": "2026-12-02"},
        format="json",
    )

    assert response.status_code == 409
    [held] = response.json()["fields"]["held"]
    assert held["payment_id"] == early["id"] and held["fits_from"] == "2026-12-07"
    assert not Payment.objects.filter(status=PaymentStatus.PAID).exists()


@time_machine.travel("2026-12-02 10:00 +00:00", tick=False)
def test_a_fee_that_fits_on_its_pay_date_is_paid_in_full(northfield: Org, esa_person: User) -> None:
    _capped(esa_person)
    late = _approved(northfield, esa_person, "20.00", date(2026, 11, 18))

    response = northfield.client("finance").post(
        f"/api/v1/payments/{late['id']}/mark-paid/", {"paid_on": "2026-12-02"}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["payable"], response.json()["counts_on"]) == ("20.00", "2026-12-02")


@time_machine.travel("2026-11-25 10:00 +00:00", tick=False)
def test_preview_names_the_fees_a_pay_date_would_hold_and_the_status_it_would_give(
    northfield: Org, southdown: Org, esa_person: User
) -> None:
    _capped(esa_person)
    _approved(southdown, esa_person, "20.00", date(2026, 11, 30))
    held = _approved(northfield, esa_person, "20.00", date(2026, 11, 18))

    response = northfield.client("finance").get(
        f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/preview/"
        "?paid_on=2026-12-02"
    )

    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["payment_id"] == held["id"]
    assert (row["fits"], row["fits_from"]) == (False, "2026-12-07")
    assert row["status"] in ("ok", "near", "over")
    assert Payment.objects.get(pk=held["id"]).counts_on == date(2026, 11, 18)  # nothing moved


@time_machine.travel("2026-11-25 10:00 +00:00", tick=False)
def test_a_run_given_a_pay_date_tells_the_contributor_before_the_day(
    northfield: Org, southdown: Org, esa_person: User, django_capture_on_commit_callbacks
) -> None:
    _approved(southdown, esa_person, "10.00", date(2026, 11, 30))
    _approved(northfield, esa_person, "20.00", date(2026, 11, 18))

    with django_capture_on_commit_callbacks(execute=True):
        run = northfield.client("finance").post(
            f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/",
            {"pay_on": "2026-12-02"},
            format="json",
        )

    assert run.status_code == 201 and run.json()["pay_on"] == "2026-12-02"
    [notice] = Notification.objects.filter(
        user=esa_person, title__startswith="A planned payment would take you past"
    )
    assert notice.body.startswith("A payment of £20.00 from Northfield is planned for 2 December.")
    assert "£30.00 would count" in notice.body


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
    assert _earnings(person, date(2026, 4, 6))["esa_pw_lower"]["counted"] == "0.00"
    assert not any("6 April" in n.body for n in Notification.objects.filter(user=person))


def test_a_tax_year_total_counts_the_whole_tax_year_whatever_day_is_asked(
    northfield: Org, person_with: Callable[..., User], pay: Callable[..., Payment]
) -> None:
    person = person_with(track_tax_year=True)
    pay(northfield, person, "900.00", date(2027, 3, 20))

    asked_now = _earnings(person, date(2026, 12, 2))["trading_allowance"]
    asked_then = _earnings(person, date(2027, 3, 20))["trading_allowance"]

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
            _earnings(person, start + timedelta(days=n))["esa_pw_higher"]["limit"] for n in range(7)
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

    row = _earnings(person, date(2026, 11, 25))["esa_pw_hours"]
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

    row = _earnings(person, date(2026, 11, 25))["uc_no_work_allowance"]

    assert row["limit"] == "0.00"
    assert "55p for each £1" in row["purpose"] and "first pound" in row["purpose"]


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


# 9. Honest figures -----------------------------------------------------------------------


def test_a_figure_past_its_published_year_is_carried_forward_not_confirmed(
    person_with: Callable[..., User],
) -> None:
    person = person_with(receives_carers_allowance=True)

    later = _earnings(person, date(2027, 4, 12))["carers_allowance"]
    now = _earnings(person, date(2026, 11, 25))["carers_allowance"]
    rules = client_for(person).get("/api/v1/thresholds/?on=2027-04-12").json()["rules"]
    [carers] = [r for r in rules if r["code"] == "carers_allowance"]

    assert later["figure_status"] == "carried forward, not yet confirmed for 2027/28"
    assert now["figure_status"] == "confirmed"
    assert carers["status"] == "estimated"
    assert carers["status_note"] == "carried forward, not yet confirmed for 2027/28"


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
    from datetime import time

    from opportunities import services as opportunities

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


@time_machine.travel("2026-11-25 10:00 +00:00", tick=False)
def test_a_pay_date_that_would_pass_a_cap_is_refused_naming_the_fee(
    northfield: Org, southdown: Org, esa_person: User
) -> None:
    _capped(esa_person)
    _approved(southdown, esa_person, "20.00", date(2026, 11, 30))
    held = _approved(northfield, esa_person, "20.00", date(2026, 11, 18))
    runs = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/"
    run = northfield.client("finance").post(runs, {}, format="json").json()

    response = northfield.client("finance").post(
        f"{runs}{run['id']}/pay-date/", {"pay_on": "2026-12-02"}, format="json"
    )

    assert response.status_code == 409
    assert [h["payment_id"] for h in response.json()["fields"]["held"]] == [held["id"]]
    assert Payment.objects.get(pk=held["id"]).planned_on is None
