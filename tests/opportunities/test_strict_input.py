"""The body-less actions on roles and applications take no fields: a JSON body with keys is
refused with a 400 naming them, and nothing changes (issue 14, "Input")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from opportunities.models import ApplicationStatus, Engagement, OpportunityStatus
from organisations.models import Membership, Role

from .factories import ApplicationFactory, OpportunityFactory

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User], APIClient]
MemberOf = Callable[..., Membership]


def _refused(response, name: str) -> None:
    assert response.status_code == 400, response.content
    assert name in response.json()["fields"]


@pytest.mark.parametrize(
    ("action", "start"),
    [
        ("publish", OpportunityStatus.DRAFT),
        ("close", OpportunityStatus.PUBLISHED),
        ("archive", OpportunityStatus.CLOSED),
    ],
)
def test_role_actions_refuse_a_body_with_keys(
    client_for: ClientFor, member_of: MemberOf, action: str, start: str
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    role = OpportunityFactory.create(organisation=coordinator.organisation, status=start)

    response = client_for(coordinator.user).post(
        f"/api/v1/opportunities/{role.pk}/{action}/", {"places": 9}, format="json"
    )

    _refused(response, "places")
    role.refresh_from_db()
    assert role.status == start
    assert role.places != 9


@pytest.mark.parametrize("action", ["accept", "decline"])
def test_decisions_on_an_application_refuse_a_body_with_keys(
    client_for: ClientFor, member_of: MemberOf, action: str
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    application = ApplicationFactory.create(
        opportunity=OpportunityFactory.create(organisation=coordinator.organisation)
    )

    response = client_for(coordinator.user).post(
        f"/api/v1/applications/{application.pk}/{action}/", {"reason": "x"}, format="json"
    )

    _refused(response, "reason")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not Engagement.objects.exists()


def test_withdrawing_an_application_refuses_a_body_with_keys(client_for: ClientFor) -> None:
    application = ApplicationFactory.create()

    response = client_for(application.contributor).post(
        f"/api/v1/applications/{application.pk}/withdraw/", {"status": "x"}, format="json"
    )

    _refused(response, "status")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_an_action_with_an_empty_body_still_works(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    role = OpportunityFactory.create(
        organisation=coordinator.organisation, status=OpportunityStatus.PUBLISHED
    )

    response = client_for(coordinator.user).post(
        f"/api/v1/opportunities/{role.pk}/close/", {}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == OpportunityStatus.CLOSED
