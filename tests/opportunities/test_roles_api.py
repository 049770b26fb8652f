"""Posting, changing and publishing roles; who may; drafts stay inside the organisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from opportunities.models import (
    Opportunity,
    OpportunityStatus,
)
from organisations.models import Organisation, Role
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory

from .bodies import ClientFor, MemberOf, role_body
from .factories import (
    OpportunityFactory,
    PayRateFactory,
)

pytestmark = pytest.mark.django_db


def test_posting_without_a_pay_rate_uses_the_organisations_default_rate(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    PayRateFactory.create(
        organisation=coordinator.organisation, amount=Decimal("75.00"), unit="half_day"
    )
    body = role_body(coordinator.organisation)
    del body["pay_rate"], body["pay_unit"]

    response = client_for(coordinator.user).post("/api/v1/opportunities/", body)

    assert response.status_code == 201, response.json()
    assert (response.json()["pay_rate"], response.json()["pay_unit"]) == ("75.00", "half_day")


def test_posting_without_a_pay_rate_or_default_asks_for_one(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    body = role_body(coordinator.organisation)
    del body["pay_rate"], body["pay_unit"]

    response = client_for(coordinator.user).post("/api/v1/opportunities/", body)

    assert response.status_code == 400
    assert "pay_rate" in response.json()["fields"]


def test_unpaid_role_can_be_posted_with_a_null_rate(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    body = role_body(coordinator.organisation, pay_rate=None, pay_unit="")

    response = client_for(coordinator.user).post("/api/v1/opportunities/", body)

    assert response.status_code == 201, response.json()
    assert response.json()["pay_summary"] == "Unpaid: expenses only"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"involvement_type": "knitting"}, "involvement_type"),
        ({"closing_date": "2020-01-01"}, "closing_date"),
        ({"title": "<script>alert(1)</script>"}, "title"),
        ({"summary": "Hello <b>there</b>"}, "summary"),
        ({"description": "<img src=x onerror=alert(1)>"}, "description"),
        ({"accessibility": "click javascript:alert(1)"}, "accessibility"),
        ({"places": 0}, "places"),
        ({"pay_rate": "-5.00"}, "pay_rate"),
        ({"pay_rate": "25.001"}, "pay_rate"),
        ({"pay_unit": "week"}, "pay_unit"),
        ({"pay_unit": ""}, "pay_unit"),
        ({"expenses_covered": ["holidays"]}, "expenses_covered"),
        ({"hours_per_session": "30"}, "hours_per_session"),
    ],
)
def test_bad_role_input_answers_400_with_a_field_message(
    client_for: ClientFor, member_of: MemberOf, overrides: dict[str, Any], field: str
) -> None:
    coordinator = member_of(Role.COORDINATOR)

    response = client_for(coordinator.user).post(
        "/api/v1/opportunities/", role_body(coordinator.organisation, **overrides)
    )

    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["fields"]
    assert Opportunity.objects.count() == 0


def test_plain_text_with_angle_brackets_that_are_not_tags_is_fine(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    body = role_body(coordinator.organisation, summary="Pay is < £30 and > £20 an hour; 3<4")

    response = client_for(coordinator.user).post("/api/v1/opportunities/", body)

    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.FINANCE])
def test_viewers_and_finance_cannot_post_roles(
    client_for: ClientFor, member_of: MemberOf, role: str
) -> None:
    member = member_of(role)

    response = client_for(member.user).post(
        "/api/v1/opportunities/", role_body(member.organisation)
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN, Role.COORDINATOR])
def test_coordinators_admins_and_owners_can_post_roles(
    client_for: ClientFor, member_of: MemberOf, role: str
) -> None:
    member = member_of(role)

    response = client_for(member.user).post(
        "/api/v1/opportunities/", role_body(member.organisation)
    )

    assert response.status_code == 201


def test_posting_for_another_organisation_is_404(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    other = OrganisationFactory.create()

    response = client_for(coordinator.user).post("/api/v1/opportunities/", role_body(other))

    assert response.status_code == 404


def test_anonymous_cannot_post_roles(api: APIClient, organisation: Organisation) -> None:
    response = api.post("/api/v1/opportunities/", role_body(organisation))

    assert response.status_code == 401


def test_unverified_organisation_cannot_publish(client_for: ClientFor) -> None:
    organisation = OrganisationFactory.create(verified_at=None)
    coordinator = MembershipFactory.create(organisation=organisation, role=Role.COORDINATOR)
    draft = OpportunityFactory.create(organisation=organisation, status=OpportunityStatus.DRAFT)

    response = client_for(coordinator.user).post(f"/api/v1/opportunities/{draft.pk}/publish/")

    assert response.status_code == 403
    assert response.json()["code"] == "organisation_not_verified"
    draft.refresh_from_db()
    assert draft.status == OpportunityStatus.DRAFT


def test_a_draft_whose_closing_date_has_passed_cannot_be_published(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    draft = OpportunityFactory.create(
        organisation=coordinator.organisation,
        status=OpportunityStatus.DRAFT,
        closing_date=timezone.localdate() - dt.timedelta(days=1),
    )

    response = client_for(coordinator.user).post(f"/api/v1/opportunities/{draft.pk}/publish/")

    assert response.status_code == 400
    assert "closing_date" in response.json()["fields"]


def test_viewers_can_read_drafts_but_not_change_them(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    viewer = member_of(Role.VIEWER)
    draft = OpportunityFactory.create(
        organisation=viewer.organisation, status=OpportunityStatus.DRAFT
    )
    client = client_for(viewer.user)

    assert client.get(f"/api/v1/opportunities/{draft.pk}/").status_code == 200
    assert client.patch(f"/api/v1/opportunities/{draft.pk}/", {"title": "x"}).status_code == 403
    assert client.post(f"/api/v1/opportunities/{draft.pk}/publish/").status_code == 403


def test_drafts_are_invisible_outside_the_organisation(
    api: APIClient, client_for: ClientFor, member_of: MemberOf
) -> None:
    member = member_of(Role.VIEWER)
    draft = OpportunityFactory.create(
        organisation=member.organisation, status=OpportunityStatus.DRAFT
    )
    outsider = MembershipFactory.create(role=Role.OWNER).user
    contributor = ContributorFactory.create()

    for client in (api, client_for(outsider), client_for(contributor)):
        assert client.get(f"/api/v1/opportunities/{draft.pk}/").status_code == 404
        assert client.get(f"/api/v1/opportunities/{draft.pk}/sessions/").status_code == 404
        listed = client.get(
            "/api/v1/opportunities/",
            {"organisation": str(member.organisation_id), "status": "draft"},
        ).json()
        assert listed["count"] == 0
    assert (
        client_for(outsider).post(f"/api/v1/opportunities/{draft.pk}/publish/").status_code == 404
    )
    assert (
        client_for(contributor)
        .post(f"/api/v1/opportunities/{draft.pk}/applications/", {"statement": "hi"})
        .status_code
        == 404
    )


def test_members_list_their_own_drafts(client_for: ClientFor, member_of: MemberOf) -> None:
    member = member_of(Role.VIEWER)
    draft = OpportunityFactory.create(
        organisation=member.organisation, status=OpportunityStatus.DRAFT
    )
    OpportunityFactory.create(organisation=member.organisation)  # published
    OpportunityFactory.create(status=OpportunityStatus.DRAFT)  # someone else's draft

    response = client_for(member.user).get(
        "/api/v1/opportunities/", {"organisation": str(member.organisation_id), "status": "draft"}
    )

    assert [r["id"] for r in response.json()["results"]] == [draft.pk]
    everything = client_for(member.user).get(
        "/api/v1/opportunities/", {"organisation": member.organisation_id}
    )
    assert everything.json()["count"] == 2
