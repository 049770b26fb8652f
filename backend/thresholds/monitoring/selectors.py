"""What the monitoring views show: a contributor's limits and alerts, and the contributors an
organisation works with (status and room for the next fee only where they share headroom).
Role checks happen here, not in the views."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet

from accounts.models import AccountType, User
from contributors.models import BenefitCircumstances, ContributorProfile
from coproduce.api.errors import NotFound, PermissionDenied
from opportunities.models import Engagement, EngagementStatus
from organisations.selectors import membership_get
from payments.ledger import calendar_for, counted_total
from periods import PeriodKind, uk_today
from thresholds.models import ThresholdAlert

from .evaluation import PERSONAL_CAP, LimitStatus, people_users
from .messages import ADVICE, CAP_CONSEQUENCE
from .organisation_view import organisation_views
from .statuses import contributors_statuses

EARNINGS_NOTE = (
    "Counted means fees that are paid, approved or waiting for approval, from every "
    "organisation. Expenses never count. Fees you gave to charity or waived do not count. " + ADVICE
)


def require_contributor(user: User) -> None:
    if user.account_type != AccountType.CONTRIBUTOR:
        raise PermissionDenied("Only contributors have earnings and alerts.")


HOURS_PURPOSE = (
    "ESA's higher permitted work limit is for work of under 16 hours a week. This counts the "
    "hours organisations recorded for your fees in each benefit week. Fees recorded without "
    "hours (for example a papers review) are not in this total."
)
HOURS_CONSEQUENCE = (
    "Working 16 hours or more in a week can affect ESA, whatever you are paid. PW1 is the DWP "
    "form for telling them about permitted work; your work coach or an independent benefits "
    "adviser can tell you how it applies to you."
)


def _limit_data(status: LimitStatus) -> dict[str, Any]:
    rule = status.rule
    hours = status.unit == "hours"
    purpose = rule.purpose if rule else "A limit you set yourself on what you are paid."
    consequence = rule.consequence if rule else CAP_CONSEQUENCE
    return {
        "key": status.key,
        "title": status.title,
        "benefit": rule.get_benefit_display() if rule else "",
        "purpose": HOURS_PURPOSE if hours else purpose,
        "consequence": HOURS_CONSEQUENCE if hours else consequence,
        "period": {
            "kind": status.period.kind.value,
            "start": status.period.start,
            "end": status.period.end,
            "label": status.period.label,
        },
        "paid": status.paid,
        "committed": status.committed,
        "counted": status.counted,
        "limit": status.limit,
        "headroom": status.headroom,
        "level": status.level.value,
        "forecast": {
            "amount": status.forecast,
            "level": status.forecast_level.value,
            "booked_sessions": status.booked_sessions,
        },
        "vouchers_count": rule.vouchers_count if rule else True,
        "figure_status": status.figure_status,
        "source_title": rule.source_title if rule else "",
        "source_url": rule.source_url if rule else "",
        "unit": status.unit,
    }


UC_NO_ALLOWANCE = (
    "You told us you get Universal Credit without a work allowance. Universal Credit then goes "
    "down by 55p for each £1 you earn (after tax), from the first pound. This is a taper, not a "
    "cliff edge: your award gets smaller bit by bit, and you are still better off for each "
    "pound you earn."
)


def uc_without_work_allowance(
    *, contributor: User, on: date, found: BenefitCircumstances | None
) -> dict[str, Any] | None:
    """A row for Universal Credit with no work allowance (``found``: the contributor's
    circumstances): a limit of £0.00 and a calm note of what earnings do, in the assessment
    period containing ``on``."""
    if found is None or not found.receives_uc or found.uc_work_allowance:
        return None
    period = calendar_for(contributor_id=contributor.pk).period(PeriodKind.UC_ASSESSMENT_PERIOD, on)
    counted = counted_total(contributor_id=contributor.pk, start=period.start, end=period.end)
    zero = Decimal("0.00")
    return {
        "key": "uc_no_work_allowance",
        "title": "Universal Credit: no work allowance",
        "benefit": "Universal Credit",
        "purpose": UC_NO_ALLOWANCE,
        "consequence": "Universal Credit goes down by 55p for each £1 of earnings after tax.",
        "period": {
            "kind": period.kind.value,
            "start": period.start,
            "end": period.end,
            "label": period.label,
        },
        "paid": zero,
        "committed": counted,
        "counted": counted,
        "limit": zero,
        "headroom": zero,
        "level": "ok" if counted == zero else "exceeded",
        "forecast": {"amount": counted, "level": "ok", "booked_sessions": 0},
        "vouchers_count": True,
        "figure_status": "confirmed",
        "source_title": "Universal Credit Regulations 2013, regulation 22",
        "source_url": "https://www.legislation.gov.uk/uksi/2013/376/regulation/22",
        "unit": "money",
    }


def _group(status: LimitStatus) -> int:
    if status.key == PERSONAL_CAP:
        return 1
    return 2 if status.rule is not None and status.rule.benefit == "tax" else 0


def earnings_limits(*, user: User, on: date) -> list[dict[str, Any]]:
    """Each limit that applies to the contributor on ``on``, across every organisation: benefit
    limits first, then the contributor's own cap, then tax."""
    require_contributor(user)
    users = people_users([user.pk])  # read once, for the limits and the note below
    statuses = contributors_statuses(
        [user.pk], today=uk_today(), on=on, with_hours=True, users=users
    )[user.pk]
    statuses.sort(key=lambda s: (_group(s), s.period.start, s.title))
    limits = [_limit_data(s) for s in statuses]
    found = users.get(user.pk, user)
    no_allowance = uc_without_work_allowance(
        contributor=user, on=on, found=getattr(found, "benefit_circumstances", None)
    )
    if no_allowance is not None:
        limits.insert(0, no_allowance)
    return limits


def alert_list(*, user: User, unacknowledged: bool = False) -> QuerySet[ThresholdAlert]:
    """The contributor's alerts, newest first."""
    require_contributor(user)
    alerts = (
        ThresholdAlert.objects.filter(contributor=user)
        .select_related("rule")
        .order_by("-created_at", "-id")
    )
    return alerts.filter(acknowledged_at__isnull=True) if unacknowledged else alerts


def alert_get(*, user: User, alert_id: int) -> ThresholdAlert:
    require_contributor(user)
    alert = ThresholdAlert.objects.filter(contributor=user, pk=alert_id).first()
    if alert is None:
        raise NotFound("There is no alert with that id.")
    return alert


def engaged_contributors(*, user: User, organisation_id: int) -> list[dict[str, Any]]:
    """The contributors with an active engagement with the member's organisation, by name."""
    membership = membership_get(user=user, organisation_id=organisation_id)
    return list(
        Engagement.objects.filter(
            opportunity__organisation_id=membership.organisation_id,
            status=EngagementStatus.ACTIVE,
        )
        .values("contributor_id", "contributor__full_name")
        .annotate(active=Count("id"))
        .order_by("contributor__full_name", "contributor_id")
    )


def engaged_contributors_detail(
    rows: list[dict[str, Any]], *, organisation_id: int
) -> list[dict[str, Any]]:
    """One page of ``engaged_contributors``, each with its status and room for the next fee
    when (and only when) the contributor shares headroom."""
    ids = [row["contributor_id"] for row in rows]
    sharing = set(
        ContributorProfile.objects.filter(user_id__in=ids, share_headroom=True).values_list(
            "user_id", flat=True
        )
    )
    views = organisation_views(
        organisation_id=organisation_id,
        contributors={
            row["contributor_id"]: row["contributor__full_name"]
            for row in rows
            if row["contributor_id"] in sharing
        },
    )
    data = []
    for row in rows:
        view = views.get(row["contributor_id"])
        next_fee = view.next_fee if view else None
        data.append(
            {
                "contributor_id": row["contributor_id"],
                "name": row["contributor__full_name"],
                "active_engagements": row["active"],
                "shares_headroom": row["contributor_id"] in sharing,
                "status": view.status if view else None,
                "next_fee": (
                    {
                        "date": next_fee.on,
                        "amount": next_fee.amount,
                        "fits": next_fee.fits,
                        "fits_amount": next_fee.fits_amount,
                        "text": next_fee.text,
                    }
                    if next_fee
                    else None
                ),
            }
        )
    return data
