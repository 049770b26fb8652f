"""Each contributor's limits now: whole periods, money counted, booked sessions forecast;
and which contributors to look at."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from accounts.models import User
from opportunities.models import EngagementStatus, Session
from payments.ledger import Window, ledgers_load, window_load
from periods import uk_today

from ..rules.book import rule_book
from .evaluation import (
    LimitStatus,
    people_load,
    people_users,
    periods_for,
    statuses_for,
)
from .forecast import forecasts_compute, session_dates, session_rows_load

logger = logging.getLogger(__name__)

SESSION_HORIZON_DAYS = 92  # how far ahead booked sessions are forecast (totals are never cut)
MAX_PERIOD_DAYS = 366  # the longest period a limit is measured over (a tax year)


def contributors_statuses(
    contributor_ids: list[int],
    *,
    today: date,
    on: date | None = None,
    recent_days: int = 42,
    extra_dates: dict[int, set[date]] | None = None,
    with_hours: bool = False,
    users: dict[int, User] | None = None,
) -> dict[int, list[LimitStatus]]:
    """Each contributor's limits, always over whole periods: in the periods containing ``on``
    only, or (``on`` None) in every period containing today, a day with money from
    ``recent_days`` ago onwards (however far ahead), or a booked session. ``users``: the
    contributors as ``people_users`` reads them, when the caller has them already."""
    rules = rule_book()
    if users is None:
        users = people_users(contributor_ids)
    people = people_load(contributor_ids, users)
    sessions = session_rows_load(
        contributor_ids, start=today, end=today + timedelta(days=SESSION_HORIZON_DAYS)
    )
    booked = session_dates(sessions)
    window: Window | None = None
    if on is not None:
        dates_for = {contributor_id: {on} for contributor_id in contributor_ids}
    else:
        since = today - timedelta(days=recent_days)
        extra = extra_dates or {}
        # Every period wanted contains today, a booked session, an extra date or a day from
        # ``since`` on, so it starts at most a year before the earliest of them: one read of
        # the ledger from there answers the money days, the totals and the hours.
        earliest = min([since, today, *(d for days in extra.values() for d in days)])
        window = window_load(contributor_ids, start=earliest - timedelta(days=MAX_PERIOD_DAYS))
        dates_for = {
            contributor_id: {today}
            | {d for d in window.money_days.get(contributor_id, set()) if d >= since}
            | extra.get(contributor_id, set())
            for contributor_id in contributor_ids
        }
    if window is not None:
        ledgers, hours = window.ledgers, window.hours
    else:
        wanted = {
            contributor_id: periods_for(
                person, rules, dates_for[contributor_id] | booked.get(contributor_id, set())
            )
            for contributor_id, person in people.items()
        }
        every = [period for periods in wanted.values() for period in periods]
        if every:
            start, end = min(p.start for p in every), max(p.end for p in every)
        else:
            start = end = today
        # Hours are the contributor's own business: organisations' views never ask for them.
        if with_hours:
            found = window_load(contributor_ids, start=start, end=end)  # money and hours at once
            ledgers, hours = found.ledgers, found.hours
        else:
            ledgers, hours = ledgers_load(contributor_ids, start, end), {}
    preferences = {pk: getattr(user, "payment_preference", None) for pk, user in users.items()}
    forecasts = forecasts_compute(sessions, people, ledgers, rules, preferences)
    result: dict[int, list[LimitStatus]] = {}
    for contributor_id, person in people.items():
        dates = dates_for[contributor_id] | booked.get(contributor_id, set())
        result[contributor_id] = statuses_for(
            person,
            ledgers[contributor_id],
            rules,
            dates=dates,
            forecasts=forecasts.get(contributor_id, {}),
            hours=hours.get(contributor_id) if with_hours else None,
        )
    return result


def contributors_with_booked_sessions(*, today: date | None = None, days: int = 31) -> list[int]:

    today = today or uk_today()
    ids = Session.objects.filter(
        date__gte=today,
        date__lte=today + timedelta(days=days),
        opportunity__engagements__status=EngagementStatus.ACTIVE,
    ).values_list("opportunity__engagements__contributor_id", flat=True)
    return sorted(set(ids.distinct()))


def all_contributor_ids() -> list[int]:
    return list(
        User.objects.filter(account_type="contributor", is_active=True).values_list("pk", flat=True)
    )
