"""What an organisation may read about a contributor's limits, and the warnings its staff get.

Organisations see a status (ok / near / over) and, only if the contributor shares it, whether
the organisation's own next booked fee fits: "fits", "fits £X of it" or "does not fit". Never
the room left itself (with nothing earned it equals the limit: £204.00 says Carer's
Allowance), never a period's first or last day (a Wednesday-start week or a 30 January to
26 February period points to a benefit), never another organisation's money, and never a
figure that equals a limit or, added to the organisation's own fees, makes one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from accounts.models import User
from contributors.selectors import headroom_shared
from coproduce.money import ZERO, format_gbp
from notifications.services import notify
from opportunities.models import Attendance, EngagementStatus, Session
from opportunities.pay import offered_fee
from organisations.models import Membership
from organisations.permissions import COORDINATOR_ROLES
from payments.choice import ChoiceSpec
from payments.ledger import counted_fees
from payments.models import PaymentChoice, PaymentPreference
from payments.selectors import choice_spec_for
from periods import uk_today
from thresholds.models import AlertLevel, ThresholdAlert
from thresholds.rules.book import rule_book

from .evaluation import PERSONAL_CAP, Level, LimitStatus
from .statuses import contributors_statuses


class OrgStatus:
    OK = "ok"
    NEAR = "near"
    OVER = "over"


class Fit:
    FITS = "fits"
    PART = "part"
    NONE = "none"


@dataclass(frozen=True)
class NextFee:
    """The organisation's next booked paid session with the contributor, and how much of its
    fee fits. ``fits_amount`` is set only when part fits and saying how much reveals nothing."""

    on: date
    amount: Decimal
    fits: str
    fits_amount: Decimal | None
    text: str


@dataclass(frozen=True)
class OrganisationView:
    status: str
    next_fee: NextFee | None


def _day(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def status_for(statuses: Iterable[LimitStatus], *, on: date) -> str:
    current = [s for s in statuses if s.period.contains(on)]
    if any(s.level == Level.EXCEEDED for s in current):
        return OrgStatus.OVER
    if any(s.level in (Level.APPROACHING, Level.REACHED) for s in current):
        return OrgStatus.NEAR
    return OrgStatus.OK


def _next_session(organisation_id: int, contributor_id: int, today: date) -> Session | None:
    """The organisation's next paid session, today or later, that the contributor is booked on
    (an active engagement) and has not attended yet."""
    attended = Attendance.objects.filter(
        engagement__contributor_id=contributor_id, session__isnull=False
    ).values("session_id")
    return (
        Session.objects.filter(
            opportunity__organisation_id=organisation_id,
            opportunity__engagements__contributor_id=contributor_id,
            opportunity__engagements__status=EngagementStatus.ACTIVE,
            opportunity__pay_rate__isnull=False,
            date__gte=today,
        )
        .exclude(pk__in=attended)
        .select_related("opportunity")
        .order_by("date", "start_time", "id")
        .first()
    )


def _counting_amount(offered: Decimal, spec: ChoiceSpec) -> Decimal:
    """What of an offered fee would count against the contributor's limits under their choice.
    A cap is one of the limits checked, so a capped fee counts in full here."""
    if spec.choice in (PaymentChoice.EXPENSES_ONLY, PaymentChoice.DONATE):
        return ZERO
    if spec.choice == PaymentChoice.REDUCED and spec.reduced_amount is not None:
        return min(offered, spec.reduced_amount)
    return offered


def _unsafe_figures(contributor_id: int) -> set[Decimal]:
    """Figures an organisation must never be shown for this person: every published limit, in
    any year, and the caps the contributor has set themself."""
    figures = rule_book().limits()
    figures |= {
        cap
        for cap in PaymentPreference.objects.filter(contributor_id=contributor_id).values_list(
            "cap_amount", flat=True
        )
        if cap is not None
    }
    return {figure.quantize(Decimal("0.01")) for figure in figures}


def _own_and_others(
    organisation_id: int, contributor_id: int, status: LimitStatus
) -> tuple[Decimal, Decimal]:
    fees = counted_fees(
        contributor_id=contributor_id, start=status.period.start, end=status.period.end
    )
    own = fees.filter(organisation_id=organisation_id).aggregate(t=Sum("payable"))["t"] or ZERO
    return own, max(ZERO, status.counted - own)


def _may_say(figure: Decimal, *, own: Decimal, others: Decimal, unsafe: set[Decimal]) -> bool:
    """Whether saying "fits £X of it" tells the organisation nothing about a limit. With no
    other organisation's money in the period, the figure plus the organisation's own fees is
    the limit itself; and a figure that happens to equal a limit is never shown either."""
    return others > ZERO and figure not in unsafe and (figure + own) not in unsafe


def next_fee_for(
    *, organisation_id: int, contributor_id: int, name: str, today: date
) -> NextFee | None:
    """How much of the organisation's next booked fee fits within every limit the contributor
    tracks, in the periods containing that session's date."""

    session = _next_session(organisation_id, contributor_id, today)
    if session is None:
        return None
    opportunity = session.opportunity
    engagement_id = (
        opportunity.engagements.filter(
            contributor_id=contributor_id, status=EngagementStatus.ACTIVE
        )
        .values_list("pk", flat=True)
        .first()
    )
    return _fit_for_session(
        session,
        organisation_id=organisation_id,
        contributor_id=contributor_id,
        name=name,
        today=today,
        engagement_id=engagement_id,
    )


def fee_fit_if_booked(
    *, organisation_id: int, contributor_id: int, opportunity_id: int, name: str, today: date
) -> NextFee | None:
    """Before accepting someone: whether the first fee of the role's next paid session would
    fit within every limit they track, as if they were booked on it. Only for contributors
    who share their headroom; None when they do not, or when the role has no paid session
    ahead."""
    if not headroom_shared(contributor=User(pk=contributor_id)):
        return None
    session = (
        Session.objects.filter(
            opportunity_id=opportunity_id,
            opportunity__organisation_id=organisation_id,
            opportunity__pay_rate__isnull=False,
            date__gte=today,
        )
        .select_related("opportunity")
        .order_by("date", "start_time", "id")
        .first()
    )
    if session is None:
        return None
    return _fit_for_session(
        session,
        organisation_id=organisation_id,
        contributor_id=contributor_id,
        name=name,
        today=today,
        engagement_id=None,
    )


def _fit_for_session(
    session: Session,
    *,
    organisation_id: int,
    contributor_id: int,
    name: str,
    today: date,
    engagement_id: int | None,
) -> NextFee | None:
    opportunity = session.opportunity
    offered = offered_fee(
        rate=opportunity.pay_rate,
        unit=opportunity.pay_unit,
        hours=session.planned_hours,
        first_attendance=not Attendance.objects.filter(
            engagement__opportunity=opportunity, engagement__contributor_id=contributor_id
        ).exists(),
    )
    if offered <= ZERO:
        return None
    spec = choice_spec_for(contributor=User(pk=contributor_id), engagement_id=engagement_id)
    amount = _counting_amount(offered, spec)
    statuses = contributors_statuses([contributor_id], today=today, on=session.date).get(
        contributor_id, []
    )
    current = [s for s in statuses if s.period.contains(session.date)]
    what = f"Your next booked fee for {name} ({format_gbp(offered)} on {_day(session.date)})"
    if not current or amount <= min(s.headroom for s in current):
        return NextFee(session.date, offered, Fit.FITS, None, f"{what} fits.")
    tightest = min(current, key=lambda s: (s.headroom, s.key == PERSONAL_CAP))
    room = tightest.headroom
    if room <= ZERO:
        return NextFee(
            session.date,
            offered,
            Fit.NONE,
            None,
            f"{what} does not fit within a limit that matters to them.",
        )
    own, others = _own_and_others(organisation_id, contributor_id, tightest)
    if _may_say(room, own=own, others=others, unsafe=_unsafe_figures(contributor_id)):
        return NextFee(
            session.date, offered, Fit.PART, room, f"{what} fits {format_gbp(room)} of it."
        )
    return NextFee(
        session.date,
        offered,
        Fit.PART,
        None,
        f"Only part of {what[0].lower()}{what[1:]} fits. Please talk to them about it.",
    )


def organisation_views(
    *, organisation_id: int, contributors: dict[int, str], today: date | None = None
) -> dict[int, OrganisationView]:
    """For contributors who share headroom (id -> name): the status today and the next fee."""

    today = today or uk_today()
    ids = sorted(contributors)
    if not ids:
        return {}
    statuses = contributors_statuses(ids, today=today, on=today)
    return {
        contributor_id: OrganisationView(
            status=status_for(statuses.get(contributor_id, []), on=today),
            next_fee=next_fee_for(
                organisation_id=organisation_id,
                contributor_id=contributor_id,
                name=contributors[contributor_id],
                today=today,
            ),
        )
        for contributor_id in ids
    }


# Warnings to staff ---------------------------------------------------------------------------


def _org_status(level: str) -> str:
    return OrgStatus.OVER if level == AlertLevel.EXCEEDED else OrgStatus.NEAR


def notify_organisations(alert: ThresholdAlert) -> None:
    """Warn coordinators of organisations the contributor works with, if the contributor
    allows it: the status and whether their own next fee fits, never the limit, the rule, the
    period's days or anyone else's money. Past periods are history: no warning."""

    today = uk_today()
    if alert.period_end < today or not headroom_shared(contributor=alert.contributor):
        return
    if alert.level == AlertLevel.FORECAST:
        return  # booked sessions, not money: each organisation reads its next fee on request
    status = _org_status(alert.level)
    name = alert.contributor.full_name
    organisation_ids = sorted(
        set(
            alert.contributor.engagements.filter(status=EngagementStatus.ACTIVE).values_list(
                "opportunity__organisation_id", flat=True
            )
        )
    )
    staff = Membership.objects.filter(
        organisation_id__in=organisation_ids, role__in=COORDINATOR_ROLES
    ).select_related("user")
    if status == OrgStatus.OVER:
        title = f"{name} has no room for more paid work just now"
        lead = (
            f"Fees for {name} have gone past a limit that matters to them. Please talk to them "
            "before booking more paid work: they may prefer expenses only, a lower fee or a "
            "later date."
        )
    else:
        title = f"{name} is close to a limit"
        lead = (
            f"Fees for {name} are close to a limit that matters to them. Please check with "
            "them before booking more paid work."
        )
    tail = (
        f"{name} chose to share this with the organisations they work with. Coproduce does not "
        "tell organisations which limit it is or why it matters."
    )
    next_fees: dict[int, NextFee | None] = {}
    for member in staff:
        organisation_id = member.organisation_id
        if organisation_id not in next_fees:
            next_fees[organisation_id] = next_fee_for(
                organisation_id=organisation_id,
                contributor_id=alert.contributor_id,
                name=name,
                today=today,
            )
        next_fee = next_fees[organisation_id]
        body = "\n\n".join(part for part in (lead, next_fee.text if next_fee else "", tail) if part)
        # One warning per organisation, person, period and status: staff are never told
        # which limit it is, so two limits over the same days are one warning. The key is a
        # hash: staff can read their own notifications (and export them), and the period's
        # days would identify a benefit calendar.
        period = f"{organisation_id}:{alert.contributor_id}:{alert.period_start}:{alert.period_end}"
        digest = hashlib.sha256(f"{period}:{status}".encode()).hexdigest()[:32]
        notify(
            user=member.user,
            kind="headroom_warning",
            dedupe_key=f"headroom:{digest}",
            title=title,
            body=body,
            link=f"/organisations/{organisation_id}/contributors",
        )
