"""Cumulative earnings against limits, for one contributor or thousands at once.

What counts, each contributor's calendar and which figure applies to a period all come from
the ledger (``payments.ledger``); this module turns the ledger's whole-period totals into a
level for each limit. Loading is set-based: rules, circumstances, preferences and per-day
totals for a batch of contributors in a handful of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.conf import settings

from accounts.models import User
from contributors.models import BenefitCircumstances
from coproduce.money import ZERO
from payments.ledger import Calendar, Ledger, calendar_of
from payments.models import PaymentChoice, PaymentPreference
from periods import Period, PeriodKind
from thresholds.models import ThresholdRule
from thresholds.rules.selectors import rule_codes_for_circumstances

from ..rules.book import Figure, RuleBook

__all__ = ["Calendar", "Ledger", "RuleBook"]

PERSONAL_CAP = "personal_cap"


class Level(StrEnum):
    OK = "ok"
    APPROACHING = "approaching"
    REACHED = "reached"
    EXCEEDED = "exceeded"

    @property
    def rank(self) -> int:
        """Higher is worse: the levels in the order they are declared."""
        return list(Level).index(self)


HOURS = "hours"
ESA_HOURS_KEY = "esa_pw_hours"
ESA_HOURS_LIMIT = Decimal("16")


def hours_level(hours: Decimal, limit: Decimal) -> Level:
    """The higher limit is for work of under 16 hours a week: 16 hours is already over."""
    if hours >= limit:
        return Level.EXCEEDED
    if hours >= limit * approaching_ratio():
        return Level.APPROACHING
    return Level.OK


def approaching_ratio() -> Decimal:
    """How close to a limit counts as approaching it (0.80 by default)."""
    return Decimal(settings.THRESHOLD_APPROACHING_PERCENT) / 100


def level_for(counted: Decimal, limit: Decimal) -> Level:
    if counted > limit:
        return Level.EXCEEDED
    if counted == limit:
        return Level.REACHED
    if counted >= limit * approaching_ratio():
        return Level.APPROACHING
    return Level.OK


@dataclass(frozen=True)
class Person:
    """A contributor as monitoring sees them: their calendar, the rules that apply to them
    and their own cap."""

    contributor_id: int
    calendar: Calendar
    codes: tuple[str, ...]
    cap_amount: Decimal | None
    cap_period: str

    def period(self, kind: PeriodKind | str, day: date) -> Period:
        return self.calendar.period(kind, day)


@dataclass(frozen=True)
class LimitStatus:
    contributor_id: int
    key: str  # a rule code, or "personal_cap"
    rule: ThresholdRule | None
    period: Period
    paid: Decimal
    committed: Decimal
    limit: Decimal
    forecast_extra: Decimal = ZERO
    booked_sessions: int = 0
    figure: Figure | None = None
    unit: str = "money"  # or "hours": ESA's condition of under 16 hours a week

    @property
    def counted(self) -> Decimal:
        return self.paid + self.committed

    @property
    def headroom(self) -> Decimal:
        return max(ZERO, self.limit - self.counted)

    @property
    def level(self) -> Level:
        if self.unit == HOURS:
            return hours_level(self.counted, self.limit)
        return level_for(self.counted, self.limit)

    @property
    def forecast(self) -> Decimal:
        return self.counted + self.forecast_extra

    @property
    def forecast_level(self) -> Level:
        return level_for(self.forecast, self.limit)

    @property
    def title(self) -> str:
        if self.unit == HOURS:
            return "ESA permitted work: under 16 hours a week"
        return self.rule.title if self.rule else "Your own cap"

    @property
    def figure_status(self) -> str:
        """confirmed / estimated, or "carried forward, not yet confirmed for 2027/28"."""
        if self.figure is None:
            return self.rule.status if self.rule else "your own"
        return self.figure.status_note


def people_users(contributor_ids: list[int]) -> dict[int, User]:
    """The contributors with their circumstances and payment preference: one query."""
    return {
        user.pk: user
        for user in User.objects.filter(pk__in=contributor_ids).select_related(
            "benefit_circumstances", "payment_preference"
        )
    }


def people_load(contributor_ids: list[int], users: dict[int, User]) -> dict[int, Person]:
    """Each contributor's calendar, rules and cap, from ``users`` as people_users reads them
    (their circumstances and payment preference come with the user row)."""
    people: dict[int, Person] = {}
    for contributor_id in contributor_ids:
        user = users.get(contributor_id)
        found: BenefitCircumstances | None = getattr(user, "benefit_circumstances", None)
        preference: PaymentPreference | None = getattr(user, "payment_preference", None)
        if preference is not None and preference.choice != PaymentChoice.CAPPED:
            preference = None
        people[contributor_id] = Person(
            contributor_id=contributor_id,
            calendar=calendar_of(found),
            codes=tuple(rule_codes_for_circumstances(found)),
            cap_amount=preference.cap_amount if preference else None,
            cap_period=preference.cap_period if preference else "",
        )
    return people


def periods_for(person: Person, rules: RuleBook, dates: Iterable[date]) -> list[Period]:
    """Every whole period the person's limits are measured over that contains one of
    ``dates`` (so callers can load exactly the days those periods cover)."""
    found: set[Period] = set()
    for day in set(dates):
        for code in person.codes:
            figure = rules.figure(code, day, person.calendar)
            if figure is not None:
                found.add(figure.period)
        if person.cap_amount is not None and person.cap_period:
            found.add(person.period(person.cap_period, day))
    return sorted(found, key=lambda p: (p.start, p.end))


# Evaluating ----------------------------------------------------------------------------------


def statuses_for(
    person: Person,
    ledger: Ledger,
    rules: RuleBook,
    *,
    dates: Iterable[date],
    forecasts: dict[tuple[str, date], tuple[Decimal, int]] | None = None,
    hours: dict[date, Decimal] | None = None,
) -> list[LimitStatus]:
    """Every limit that applies to ``person`` in each period containing one of ``dates``;
    with ``hours`` (hours recorded per day), ESA's 16-hour condition for people on the higher
    limit too."""
    seen: dict[tuple[str, date], LimitStatus] = {}
    for day in sorted(set(dates), reverse=True):
        if hours is not None and "esa_pw_higher" in person.codes:
            figure = rules.figure("esa_pw_higher", day, person.calendar)
            if figure is not None and (ESA_HOURS_KEY, figure.period.start) not in seen:
                week = figure.period
                total = sum((h for d, h in hours.items() if week.contains(d)), start=ZERO)
                seen[(ESA_HOURS_KEY, week.start)] = LimitStatus(
                    person.contributor_id, ESA_HOURS_KEY, figure.rule, week, ZERO, total,
                    ESA_HOURS_LIMIT, figure=figure, unit=HOURS,
                )  # fmt: skip
        for code in person.codes:
            figure = rules.figure(code, day, person.calendar)
            if figure is None:
                continue
            rule, period = figure.rule, figure.period
            if (code, period.start) in seen:
                continue
            paid, committed = ledger.totals(period, vouchers_count=rule.vouchers_count)
            extra, sessions = (forecasts or {}).get((code, period.start), (ZERO, 0))
            seen[(code, period.start)] = LimitStatus(
                person.contributor_id,
                code,
                rule,
                period,
                paid,
                committed,
                rule.limit,
                extra,
                sessions,
                figure,
            )
        if person.cap_amount is not None and person.cap_period:
            period = person.period(person.cap_period, day)
            if (PERSONAL_CAP, period.start) not in seen:
                paid, committed = ledger.totals(period, vouchers_count=True)
                extra, sessions = (forecasts or {}).get((PERSONAL_CAP, period.start), (ZERO, 0))
                seen[(PERSONAL_CAP, period.start)] = LimitStatus(
                    person.contributor_id, PERSONAL_CAP, None, period, paid, committed,
                    person.cap_amount, extra, sessions,
                )  # fmt: skip
    return sorted(seen.values(), key=lambda s: (s.period.start, s.key))
