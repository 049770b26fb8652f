from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from accounts.models import User
from notifications.models import Notification
from payments.models import Payment, PaymentPreference
from tests.clients import client_for
from thresholds.models import ThresholdAlert, ThresholdRule
from thresholds.monitoring.alerts import contributor_evaluate
from thresholds.monitoring.evaluation import Level, level_for
from thresholds.monitoring.statuses import contributors_statuses
from thresholds.tasks import evaluate_contributor, sweep
from workers.schedule import beat_schedule

from .conftest import Org

pytestmark = pytest.mark.django_db

Pay = Callable[..., Payment]
D = Decimal
MONDAY = date(2026, 11, 23)


def _levels(person: User) -> list[tuple[str, str]]:
    return sorted(
        ThresholdAlert.objects.filter(contributor=person).values_list("limit_key", "level")
    )


@pytest.mark.parametrize(
    ("counted", "level"),
    [
        ("0.00", "ok"),
        ("15.99", "ok"),
        ("16.00", "approaching"),
        ("19.99", "approaching"),
        ("20.00", "reached"),
        ("20.01", "exceeded"),
    ],
)
def test_levels_at_80_percent_the_limit_and_over(counted: str, level: str) -> None:
    assert level_for(D(counted), D("20.00")) == Level(level)


def test_two_organisations_in_one_benefit_week_raise_approaching_then_exceeded_once_each(
    northfield: Org, southdown: Org, esa_person: User, pay: Pay
) -> None:
    pay(northfield, esa_person, "17.00", MONDAY)
    contributor_evaluate(contributor_id=esa_person.pk)
    assert _levels(esa_person) == [("esa_pw_lower", "approaching")]

    pay(southdown, esa_person, "5.00", MONDAY + timedelta(days=2))
    contributor_evaluate(contributor_id=esa_person.pk)
    contributor_evaluate(contributor_id=esa_person.pk)
    evaluate_contributor.apply(args=(esa_person.pk,))

    assert _levels(esa_person) == [("esa_pw_lower", "approaching"), ("esa_pw_lower", "exceeded")]
    alerts = Notification.objects.filter(user=esa_person, kind="threshold_alert")
    assert alerts.count() == 2
    exceeded = alerts.get(title__startswith="You have gone over")
    assert "£22.00" in exceeded.body and "£20.00" in exceeded.body
    assert "Citizens Advice" in exceeded.body


def test_organisations_see_near_and_over_but_never_the_benefit(
    northfield: Org, southdown: Org, esa_person: User, pay: Pay
) -> None:
    url = f"/api/v1/organisations/{northfield.organisation.pk}/contributors/"
    pay(northfield, esa_person, "17.00", MONDAY)
    near = client_for(northfield.coordinator.user).get(url)
    pay(southdown, esa_person, "5.00", MONDAY)
    contributor_evaluate(contributor_id=esa_person.pk)
    over = client_for(northfield.coordinator.user).get(url)

    [row] = near.json()["results"]
    # No booked session: status only, never the room left (£3.00 + £17.00 is the limit).
    assert (row["status"], row["next_fee"]) == ("near", None)
    assert "3.00" not in near.content.decode()
    assert over.json()["results"][0]["status"] == "over"
    for response in (near, over):
        text = response.content.decode().lower()
        assert (
            "esa" not in text and "employment and support" not in text and "permitted" not in text
        )
    warnings = Notification.objects.filter(
        user=northfield.coordinator.user, kind="headroom_warning"
    )
    assert warnings.exists()
    assert all("ESA" not in n.body and "Employment" not in n.body for n in warnings)


def test_organisations_see_no_headroom_without_consent(
    northfield: Org, person_with: Callable[..., User], pay: Pay
) -> None:
    person = person_with(receives_esa=True, esa_permitted_work_limit="lower", share=False)
    pay(northfield, person, "25.00", MONDAY)
    contributor_evaluate(contributor_id=person.pk)

    [row] = (
        client_for(northfield.coordinator.user)
        .get(f"/api/v1/organisations/{northfield.organisation.pk}/contributors/")
        .json()["results"]
    )

    assert row["shares_headroom"] is False
    assert row["status"] is None and row["next_fee"] is None
    assert not Notification.objects.filter(kind="headroom_warning").exists()


def test_benefit_week_boundaries_follow_the_contributors_weekday(
    northfield: Org, person_with: Callable[..., User], pay: Pay
) -> None:
    person = person_with(
        receives_esa=True, esa_permitted_work_limit="lower", benefit_week_start=2
    )  # Wednesday
    pay(northfield, person, "15.00", date(2026, 11, 24))  # Tuesday: the week of 18-24 Nov
    pay(northfield, person, "15.00", date(2026, 11, 25))  # Wednesday: a new week

    statuses = contributors_statuses([person.pk], today=date(2026, 11, 25))[person.pk]
    esa = {s.period.start: s.counted for s in statuses if s.key == "esa_pw_lower"}

    assert esa == {date(2026, 11, 18): D("15.00"), date(2026, 11, 25): D("15.00")}


def test_uc_assessment_period_uses_the_figure_in_force_when_it_began(
    northfield: Org, person_with: Callable[..., User], pay: Pay
) -> None:
    early = person_with(
        receives_uc=True,
        uc_housing_element=True,
        uc_work_allowance=True,
        uc_assessment_start_day=10,
    )
    late = person_with(
        receives_uc=True,
        uc_housing_element=True,
        uc_work_allowance=True,
        uc_assessment_start_day=15,
    )

    limits = {}
    for person in (early, late):
        found = contributors_statuses([person.pk], today=date(2026, 11, 25), on=date(2026, 4, 20))
        [status] = [s for s in found[person.pk] if s.key == "uc_work_allowance_housing"]
        limits[person.pk] = (status.period.start, status.limit)

    # 10 April 2026 began before the 13 April uprating: the old £411. 15 April: the new £427.
    assert limits[early.pk] == (date(2026, 4, 10), D("411.00"))
    assert limits[late.pk] == (date(2026, 4, 15), D("427.00"))


def test_rule_change_on_6_april_a_payment_on_5_april_uses_the_old_figure(
    northfield: Org, person_with: Callable[..., User], pay: Pay
) -> None:
    person = person_with(receives_esa=True, esa_permitted_work_limit="higher")
    pay(northfield, person, "200.00", date(2026, 4, 5))  # Sunday, last day of the old rates
    pay(northfield, person, "200.00", date(2026, 4, 6))

    statuses = contributors_statuses([person.pk], today=date(2026, 4, 7))[person.pk]
    higher = {
        s.period.start: (s.limit, s.level.value) for s in statuses if s.key == "esa_pw_higher"
    }

    assert higher[date(2026, 3, 30)] == (D("195.50"), "exceeded")
    assert higher[date(2026, 4, 6)] == (D("203.50"), "approaching")


def test_tax_year_limits_turn_on_6_april(
    northfield: Org, person_with: Callable[..., User], pay: Pay
) -> None:
    person = person_with(track_tax_year=True)
    pay(northfield, person, "900.00", date(2026, 4, 5))
    pay(northfield, person, "150.00", date(2026, 4, 6))

    statuses = contributors_statuses([person.pk], today=date(2026, 4, 6))[person.pk]
    trading = {s.period.start: s.counted for s in statuses if s.key == "trading_allowance"}

    assert trading == {date(2025, 4, 6): D("900.00"), date(2026, 4, 6): D("150.00")}


def test_vouchers_count_or_not_per_rule(northfield: Org, esa_person: User, pay: Pay) -> None:
    pay(northfield, esa_person, "10.00", MONDAY, method="voucher")
    pay(northfield, esa_person, "5.00", MONDAY)

    def esa_counted() -> D:
        [status] = [
            s
            for s in contributors_statuses([esa_person.pk], today=MONDAY, on=MONDAY)[esa_person.pk]
            if s.key == "esa_pw_lower"
        ]
        return status.counted

    assert esa_counted() == D("15.00")
    ThresholdRule.objects.filter(code="esa_pw_lower").update(vouchers_count=False)
    assert esa_counted() == D("5.00")


def test_expenses_waived_fees_and_donations_never_count(
    northfield: Org, esa_person: User, pay: Pay
) -> None:
    pay(northfield, esa_person, "50.00", MONDAY, kind="expense")
    PaymentPreference.objects.create(contributor=esa_person, choice="donate", charity_name="Mind")
    pay(northfield, esa_person, "40.00", MONDAY)
    PaymentPreference.objects.filter(contributor=esa_person).update(
        choice="expenses_only", charity_name=""
    )
    pay(northfield, esa_person, "40.00", MONDAY)

    [status] = [
        s
        for s in contributors_statuses([esa_person.pk], today=MONDAY, on=MONDAY)[esa_person.pk]
        if s.key == "esa_pw_lower"
    ]

    assert status.counted == D("0.00")
    assert contributor_evaluate(contributor_id=esa_person.pk) == []


def test_personal_cap_is_tracked_as_a_limit(northfield: Org, esa_person: User, pay: Pay) -> None:
    PaymentPreference.objects.create(
        contributor=esa_person, choice="capped", cap_amount=D("100.00"), cap_period="calendar_month"
    )
    pay(northfield, esa_person, "60.00", date(2026, 11, 2))
    pay(northfield, esa_person, "30.00", date(2026, 11, 30))

    [cap] = [
        s
        for s in contributors_statuses([esa_person.pk], today=MONDAY, on=MONDAY)[esa_person.pk]
        if s.key == "personal_cap"
    ]

    assert (cap.period.start, cap.counted, cap.level.value) == (
        date(2026, 11, 1),
        D("90.00"),
        "approaching",
    )


def test_a_task_run_twice_creates_nothing_new(northfield: Org, esa_person: User, pay: Pay) -> None:
    pay(northfield, esa_person, "25.00", MONDAY)

    evaluate_contributor.apply(args=(esa_person.pk,))
    first = (ThresholdAlert.objects.count(), Notification.objects.count(), len(mail.outbox))
    evaluate_contributor.apply(args=(esa_person.pk,))

    assert first[0] >= 1
    assert (ThresholdAlert.objects.count(), Notification.objects.count(), len(mail.outbox)) == first


def test_the_sweep_finds_a_contributor_whose_on_commit_task_was_lost(
    northfield: Org, esa_person: User, pay: Pay
) -> None:
    # In this test the on-commit callback never runs: as if the message was lost.
    pay(northfield, esa_person, "25.00", MONDAY)
    assert not ThresholdAlert.objects.exists()

    sweep.apply()

    assert _levels(esa_person) == [("esa_pw_lower", "exceeded")]


def test_a_rule_change_re_evaluates_everyone(
    northfield: Org, esa_person: User, pay: Pay, django_capture_on_commit_callbacks
) -> None:
    pay(northfield, esa_person, "15.00", MONDAY)
    assert contributor_evaluate(contributor_id=esa_person.pk) == []

    rule = ThresholdRule.objects.get(code="esa_pw_lower", effective_to__isnull=True)
    rule.limit = D("15.00")  # as a platform admin would correct it in the admin
    with django_capture_on_commit_callbacks(execute=True):
        rule.save()

    assert _levels(esa_person) == [("esa_pw_lower", "reached")]


def test_the_new_tax_year_is_on_the_schedule() -> None:

    entry = beat_schedule()["thresholds-new-tax-year"]
    assert entry["task"] == "thresholds.reevaluate_everyone"
    assert entry["schedule"].month_of_year == {4} and entry["schedule"].day_of_month == {6}


def test_tax_year_totals_include_fees_from_months_ago(
    northfield: Org, person_with: Callable[..., User], pay: Pay
) -> None:
    person = person_with(receives_esa=True, esa_permitted_work_limit="lower")
    pay(northfield, person, "700.00", date(2026, 5, 1))
    pay(northfield, person, "150.00", date(2026, 9, 30))
    pay(northfield, person, "15.00", MONDAY)

    statuses = contributors_statuses([person.pk], today=date(2026, 11, 25))[person.pk]
    by_key = {s.key: s for s in statuses if s.period.contains(date(2026, 11, 25))}

    assert by_key["trading_allowance"].counted == D("865.00")
    assert by_key["trading_allowance"].level == Level.APPROACHING
    assert by_key["esa_pw_lower"].counted == D("15.00")
