from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import ApplicationError, NotFound
from coproduce.api.ids import IdFilter
from organisations.models import Membership, Organisation

from ..models import Attendance, Engagement, EngagementStatus, Session
from ..roles.selectors import filtered, member_organisation_ids, membership_for


class EngagementFilter(django_filters.FilterSet):
    opportunity = IdFilter(field_name="opportunity_id")
    organisation = IdFilter(field_name="opportunity__organisation_id")
    status = django_filters.MultipleChoiceFilter(choices=EngagementStatus.choices)

    class Meta:
        model = Engagement
        fields: list[str] = []


def _engagements_visible(user: User) -> QuerySet[Engagement]:
    return Engagement.objects.filter(
        Q(contributor=user) | Q(opportunity__organisation_id__in=member_organisation_ids(user))
    )


def engagement_list(
    *, user: User, filters: Mapping[str, Any] | None = None
) -> QuerySet[Engagement]:
    """The contributor's own engagements, and engagements on roles of the user's organisations."""
    queryset = _engagements_visible(user).select_related(
        "opportunity", "opportunity__organisation", "contributor", "payment_choice"
    )
    result: QuerySet[Engagement] = filtered(EngagementFilter, filters, queryset)
    return result.order_by("-created_at", "-id")


def engagement_get(*, user: User, engagement_id: int) -> Engagement:
    engagement = (
        _engagements_visible(user)
        .select_related("opportunity", "opportunity__organisation", "contributor", "payment_choice")
        .filter(pk=engagement_id)
        .first()
    )
    if engagement is None:
        raise NotFound("There is no engagement with that id.")
    return engagement


def attendance_list(*, engagement: Engagement) -> QuerySet[Attendance]:
    """Attendance of an engagement the caller can already see (check with engagement_get)."""
    return Attendance.objects.filter(engagement=engagement).order_by("date", "id")


def contributor_is_engaged_with(*, contributor: User, organisation: Organisation) -> bool:
    """Whether the contributor has an active or completed engagement on any of the
    organisation's roles."""
    return Engagement.objects.filter(
        contributor=contributor,
        opportunity__organisation=organisation,
        status__in=(EngagementStatus.ACTIVE, EngagementStatus.COMPLETED),
    ).exists()


def organisation_membership_for_engagement(*, user: User, engagement: Engagement) -> Membership:
    """The user's membership of the organisation an engagement they can see is with; to a
    contributor looking at their own engagement, it cannot be changed and is not there."""
    membership = membership_for(user=user, organisation_id=engagement.opportunity.organisation_id)
    if membership is None:
        raise NotFound("There is no engagement with that id that you can change.")
    return membership


def engagement_session_get(*, engagement: Engagement, session_id: int | None) -> Session | None:
    """A session of the engagement's role named in a request (None when none was named)."""
    if session_id is None:
        return None
    session = Session.objects.filter(
        pk=session_id, opportunity_id=engagement.opportunity_id
    ).first()
    if session is None:
        raise ApplicationError(
            "That session is not part of this role.",
            fields={"session": ["Choose a session of this role."]},
        )
    return session


def sessions_booked_for(*, contributor: User, start: date, end: date) -> QuerySet[Session]:
    """Sessions from today on (between start and end inclusive) of roles where the contributor
    has an active engagement and no attendance logged for that session yet."""
    first = max(start, timezone.localdate())
    attended = Attendance.objects.filter(
        session=OuterRef("pk"), engagement__contributor=contributor
    )
    engaged = Engagement.objects.filter(
        opportunity=OuterRef("opportunity_id"),
        contributor=contributor,
        status=EngagementStatus.ACTIVE,
    )
    return (
        Session.objects.filter(date__gte=first, date__lte=end)
        .filter(Exists(engaged))
        .exclude(Exists(attended))
        .select_related("opportunity", "opportunity__organisation")
        .order_by("date", "start_time", "id")
    )
