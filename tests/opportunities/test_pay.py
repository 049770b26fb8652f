from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opportunities.models import PayUnit
from opportunities.pay import offered_fee

D = Decimal


@pytest.mark.parametrize(
    ("hours", "expected"),
    [("0.25", "6.25"), ("1", "25.00"), ("2.5", "62.50"), ("7.75", "193.75"), ("24", "600.00")],
)
def test_hourly_rate_is_rate_times_hours(hours: str, expected: str) -> None:
    assert offered_fee(rate=D("25.00"), unit=PayUnit.HOUR, hours=D(hours)) == D(expected)


def test_hourly_fee_rounds_half_up_to_the_penny() -> None:
    # 13.33 x 1.25 = 16.6625 -> 16.66; 10.01 x 0.5 = 5.005 -> 5.01
    assert offered_fee(rate=D("13.33"), unit=PayUnit.HOUR, hours=D("1.25")) == D("16.66")
    assert offered_fee(rate=D("10.01"), unit=PayUnit.HOUR, hours=D("0.5")) == D("5.01")


@pytest.mark.parametrize(
    ("hours", "blocks"),
    [
        ("0.01", 1),
        ("1", 1),
        ("4", 1),
        ("4.01", 2),
        ("8", 2),
        ("8.01", 3),
        ("12", 3),
        ("12.5", 4),
        ("24", 6),
    ],
)
def test_half_day_rate_is_paid_per_started_block_of_four_hours(hours: str, blocks: int) -> None:
    fee = offered_fee(rate=D("60.00"), unit=PayUnit.HALF_DAY, hours=D(hours))
    assert fee == D("60.00") * blocks


@pytest.mark.parametrize(
    ("hours", "blocks"),
    [("0.5", 1), ("7.99", 1), ("8", 1), ("8.01", 2), ("16", 2), ("16.25", 3), ("24", 3)],
)
def test_day_rate_is_paid_per_started_block_of_eight_hours(hours: str, blocks: int) -> None:
    fee = offered_fee(rate=D("150.00"), unit=PayUnit.DAY, hours=D(hours))
    assert fee == D("150.00") * blocks


@pytest.mark.parametrize("hours", ["0.5", "2", "9", "24"])
def test_session_rate_is_paid_once_whatever_the_hours(hours: str) -> None:
    assert offered_fee(rate=D("50.00"), unit=PayUnit.SESSION, hours=D(hours)) == D("50.00")


def test_fixed_fee_is_paid_on_the_first_attendance_only() -> None:
    first = offered_fee(rate=D("40.00"), unit=PayUnit.FIXED, hours=D("3"), first_attendance=True)
    later = offered_fee(rate=D("40.00"), unit=PayUnit.FIXED, hours=D("3"), first_attendance=False)
    assert first == D("40.00")
    assert later == D("0.00")


@pytest.mark.parametrize("unit", list(PayUnit))
def test_unpaid_role_offers_nothing(unit: str) -> None:
    assert offered_fee(rate=None, unit=unit, hours=D("2")) == D("0.00")


@pytest.mark.parametrize("hours", ["0", "-1"])
def test_hours_must_be_more_than_zero(hours: str) -> None:
    with pytest.raises(ValueError, match="hours"):
        offered_fee(rate=D("25.00"), unit=PayUnit.HOUR, hours=D(hours))


def test_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="unit"):
        offered_fee(rate=D("25.00"), unit="week", hours=D("2"))


@given(
    rate=st.decimals(min_value=D("0.01"), max_value=D("1000"), places=2),
    hours=st.decimals(min_value=D("0.01"), max_value=D("24"), places=2),
    unit=st.sampled_from(list(PayUnit)),
)
def test_fee_is_whole_pennies_and_never_negative(rate: Decimal, hours: Decimal, unit: str) -> None:
    fee = offered_fee(rate=rate, unit=unit, hours=hours)
    assert fee >= 0
    assert fee == fee.quantize(D("0.01"))
    assert fee.as_tuple().exponent == -2


@given(
    rate=st.decimals(min_value=D("0.01"), max_value=D("1000"), places=2),
    hours=st.decimals(min_value=D("0.01"), max_value=D("23.99"), places=2),
    unit=st.sampled_from([PayUnit.HOUR, PayUnit.HALF_DAY, PayUnit.DAY]),
)
def test_more_hours_never_pay_less(rate: Decimal, hours: Decimal, unit: str) -> None:
    assert offered_fee(rate=rate, unit=unit, hours=hours + D("0.01")) >= offered_fee(
        rate=rate, unit=unit, hours=hours
    )
