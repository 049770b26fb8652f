from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from accounts.models import User
from coproduce.api.errors import NotFound
from coproduce.api.ids import IdFilter

from ..models import Application, ApplicationStatus
from ..roles.selectors import filtered, member_organisation_ids


class ApplicationFilter(django_filters.FilterSet):
    opportunity = IdFilter(field_name="opportunity_id")
    organisation = IdFilter(field_name="opportunity__organisation_id")
    status = django_filters.MultipleChoiceFilter(choices=ApplicationStatus.choices)

    class Meta:
        model = Application
        fields: list[str] = []


def _applications_visible(user: User) -> QuerySet[Application]:
    """A contributor's own applications, and applications to roles of the user's organisations."""
    return Application.objects.filter(
        Q(contributor=user) | Q(opportunity__organisation_id__in=member_organisation_ids(user))
    )


def application_list(
    *, user: User, filters: Mapping[str, Any] | None = None
) -> QuerySet[Application]:
    queryset = _applications_visible(user).select_related(
        "opportunity", "opportunity__organisation", "contributor"
    )
    result: QuerySet[Application] = filtered(ApplicationFilter, filters, queryset)
    return result.order_by("-created_at", "-id")


def application_get(*, user: User, application_id: int) -> Application:
    application = (
        _applications_visible(user)
        .select_related("opportunity", "opportunity__organisation", "contributor")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise NotFound("There is no application with that id.")
    return application
