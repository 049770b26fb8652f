from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import django_filters
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import ApplicationError, NotFound
from coproduce.api.ids import IdFilter
from organisations.models import Membership, Organisation

from ..models import Attendance, Engagement, EngagementStatus, RegisterEntry, Session
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


# Registers -----------------------------------------------------------------------------------


def session_for_member(*, user: User, session_id: int) -> tuple[Membership, Session]:
    """A session of one of the user's organisations' roles, with their membership of it
    (another organisation's session is not there)."""
    session = (
        Session.objects.select_related("opportunity", "opportunity__organisation")
        .filter(pk=session_id, opportunity__organisation_id__in=member_organisation_ids(user))
        .first()
    )
    membership = (
        None
        if session is None
        else membership_for(user=user, organisation_id=session.opportunity.organisation_id)
    )
    if session is None or membership is None:
        raise NotFound("There is no session with that id in your organisations.")
    return membership, session


def register_engagements(*, session: Session) -> QuerySet[Engagement]:
    """Who is on a session's register: everyone booked on its role (an active engagement),
    and anyone already logged for it, whatever their engagement is now."""
    logged = Q(attendances__session=session) | Q(register_entries__session=session)
    return (
        Engagement.objects.filter(opportunity_id=session.opportunity_id)
        .filter(Q(status=EngagementStatus.ACTIVE) | logged)
        .select_related("contributor")
        .distinct()
        .order_by("contributor__full_name", "id")
    )


def register_entries_for(*, session: Session) -> dict[int, RegisterEntry]:
    """Engagement id -> its entry on the session's register, for those already on it."""
    return {
        entry.engagement_id: entry
        for entry in RegisterEntry.objects.filter(session=session).select_related("attendance")
    }


def session_attendance_for(*, session: Session) -> dict[int, Attendance]:
    """Engagement id -> the attendance logged for the session (by a register or one by one)."""
    return {a.engagement_id: a for a in Attendance.objects.filter(session=session)}


def sessions_needing_register(*, membership: Membership, today: date) -> QuerySet[Session]:
    """The organisation's sessions up to today with someone booked whose attendance is not
    logged yet, newest first, each with ``waiting`` (how many are still to log)."""
    attended = Attendance.objects.filter(
        session_id=OuterRef(OuterRef("pk")), engagement_id=OuterRef("pk")
    )
    on_register = RegisterEntry.objects.filter(
        session_id=OuterRef(OuterRef("pk")), engagement_id=OuterRef("pk")
    )
    unlogged = Engagement.objects.filter(
        opportunity_id=OuterRef("opportunity_id"), status=EngagementStatus.ACTIVE
    ).filter(~Exists(attended), ~Exists(on_register))
    waiting = unlogged.order_by().values("opportunity_id").annotate(n=Count("id")).values("n")
    return (
        Session.objects.filter(
            opportunity__organisation_id=membership.organisation_id, date__lte=today
        )
        .annotate(waiting=Subquery(waiting))
        .filter(waiting__gt=0)
        .select_related("opportunity")
        .order_by("-date", "-start_time", "-id")
    )
