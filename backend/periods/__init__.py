"""UK periods that benefit and tax limits are measured over, on Europe/London dates.

- benefit week: seven days from the contributor's weekday (default Monday);
- calendar month;
- Universal Credit assessment period: one month from the contributor's start day, as UC
  Regulations 2013 reg 21(2) sets it (the 31st means the last day of each month; the 29th or
  30th means the 27th of February, or the 28th in a leap year);
- tax year: 6 April to 5 April;
- tax week: seven-day weeks counted from 6 April (week 53 is the one or two days left over).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class PeriodKind(StrEnum):
    BENEFIT_WEEK = "benefit_week"
    CALENDAR_MONTH = "calendar_month"
    UC_ASSESSMENT_PERIOD = "uc_assessment_period"
    TAX_YEAR = "tax_year"
    TAX_WEEK = "tax_week"

    @property
    def label(self) -> str:
        return {
            PeriodKind.BENEFIT_WEEK: "benefit week",
            PeriodKind.CALENDAR_MONTH: "calendar month",
            PeriodKind.UC_ASSESSMENT_PERIOD: "Universal Credit assessment period",
            PeriodKind.TAX_YEAR: "tax year",
            PeriodKind.TAX_WEEK: "tax week",
        }[self]


PERIOD_KIND_CHOICES = [(kind.value, kind.label.capitalize()) for kind in PeriodKind]


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: date
    end: date  # inclusive

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.TAX_YEAR:
            return f"tax year {self.start.year}/{str(self.end.year)[-2:]}"
        if self.kind == PeriodKind.CALENDAR_MONTH:
            return f"{calendar.month_name[self.start.month]} {self.start.year}"
        return f"{_long(self.start)} to {_long(self.end)}"


def _long(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {calendar.month_name[day.month]} {day.year}"


def uk_date(moment: datetime) -> date:
    """The date in the UK at an aware moment."""
    if moment.tzinfo is None:
        raise ValueError("uk_date needs an aware datetime")
    return moment.astimezone(UK).date()


def uk_today() -> date:
    return datetime.now(tz=UK).date()


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def uc_period_start_in_month(year: int, month: int, start_day: int) -> date:
    """The day a UC assessment period begins in a month, for a first day of entitlement on
    ``start_day`` (UC Regulations 2013 reg 21(2))."""
    if not 1 <= start_day <= 31:
        raise ValueError("start_day must be 1 to 31")
    last = calendar.monthrange(year, month)[1]
    if start_day == 31:
        return date(year, month, last)
    if start_day in (29, 30) and month == 2:
        return date(year, 2, 28 if calendar.isleap(year) else 27)
    return date(year, month, start_day)


def tax_year_start(day: date) -> date:
    start = date(day.year, 4, 6)
    return start if day >= start else date(day.year - 1, 4, 6)


def period_containing(
    kind: PeriodKind | str, day: date, *, week_start: int = 0, uc_start_day: int = 1
) -> Period:
    """The period of ``kind`` that ``day`` falls in."""
    kind = PeriodKind(kind)
    if kind == PeriodKind.BENEFIT_WEEK:
        if not 0 <= week_start <= 6:
            raise ValueError("week_start must be 0 (Monday) to 6 (Sunday)")
        start = day - timedelta(days=(day.weekday() - week_start) % 7)
        return Period(kind, start, start + timedelta(days=6))
    if kind == PeriodKind.CALENDAR_MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return Period(kind, day.replace(day=1), day.replace(day=last))
    if kind == PeriodKind.UC_ASSESSMENT_PERIOD:
        this_month = uc_period_start_in_month(day.year, day.month, uc_start_day)
        if day >= this_month:
            start = this_month
            ny, nm = _add_months(day.year, day.month, 1)
            end = uc_period_start_in_month(ny, nm, uc_start_day) - timedelta(days=1)
        else:
            py, pm = _add_months(day.year, day.month, -1)
            start = uc_period_start_in_month(py, pm, uc_start_day)
            end = this_month - timedelta(days=1)
        return Period(kind, start, end)
    if kind == PeriodKind.TAX_YEAR:
        start = tax_year_start(day)
        return Period(kind, start, date(start.year + 1, 4, 5))
    # TAX_WEEK
    year_start = tax_year_start(day)
    year_end = date(year_start.year + 1, 4, 5)
    week = (day - year_start).days // 7
    start = year_start + timedelta(days=7 * week)
    return Period(kind, start, min(start + timedelta(days=6), year_end))


def periods_overlapping(
    kind: PeriodKind | str, start: date, end: date, *, week_start: int = 0, uc_start_day: int = 1
) -> list[Period]:
    """Every period of ``kind`` that overlaps ``start``..``end`` (inclusive), in order."""
    if end < start:
        raise ValueError("end must not be before start")
    found: list[Period] = []
    day = start
    while day <= end:
        period = period_containing(kind, day, week_start=week_start, uc_start_day=uc_start_day)
        found.append(period)
        day = period.end + timedelta(days=1)
    return found


def next_period(period: Period, *, week_start: int = 0, uc_start_day: int = 1) -> Period:
    return period_containing(
        period.kind,
        period.end + timedelta(days=1),
        week_start=week_start,
        uc_start_day=uc_start_day,
    )
