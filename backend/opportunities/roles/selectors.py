"""Reads for roles, their sessions and the rate card. Every queryset starts from what the
requesting user may see; anything else answers 404."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import django_filters
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import ApplicationError, NotFound
from coproduce.api.ids import IdFilter
from organisations.models import Membership, Organisation

from ..models import (
    Application,
    Engagement,
    EngagementStatus,
    InvolvementType,
    Opportunity,
    OpportunityStatus,
    PayRate,
    Session,
)

PUBLIC_STATUSES = (OpportunityStatus.PUBLISHED, OpportunityStatus.CLOSED)


def member_organisation_ids(user: User | None) -> QuerySet[Membership, int]:
    if user is None:
        return Membership.objects.none().values_list("organisation_id", flat=True)
    return Membership.objects.filter(user=user).order_by().values_list("organisation_id", flat=True)


def membership_for(*, user: User | None, organisation_id: int) -> Membership | None:
    """The user's membership of an organisation, or None."""
    if user is None:
        return None
    return (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation_id=organisation_id)
        .first()
    )


def _with_places_filled(queryset: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    filled = (
        Engagement.objects.filter(opportunity=OuterRef("pk"), status=EngagementStatus.ACTIVE)
        .order_by()
        .values("opportunity")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        places_filled=Coalesce(Subquery(filled, output_field=IntegerField()), 0)
    )


class OpportunityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label="Words to search for")
    # The role's own columns: no join can repeat a row, so no DISTINCT (which made the page's
    # COUNT(*) a count over SELECT DISTINCT of every column).
    involvement_type = django_filters.MultipleChoiceFilter(
        choices=InvolvementType.choices, distinct=False
    )
    remote = django_filters.BooleanFilter(field_name="is_remote")
    place = django_filters.CharFilter(field_name="location", lookup_expr="icontains")
    paid = django_filters.BooleanFilter(method="filter_paid")
    organisation = IdFilter(field_name="organisation_id")
    closing_after = django_filters.DateFilter(field_name="closing_date", lookup_expr="gte")
    status = django_filters.MultipleChoiceFilter(choices=OpportunityStatus.choices, distinct=False)
    ordering = django_filters.OrderingFilter(
        fields=(("closing_date", "closing_date"), ("created_at", "created_at"), ("title", "title"))
    )

    class Meta:
        model = Opportunity
        fields: list[str] = []

    def filter_paid(
        self, queryset: QuerySet[Opportunity], name: str, value: bool | None
    ) -> QuerySet[Opportunity]:
        if value is None:
            return queryset
        return queryset.filter(pay_rate__isnull=not value)

    def filter_text(
        self, queryset: QuerySet[Opportunity], name: str, value: str
    ) -> QuerySet[Opportunity]:
        # Words are runs of letters and digits: "co-production" is "co" and "production".
        words = re.findall(r"[^\W_]+", value)[:20]
        if connection.vendor == "postgresql":
            return _search_postgresql(queryset, words)
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(organisation__name__icontains=word)
            )
        return queryset


def _search_postgresql(queryset: QuerySet[Opportunity], words: list[str]) -> QuerySet[Opportunity]:
    """Every word, as the start of a word in English (so "research" finds "researchers" and
    "co-prod" finds "co-production"), in the role's title, summary, description or organisation
    name: one query on the GIN index of ``search_vector`` (opportunities migration 0004).
    Common words such as "the" and "in" are left out; searching for those alone finds nothing."""
    if not words:
        return queryset
    query = SearchQuery(
        " & ".join(f"{word}:*" for word in words), search_type="raw", config="english"
    )
    return queryset.filter(search_vector=query)


def as_query(filters: Mapping[str, Any] | None) -> QueryDict:
    """Filters as a QueryDict, so that repeated values (status=a&status=b) and Python lists
    both reach multiple-choice filters."""
    if isinstance(filters, QueryDict):
        return filters
    query = QueryDict(mutable=True)
    for key, value in (filters or {}).items():
        if isinstance(value, list | tuple | set):
            query.setlist(key, [str(v) for v in value])
        elif value is not None:
            query[key] = str(value)
    return query


def _open_published() -> Q:
    return Q(status=OpportunityStatus.PUBLISHED, closing_date__gte=timezone.localdate())


def opportunity_list(
    *, user: User | None, filters: Mapping[str, Any] | None = None
) -> QuerySet[Opportunity]:
    """Roles the user may list, filtered.

    Everyone sees published roles that are still open. Members of an organisation also see all
    of its roles (drafts, closed, archived) when they ask for a status or for their
    organisation, e.g. ``?organisation=<id>&status=draft``.
    """
    filters = as_query(filters)
    visible = _open_published()
    if user is not None and ("status" in filters or "organisation" in filters):
        visible |= Q(organisation_id__in=member_organisation_ids(user))
    queryset = (
        Opportunity.objects.filter(visible)
        .select_related("organisation")
        .order_by("closing_date", "id")
    )
    filterset = OpportunityFilter(filters, queryset=queryset)
    if not filterset.is_valid():
        raise ApplicationError(
            "Some of the search options are not right.",
            fields={key: [str(m) for m in msgs] for key, msgs in filterset.errors.items()},
        )
    result: QuerySet[Opportunity] = filterset.qs
    if not filters.get("ordering"):
        result = result.order_by("closing_date", "id")
    return _with_places_filled(result)


def _opportunity_visible(user: User | None) -> Q:
    """Published or closed roles are public; drafts and archived roles only for members and
    contributors who applied."""
    visible = Q(status__in=PUBLIC_STATUSES)
    if user is not None:
        visible |= Q(organisation_id__in=member_organisation_ids(user))
        visible |= Q(
            pk__in=Application.objects.filter(contributor=user)
            .exclude(opportunity__status=OpportunityStatus.DRAFT)
            .values("opportunity_id")
        )
    return visible


def opportunity_get(*, user: User | None, opportunity_id: int) -> Opportunity:
    opportunity = (
        _with_places_filled(Opportunity.objects.filter(_opportunity_visible(user)))
        .select_related("organisation")
        .filter(pk=opportunity_id)
        .first()
    )
    if opportunity is None:
        raise NotFound("There is no role with that id.")
    return opportunity


def session_list(*, opportunity: Opportunity, with_cancelled: bool = False) -> QuerySet[Session]:
    """Sessions of a role the caller can already see (check with opportunity_get first).
    Cancelled sessions only for the organisation's members (``with_cancelled``)."""
    manager = Session.all_objects if with_cancelled else Session.objects
    return manager.filter(opportunity=opportunity).order_by("date", "start_time", "id")


def session_get(*, user: User, opportunity: Opportunity, session_id: int) -> Session:
    """A session of a role the user is a member of the organisation of; otherwise 404."""
    if membership_for(user=user, organisation_id=opportunity.organisation_id) is None:
        raise NotFound("There is no session with that id.")
    session = (
        Session.all_objects.select_related("opportunity", "opportunity__organisation")
        .filter(opportunity=opportunity, pk=session_id)
        .first()
    )
    if session is None:
        raise NotFound("There is no session with that id.")
    return session


def can_see_online_links(*, user: User | None, opportunity: Opportunity) -> bool:
    """Online links are for the organisation's members and contributors engaged on the role."""
    if user is None:
        return False
    if Membership.objects.filter(user=user, organisation_id=opportunity.organisation_id).exists():
        return True
    return Engagement.objects.filter(
        opportunity=opportunity,
        contributor=user,
        status__in=(EngagementStatus.ACTIVE, EngagementStatus.COMPLETED),
    ).exists()


def filtered(
    filterset_class: type, filters: Mapping[str, Any] | None, queryset: QuerySet[Any]
) -> Any:
    filterset = filterset_class(as_query(filters), queryset=queryset)
    if not filterset.is_valid():
        raise ApplicationError(
            "Some of the search options are not right.",
            fields={key: [str(m) for m in msgs] for key, msgs in filterset.errors.items()},
        )
    return filterset.qs


def pay_rate_list(*, organisation: Organisation) -> QuerySet[PayRate]:
    """The organisation's rate card, default first. Callers check membership first."""
    return PayRate.objects.filter(organisation=organisation).order_by("-is_default", "name")
