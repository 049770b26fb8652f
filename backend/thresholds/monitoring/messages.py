"""What an alert says to the contributor: plain words, the limit, the period, and where to get
advice."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from coproduce.money import ZERO, format_gbp
from periods import WEEKDAYS, Period, PeriodKind
from thresholds.models import AlertLevel, ThresholdAlert

from .evaluation import (
    ESA_HOURS_KEY,
)

ADVICE = (
    "Coproduce does not give benefits advice. For free, independent advice, contact Citizens "
    "Advice, Turn2us or Disability Rights UK, or the NIHR Benefits Advice Service for Involvement."
)


CAP_CONSEQUENCE = (
    "Your cap is a limit you chose. Coproduce cuts new fees so that what counts in each period "
    "stays within it, and holds a payment that would pass it on the day it is paid until a day "
    "it fits."
)


def limit_name(title: str | None) -> str:
    """A rule's title as it reads inside a sentence: "the ESA permitted work lower limit"."""
    if not title:
        return "the cap you set yourself"
    return "the " + title.replace(": ", " ")


def _day_month(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {calendar.month_name[day.month]}"


def period_phrase(period: Period) -> str:
    """A period as it reads inside a sentence, for the contributor."""
    if period.kind == PeriodKind.TAX_YEAR:
        return f"the {period.start.year}/{str(period.end.year)[-2:]} tax year"
    if period.kind == PeriodKind.CALENDAR_MONTH:
        return f"{calendar.month_name[period.start.month]} {period.start.year}"
    noun = {
        PeriodKind.BENEFIT_WEEK: "benefit week",
        PeriodKind.UC_ASSESSMENT_PERIOD: "assessment period",
        PeriodKind.TAX_WEEK: "tax week",
    }[period.kind]
    start = _day_month(period.start)
    if period.start.year != period.end.year:
        start = f"{start} {period.start.year}"
    return f"the {noun} from {start} to {_day_month(period.end)} {period.end.year}"


def _money_lead(alert: ThresholdAlert, where: str, left: Decimal) -> tuple[str, str]:
    what = limit_name(alert.rule.title if alert.rule else None)
    if alert.level == AlertLevel.APPROACHING:
        return (
            f"You are close to {what}",
            f"{format_gbp(alert.counted)} counts in {where}. The limit is "
            f"{format_gbp(alert.limit)}, so {format_gbp(left)} more would reach it.",
        )
    if alert.level == AlertLevel.REACHED:
        return (
            f"You have reached {what}",
            f"{format_gbp(alert.counted)} counts in {where}. That is the limit of "
            f"{format_gbp(alert.limit)}.",
        )
    if alert.level == AlertLevel.EXCEEDED:
        return (
            f"You have gone over {what}",
            f"{format_gbp(alert.counted)} counts in {where}. The limit is "
            f"{format_gbp(alert.limit)}.",
        )
    return (
        f"Booked sessions would take you past {what}",
        f"If you go to the sessions booked in {where}, {format_gbp(alert.forecast)} would "
        f"count. The limit is {format_gbp(alert.limit)}.",
    )


def _hours_lead(alert: ThresholdAlert, where: str) -> tuple[str, str]:
    hours = f"{alert.counted.normalize():f}"
    if alert.level == AlertLevel.EXCEEDED:
        title = "Your recorded hours are over 16 in one benefit week"
    else:
        title = "Your recorded hours are close to 16 in one benefit week"
    lead = (
        f"{hours} hours of paid work are recorded in {where}. ESA's higher permitted work "
        "limit is for work of under 16 hours a week."
    )
    return title, lead


def alert_message(alert: ThresholdAlert) -> tuple[str, str]:
    """A calm title and body for the contributor: facts about the limit and the period, what
    crossing it can mean, and where to get independent advice."""
    period = Period(PeriodKind(alert.period_kind), alert.period_start, alert.period_end)
    where = period_phrase(period)
    left = max(ZERO, alert.limit - alert.counted)
    if alert.limit_key == ESA_HOURS_KEY:
        title, lead = _hours_lead(alert, where)
        consequence = (
            "Working 16 hours or more in a week can affect ESA, whatever you are paid. Hours "
            "are as the organisations recorded them."
        )
    else:
        title, lead = _money_lead(alert, where, left)
        consequence = alert.rule.consequence if alert.rule else CAP_CONSEQUENCE
    parts = [lead, f"What this limit means: {consequence}"]
    if alert.resolved_at is not None:
        parts.insert(0, f"This no longer applies: {alert.resolved_reason}.")
    parts += [
        "How you are paid is your choice, and you can change it at any time: the full fee, a "
        "lower amount, a cap, expenses only or a gift to a charity. Organisations are not told "
        "which benefits you get.",
        ADVICE,
    ]
    return title, "\n\n".join(parts)
