"""Applying, and accepting, declining and withdrawing applications."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from opportunities.models import (
    Application,
    ApplicationStatus,
    Engagement,
    EngagementStatus,
    OpportunityStatus,
)
from organisations.models import Role
from tests.factories import ContributorFactory

from .bodies import ClientFor, MemberOf
from .factories import (
    ApplicationFactory,
    EngagementFactory,
    OpportunityFactory,
)

pytestmark = pytest.mark.django_db


def test_contributor_never_sees_another_contributors_application(
    client_for: ClientFor,
) -> None:
    mine = ApplicationFactory.create()
    theirs = ApplicationFactory.create(opportunity=mine.opportunity)
    client = client_for(mine.contributor)

    listed = client.get("/api/v1/applications/").json()

    assert [a["id"] for a in listed["results"]] == [mine.pk]
    assert client.get(f"/api/v1/applications/{theirs.pk}/").status_code == 404
    assert client.post(f"/api/v1/applications/{theirs.pk}/withdraw/").status_code == 404
    assert client.post(f"/api/v1/applications/{theirs.pk}/accept/").status_code == 404
    filtered = client.get("/api/v1/applications/", {"opportunity": mine.opportunity_id}).json()
    assert [a["id"] for a in filtered["results"]] == [mine.pk]


def test_members_see_their_organisations_applications_only(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    finance = member_of(Role.FINANCE)
    ours = ApplicationFactory.create(opportunity__organisation=finance.organisation)
    theirs = ApplicationFactory.create()
    client = client_for(finance.user)

    listed = client.get("/api/v1/applications/").json()

    assert [a["id"] for a in listed["results"]] == [ours.pk]
    assert client.get(f"/api/v1/applications/{theirs.pk}/").status_code == 404
    assert client.post(f"/api/v1/applications/{ours.pk}/accept/").status_code == 403


def test_only_contributors_apply_and_only_once(client_for: ClientFor, member_of: MemberOf) -> None:
    role = OpportunityFactory.create()
    contributor = ContributorFactory.create()
    url = f"/api/v1/opportunities/{role.pk}/applications/"

    first = client_for(contributor).post(url, {"statement": "Me please"})
    again = client_for(contributor).post(url, {"statement": "Me again"})
    staff = client_for(member_of(Role.COORDINATOR).user).post(url, {"statement": "Me"})

    assert first.status_code == 201
    assert again.status_code == 409
    assert again.json()["code"] == "already_applied"
    assert staff.status_code == 403


def test_application_statement_with_script_tags_is_refused(client_for: ClientFor) -> None:
    role = OpportunityFactory.create()

    response = client_for(ContributorFactory.create()).post(
        f"/api/v1/opportunities/{role.pk}/applications/",
        {"statement": "<script>steal()</script>", "adjustments_requested": "<b>x</b>"},
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"statement", "adjustments_requested"}


@pytest.mark.parametrize(
    "role_kwargs",
    [
        {"status": OpportunityStatus.CLOSED},
        {"closing_date": dt.date(2020, 1, 1)},
    ],
)
def test_applications_are_refused_after_closing(
    client_for: ClientFor, role_kwargs: dict[str, Any]
) -> None:
    role = OpportunityFactory.create(**role_kwargs)

    response = client_for(ContributorFactory.create()).post(
        f"/api/v1/opportunities/{role.pk}/applications/", {"statement": "Me please"}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "opportunity_not_open"


def test_accepting_beyond_the_places_answers_409(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    role = OpportunityFactory.create(organisation=coordinator.organisation, places=1)
    first, second = ApplicationFactory.create_batch(2, opportunity=role)
    client = client_for(coordinator.user)

    assert client.post(f"/api/v1/applications/{first.pk}/accept/").status_code == 200
    full = client.post(f"/api/v1/applications/{second.pk}/accept/")

    assert full.status_code == 409
    assert full.json()["code"] == "places_filled"
    second.refresh_from_db()
    assert second.status == ApplicationStatus.SUBMITTED
    assert Engagement.objects.filter(opportunity=role).count() == 1


def test_a_withdrawn_contributor_frees_their_place(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    role = OpportunityFactory.create(organisation=coordinator.organisation, places=1)
    engagement = EngagementFactory.create(application__opportunity=role)
    waiting = ApplicationFactory.create(opportunity=role)

    withdrawn = client_for(engagement.contributor).patch(
        f"/api/v1/engagements/{engagement.pk}/", {"status": "withdrawn"}
    )
    accepted = client_for(coordinator.user).post(f"/api/v1/applications/{waiting.pk}/accept/")

    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    assert withdrawn.json()["withdrawn_at"] is not None
    assert accepted.status_code == 200


def test_declining_and_withdrawing_applications(client_for: ClientFor, member_of: MemberOf) -> None:
    coordinator = member_of(Role.COORDINATOR)
    role = OpportunityFactory.create(organisation=coordinator.organisation)
    declined = ApplicationFactory.create(opportunity=role)
    withdrawn = ApplicationFactory.create(opportunity=role)

    d = client_for(coordinator.user).post(f"/api/v1/applications/{declined.pk}/decline/")
    w = client_for(withdrawn.contributor).post(f"/api/v1/applications/{withdrawn.pk}/withdraw/")
    accept_withdrawn = client_for(coordinator.user).post(
        f"/api/v1/applications/{withdrawn.pk}/accept/"
    )
    staff_withdraw = client_for(coordinator.user).post(
        f"/api/v1/applications/{declined.pk}/withdraw/"
    )

    assert d.json()["status"] == "declined"
    assert w.json()["status"] == "withdrawn"
    assert accept_withdrawn.status_code == 409
    assert staff_withdraw.status_code == 403


def test_withdrawing_an_accepted_application_ends_the_engagement(client_for: ClientFor) -> None:
    engagement = EngagementFactory.create()

    response = client_for(engagement.contributor).post(
        f"/api/v1/applications/{engagement.application_id}/withdraw/"
    )

    assert response.status_code == 200
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.WITHDRAWN


def test_application_payload_names_the_role_and_contributor(client_for: ClientFor) -> None:
    application = ApplicationFactory.create()

    body = client_for(application.contributor).get(f"/api/v1/applications/{application.pk}/").json()

    assert body["opportunity"]["title"] == application.opportunity.title
    assert body["contributor"]["id"] == application.contributor_id
    assert body["status"] == "submitted"
    assert body["engagement_id"] is None
    assert isinstance(Application.objects.get(pk=application.pk), Application)


def test_a_completed_engagement_cannot_be_withdrawn_through_the_application(
    client_for: ClientFor,
) -> None:
    engagement = EngagementFactory.create(status=EngagementStatus.COMPLETED)

    response = client_for(engagement.contributor).post(
        f"/api/v1/applications/{engagement.application_id}/withdraw/"
    )

    assert response.status_code == 409
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.COMPLETED
