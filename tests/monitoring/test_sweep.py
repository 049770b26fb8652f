"""The sweep adds up current periods in the database; it must agree with the full evaluation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from accounts.models import User
from payments.models import Payment, PaymentPreference
from thresholds.models import ThresholdAlert
from thresholds.monitoring.statuses import contributors_statuses
from thresholds.monitoring.sweep import _counted, current_totals, sweep_range, sweep_ranges
from thresholds.tasks import sweep

from .conftest import Org

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


def test_sweep_totals_match_the_full_evaluation_for_every_kind_of_period(
    northfield: Org, southdown: Org, person_with: Callable[..., User], pay: Callable[..., Payment]
) -> None:
    people = [
        person_with(receives_esa=True, esa_permitted_work_limit="lower", benefit_week_start=3),
        person_with(
            receives_uc=True,
            uc_housing_element=True,
            uc_work_allowance=True,
            uc_assessment_start_day=31,
        ),
        person_with(receives_carers_allowance=True, benefit_week_start=6),
        person_with(receives_uc=True, uc_work_allowance=True, uc_assessment_start_day=26),
    ]
    PaymentPreference.objects.create(
        contributor=people[0],
        choice="capped",
        cap_amount=Decimal("50.00"),
        cap_period="calendar_month",
    )
    for person in people:
        for day, amount, method in [
            (date(2026, 4, 10), "300.00", "bank_transfer"),
            (date(2026, 10, 31), "40.00", "voucher"),
            (date(2026, 11, 19), "12.50", "bank_transfer"),
            (date(2026, 11, 22), "7.25", "voucher"),
            (date(2026, 11, 26), "9.00", "cheque"),
            (date(2026, 12, 3), "11.00", "bank_transfer"),
        ]:
            pay(southdown if day.day % 2 else northfield, person, amount, day, method=method)
    ids = [p.pk for p in people]

    totals = current_totals(first_id=min(ids), last_id=max(ids), today=TODAY)
    full = contributors_statuses(ids, today=TODAY, on=TODAY)

    assert set(totals) == set(ids)
    for person in people:
        statuses = full[person.pk]
        assert statuses, person
        for status in statuses:
            bucket_kind = status.period.kind.value
            vouchers = status.rule.vouchers_count if status.rule else True
            assert (
                _counted(totals[person.pk], bucket_kind, vouchers_count=vouchers) == status.counted
            ), (
                person.pk,
                status.key,
            )


def test_sweep_range_raises_each_alert_once(
    northfield: Org, esa_person: User, pay: Callable[..., Payment]
) -> None:
    pay(northfield, esa_person, "18.00", date(2026, 11, 24))

    sweep_range(first_id=esa_person.pk, last_id=esa_person.pk)
    sweep_range(first_id=esa_person.pk, last_id=esa_person.pk)
    sweep.apply()

    assert list(ThresholdAlert.objects.values_list("limit_key", "level")) == [
        ("esa_pw_lower", "approaching")
    ]


def test_sweep_ranges_cover_every_contributor(person_with: Callable[..., User]) -> None:
    people = [person_with() for _ in range(3)]

    ranges = sweep_ranges()

    for person in people:
        assert any(lo <= person.pk <= hi for lo, hi in ranges)
