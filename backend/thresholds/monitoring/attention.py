"""Which of an organisation's contributors are near or over a limit today, for its overview.

Read from the alerts the workers keep up to date, so the overview costs one query however many
people the organisation works with. Only people who share their headroom are named, and only as
near or over: never the limit, the rule or the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contributors.models import ContributorProfile
from opportunities.models import Engagement, EngagementStatus
from periods import uk_today
from thresholds.models import AlertLevel, ThresholdAlert

from .organisation_view import OrgStatus


@dataclass(frozen=True)
class NeedsCare:
    contributor_id: int
    name: str
    status: str  # OrgStatus.NEAR or OrgStatus.OVER


def contributors_near_or_over(
    *, organisation_id: int, today: date | None = None
) -> list[NeedsCare]:
    """Contributors engaged with the organisation who share headroom and have an open alert for
    a period that includes today, worst first, then by name."""
    today = today or uk_today()
    engaged = Engagement.objects.filter(
        opportunity__organisation_id=organisation_id, status=EngagementStatus.ACTIVE
    ).values("contributor_id")
    sharing = ContributorProfile.objects.filter(share_headroom=True).values("user_id")
    rows = (
        ThresholdAlert.objects.filter(
            contributor_id__in=engaged,
            resolved_at__isnull=True,
            history=False,
            period_start__lte=today,
            period_end__gte=today,
        )
        .filter(contributor_id__in=sharing)
        .exclude(level=AlertLevel.FORECAST)
        .values_list("contributor_id", "contributor__full_name", "level")
    )
    worst: dict[int, NeedsCare] = {}
    for contributor_id, name, level in rows:
        status = OrgStatus.OVER if level == AlertLevel.EXCEEDED else OrgStatus.NEAR
        if contributor_id not in worst or status == OrgStatus.OVER:
            worst[contributor_id] = NeedsCare(contributor_id, name, status)
    return sorted(
        worst.values(), key=lambda n: (n.status != OrgStatus.OVER, n.name, n.contributor_id)
    )
