from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from opportunities.models import Opportunity, OpportunityStatus
from organisations.models import Membership, Organisation, Role
from tests.factories import OrganisationFactory

from .factories import EngagementFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def _add_roles(organisations: list[Organisation], n: int) -> None:
    closing = timezone.localdate() + dt.timedelta(days=10)
    Opportunity.objects.bulk_create(
        [
            Opportunity(
                organisation=organisations[i % len(organisations)],
                title=f"Role {i}",
                summary="Bulk role",
                involvement_type="consultation",
                places=2,
                closing_date=closing + dt.timedelta(days=i % 50),
                status=OpportunityStatus.PUBLISHED,
                pay_rate="25.00",
                pay_unit="hour",
                expenses_covered=["travel"],
            )
            for i in range(n)
        ],
        batch_size=1000,
    )


def _queries_for(client: APIClient, params: dict[str, str]) -> tuple[int, int, bool]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/opportunities/", params)
    assert response.status_code == 200
    return len(queries), response.json()["count"], response.json()["count_exact"]


def test_listing_published_roles_takes_the_same_queries_for_10_and_10000_rows(
    api: APIClient, client_for: Callable[[User], APIClient]
) -> None:
    organisations = OrganisationFactory.create_batch(5)
    member = Membership.objects.create(
        organisation=organisations[0],
        user=User.objects.create_user("member@example.org", full_name="M"),
        role=Role.VIEWER,
    )
    member_client = client_for(member.user)
    EngagementFactory.create(
        application__opportunity=OpportunityFactory.create(organisation=organisations[1])
    )
    _add_roles(organisations, 9)

    few_public = _queries_for(api, {})
    few_member = _queries_for(member_client, {"organisation": str(organisations[0].pk)})

    _add_roles(organisations, 9990)

    many_public = _queries_for(api, {})
    many_member = _queries_for(member_client, {"organisation": str(organisations[0].pk)})

    assert few_public[1:] == (10, True)
    if connection.vendor == "postgresql":
        # Past 1,000 rows the count is the planner's estimate (EstimatedCountPaginator).
        assert many_public[2] is many_member[2] is False
        assert min(many_public[1], many_member[1]) > 1000
    else:
        assert (many_public[1:], many_member[1:]) == ((10000, True), (2000, True))
    # Past 1,000 rows one query more (the estimate, or on SQLite the whole count), however
    # many rows there are.
    assert many_public[0] == few_public[0] + 1
    assert many_member[0] == few_member[0] + 1
