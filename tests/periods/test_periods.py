from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from periods import (
    PeriodKind,
    next_period,
    period_containing,
    periods_overlapping,
    uc_period_start_in_month,
    uk_date,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@pytest.mark.parametrize(
    ("day", "week_start", "start", "end"),
    [
        (date(2026, 11, 23), 0, date(2026, 11, 23), date(2026, 11, 29)),  # a Monday
        (date(2026, 11, 29), 0, date(2026, 11, 23), date(2026, 11, 29)),  # the Sunday after
        (date(2026, 11, 30), 0, date(2026, 11, 30), date(2026, 12, 6)),
        (date(2026, 11, 24), 2, date(2026, 11, 18), date(2026, 11, 24)),  # Wednesday weeks
        (date(2026, 11, 25), 2, date(2026, 11, 25), date(2026, 12, 1)),
        (date(2026, 1, 1), 6, date(2025, 12, 28), date(2026, 1, 3)),  # across the new year
    ],
)
def test_benefit_week_starts_on_the_contributors_weekday(day, week_start, start, end) -> None:
    period = period_containing(PeriodKind.BENEFIT_WEEK, day, week_start=week_start)

    assert (period.start, period.end) == (start, end)
    assert period.start.weekday() == week_start


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (date(2026, 2, 14), date(2026, 2, 1), date(2026, 2, 28)),
        (date(2028, 2, 29), date(2028, 2, 1), date(2028, 2, 29)),
        (date(2026, 12, 31), date(2026, 12, 1), date(2026, 12, 31)),
        (date(2026, 4, 30), date(2026, 4, 1), date(2026, 4, 30)),
    ],
)
def test_calendar_month(day, start, end) -> None:
    period = period_containing(PeriodKind.CALENDAR_MONTH, day)

    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("start_day", "year", "month", "expected"),
    [
        (15, 2026, 2, date(2026, 2, 15)),
        (28, 2026, 2, date(2026, 2, 28)),
        (29, 2026, 2, date(2026, 2, 27)),  # reg 21(2): February, not a leap year -> 27th
        (30, 2026, 2, date(2026, 2, 27)),
        (29, 2028, 2, date(2028, 2, 28)),  # leap year -> 28th
        (30, 2028, 2, date(2028, 2, 28)),
        (31, 2026, 2, date(2026, 2, 28)),  # the 31st means the last day of the month
        (31, 2028, 2, date(2028, 2, 29)),
        (31, 2026, 4, date(2026, 4, 30)),
        (31, 2026, 5, date(2026, 5, 31)),
        (30, 2026, 4, date(2026, 4, 30)),
        (29, 2026, 3, date(2026, 3, 29)),
        (1, 2026, 1, date(2026, 1, 1)),
    ],
)
def test_uc_assessment_period_start_follows_regulation_21(start_day, year, month, expected) -> None:
    assert uc_period_start_in_month(year, month, start_day) == expected


@pytest.mark.parametrize(
    ("day", "start_day", "start", "end"),
    [
        (date(2026, 1, 20), 15, date(2026, 1, 15), date(2026, 2, 14)),
        (date(2026, 1, 14), 15, date(2025, 12, 15), date(2026, 1, 14)),
        (date(2026, 2, 26), 30, date(2026, 1, 30), date(2026, 2, 26)),
        (date(2026, 2, 27), 30, date(2026, 2, 27), date(2026, 3, 29)),
        (date(2028, 2, 28), 30, date(2028, 2, 28), date(2028, 3, 29)),
        (date(2028, 2, 27), 30, date(2028, 1, 30), date(2028, 2, 27)),
        (date(2026, 3, 1), 31, date(2026, 2, 28), date(2026, 3, 30)),
        (date(2026, 3, 31), 31, date(2026, 3, 31), date(2026, 4, 29)),
        (date(2026, 4, 30), 31, date(2026, 4, 30), date(2026, 5, 30)),
        (date(2025, 12, 31), 31, date(2025, 12, 31), date(2026, 1, 30)),
    ],
)
def test_uc_assessment_period_spans_two_calendar_months(day, start_day, start, end) -> None:
    period = period_containing(PeriodKind.UC_ASSESSMENT_PERIOD, day, uc_start_day=start_day)

    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (date(2026, 4, 5), date(2025, 4, 6), date(2026, 4, 5)),
        (date(2026, 4, 6), date(2026, 4, 6), date(2027, 4, 5)),
        (date(2027, 1, 1), date(2026, 4, 6), date(2027, 4, 5)),
        (date(2028, 2, 29), date(2027, 4, 6), date(2028, 4, 5)),
    ],
)
def test_tax_year_turns_on_6_april(day, start, end) -> None:
    period = period_containing(PeriodKind.TAX_YEAR, day)

    assert (period.start, period.end) == (start, end)
    assert period.label == f"tax year {start.year}/{str(end.year)[-2:]}"


def test_tax_weeks_count_from_6_april_with_a_short_week_53() -> None:
    first = period_containing(PeriodKind.TAX_WEEK, date(2026, 4, 6))
    last = period_containing(PeriodKind.TAX_WEEK, date(2027, 4, 5))

    assert (first.start, first.end) == (date(2026, 4, 6), date(2026, 4, 12))
    assert (last.start, last.end) == (date(2027, 4, 5), date(2027, 4, 5))


def test_uk_date_uses_london_time_across_clock_changes() -> None:
    # 23:30 UTC on 28 June is 00:30 on 29 June in London (BST).
    assert uk_date(datetime(2026, 6, 28, 23, 30, tzinfo=UTC)) == date(2026, 6, 29)
    # In winter (GMT) 23:30 UTC is still the same day.
    assert uk_date(datetime(2026, 12, 28, 23, 30, tzinfo=UTC)) == date(2026, 12, 28)
    # The night the clocks go forward (29 March 2026, 01:00 UTC) and back (25 October 2026).
    assert uk_date(datetime(2026, 3, 28, 23, 59, tzinfo=UTC)) == date(2026, 3, 28)
    assert uk_date(datetime(2026, 3, 29, 23, 30, tzinfo=UTC)) == date(2026, 3, 30)
    assert uk_date(datetime(2026, 10, 24, 23, 30, tzinfo=UTC)) == date(2026, 10, 25)
    assert uk_date(datetime(2026, 10, 25, 23, 30, tzinfo=UTC)) == date(2026, 10, 25)
    with pytest.raises(ValueError):
        uk_date(datetime(2026, 1, 1))


def test_benefit_week_across_the_clock_change_is_still_seven_days() -> None:
    period = period_containing(PeriodKind.BENEFIT_WEEK, date(2026, 3, 29))

    assert period.days == 7


def test_periods_overlapping_lists_every_period_in_order() -> None:
    weeks = periods_overlapping(PeriodKind.BENEFIT_WEEK, date(2026, 11, 1), date(2026, 11, 30))

    assert weeks[0].start == date(2026, 10, 26)
    assert weeks[-1].end == date(2026, 12, 6)
    assert all(b.start == a.end + timedelta(days=1) for a, b in itertools.pairwise(weeks))
    with pytest.raises(ValueError):
        periods_overlapping(PeriodKind.TAX_YEAR, date(2026, 5, 1), date(2026, 4, 1))


@pytest.mark.parametrize("bad", [{"week_start": 7}, {"week_start": -1}])
def test_bad_week_start_is_refused(bad) -> None:
    with pytest.raises(ValueError):
        period_containing(PeriodKind.BENEFIT_WEEK, date(2026, 1, 1), **bad)


@pytest.mark.parametrize("bad", [0, 32])
def test_bad_uc_start_day_is_refused(bad) -> None:
    with pytest.raises(ValueError):
        period_containing(PeriodKind.UC_ASSESSMENT_PERIOD, date(2026, 1, 1), uc_start_day=bad)


@given(
    day=days,
    kind=st.sampled_from(list(PeriodKind)),
    week_start=st.integers(0, 6),
    uc_start_day=st.integers(1, 31),
)
def test_periods_contain_the_day_and_tile_without_gaps(day, kind, week_start, uc_start_day) -> None:
    params = {"week_start": week_start, "uc_start_day": uc_start_day}
    period = period_containing(kind, day, **params)

    assert period.contains(day)
    assert period.start <= period.end
    following = next_period(period, **params)
    assert following.start == period.end + timedelta(days=1)
    assert period_containing(kind, period.start, **params) == period
    assert period_containing(kind, period.end, **params) == period
    if kind == PeriodKind.UC_ASSESSMENT_PERIOD:
        assert 28 <= period.days <= 31
    if kind == PeriodKind.BENEFIT_WEEK:
        assert period.days == 7
