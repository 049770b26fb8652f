"""Finding roles, changing them, their sessions and online links, and the rate card."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from opportunities.models import (
    OpportunityStatus,
)
from organisations.models import Role
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory

from .bodies import ClientFor, MemberOf, future
from .factories import (
    ApplicationFactory,
    EngagementFactory,
    OpportunityFactory,
    PayRateFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_public_list_shows_only_published_open_roles_ordered_by_closing_date(
    api: APIClient,
) -> None:
    today = timezone.localdate()
    later = OpportunityFactory.create(closing_date=today + dt.timedelta(days=20))
    sooner = OpportunityFactory.create(closing_date=today + dt.timedelta(days=3))
    closing_today = OpportunityFactory.create(closing_date=today)
    OpportunityFactory.create(closing_date=today - dt.timedelta(days=1))  # past closing date
    OpportunityFactory.create(status=OpportunityStatus.DRAFT)
    OpportunityFactory.create(status=OpportunityStatus.CLOSED)
    OpportunityFactory.create(status=OpportunityStatus.ARCHIVED)

    response = api.get("/api/v1/opportunities/")

    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [
        closing_today.pk,
        sooner.pk,
        later.pk,
    ]
    reverse = api.get("/api/v1/opportunities/", {"ordering": "-closing_date"}).json()
    assert [r["id"] for r in reverse["results"]] == [later.pk, sooner.pk, closing_today.pk]


def test_public_list_filters_by_text_type_remote_organisation_and_closing_after(
    api: APIClient,
) -> None:
    today = timezone.localdate()
    organisation = OrganisationFactory.create(name="Riverside Trust")
    panel = OpportunityFactory.create(
        title="Interview panel",
        involvement_type="interview_panel",
        is_remote=False,
        closing_date=today + dt.timedelta(days=5),
    )
    remote = OpportunityFactory.create(
        title="Online survey review",
        involvement_type="consultation",
        is_remote=True,
        organisation=organisation,
        closing_date=today + dt.timedelta(days=40),
    )

    def ids(**params: Any) -> list[int]:
        return [r["id"] for r in api.get("/api/v1/opportunities/", params).json()["results"]]

    assert ids(q="panel") == [panel.pk]
    assert ids(q="riverside") == [remote.pk]
    assert ids(involvement_type="consultation") == [remote.pk]
    assert ids(remote="true") == [remote.pk]
    assert ids(remote="false") == [panel.pk]
    assert ids(organisation=organisation.pk) == [remote.pk]
    assert ids(closing_after=(today + dt.timedelta(days=10)).isoformat()) == [remote.pk]


def test_search_finds_every_word_as_the_start_of_a_word_in_the_role_or_its_organisation(
    api: APIClient,
) -> None:
    closing = timezone.localdate() + dt.timedelta(days=5)
    mind = OrganisationFactory.create(name="Northfield Mind")
    research = OpportunityFactory.create(
        organisation=mind,
        title="Researchers for a co-production study",
        summary="Help us plan the questions.",
        closing_date=closing,
    )
    panel = OpportunityFactory.create(
        title="Interview panel",
        summary="Choose our next peer worker.",
        description="We meet in Leeds, in the afternoon.",
        closing_date=closing,
    )

    def ids(text: str) -> list[int]:
        answer = api.get("/api/v1/opportunities/", {"q": text})
        assert answer.status_code == 200
        return [r["id"] for r in answer.json()["results"]]

    assert ids("research") == [research.pk]  # the start of "Researchers"
    assert ids("co-prod") == [research.pk]
    assert ids("northfield study") == [research.pk]  # one word in the name, one in the title
    assert ids("PEER leeds") == [panel.pk]  # summary and description, any case
    assert ids("the afternoon") == [panel.pk]
    assert ids("northfield leeds") == []  # every word must match
    assert ids("!!!") == [research.pk, panel.pk]  # no words: no search


def test_search_follows_an_organisation_new_name(api: APIClient) -> None:
    organisation = OrganisationFactory.create(name="Riverside Trust")
    role = OpportunityFactory.create(
        organisation=organisation, closing_date=timezone.localdate() + dt.timedelta(days=5)
    )
    organisation.name = "Hillside Collective"
    organisation.save()

    def ids(text: str) -> list[int]:
        return [r["id"] for r in api.get("/api/v1/opportunities/", {"q": text}).json()["results"]]

    assert ids("hillside") == [role.pk]
    assert ids("riverside") == []


def test_public_list_filters_by_place_and_by_paid_or_expenses_only(api: APIClient) -> None:
    closing = timezone.localdate() + dt.timedelta(days=5)
    leeds = OpportunityFactory.create(location="Leeds Civic Hall", closing_date=closing)
    unpaid = OpportunityFactory.create(
        location="Bristol", pay_rate=None, pay_unit="", closing_date=closing
    )

    def ids(**params: Any) -> list[int]:
        return [r["id"] for r in api.get("/api/v1/opportunities/", params).json()["results"]]

    assert ids(place="leeds") == [leeds.pk]
    assert ids(paid="false") == [unpaid.pk]
    assert unpaid.pk not in ids(paid="true")
    assert leeds.pk in ids(paid="true")


def test_unknown_filter_value_answers_400(api: APIClient) -> None:
    response = api.get("/api/v1/opportunities/", {"involvement_type": "knitting"})

    assert response.status_code == 400
    assert "involvement_type" in response.json()["fields"]


def test_patch_changes_a_role_and_refuses_a_past_closing_date(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    role = OpportunityFactory.create(organisation=coordinator.organisation)
    client = client_for(coordinator.user)

    changed = client.patch(f"/api/v1/opportunities/{role.pk}/", {"title": "New title", "places": 5})
    past = client.patch(f"/api/v1/opportunities/{role.pk}/", {"closing_date": "2001-01-01"})
    script = client.patch(f"/api/v1/opportunities/{role.pk}/", {"summary": "<script>x</script>"})

    assert changed.status_code == 200, changed.json()
    assert (changed.json()["title"], changed.json()["places"]) == ("New title", 5)
    assert past.status_code == 400
    assert "closing_date" in past.json()["fields"]
    assert script.status_code == 400
    assert "summary" in script.json()["fields"]


def test_places_cannot_be_cut_below_the_people_taking_part(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    role = OpportunityFactory.create(organisation=coordinator.organisation, places=3)
    EngagementFactory.create_batch(2, application__opportunity=role)

    response = client_for(coordinator.user).patch(
        f"/api/v1/opportunities/{role.pk}/", {"places": 1}
    )

    assert response.status_code == 400
    assert "places" in response.json()["fields"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"start_time": "12:00", "end_time": "11:00"}, "end_time"),
        ({"start_time": "12:00", "end_time": "12:00"}, "end_time"),
        ({"location": "<script>x</script>"}, "location"),
        ({"online_link": "javascript:alert(1)"}, "online_link"),
        ({"planned_hours": "-1"}, "planned_hours"),
        ({"planned_hours": "25"}, "planned_hours"),
        ({"date": "not a date"}, "date"),
    ],
)
def test_bad_session_input_answers_400_with_a_field_message(
    client_for: ClientFor, member_of: MemberOf, body: dict[str, str], field: str
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    role = OpportunityFactory.create(organisation=coordinator.organisation)
    full = {"date": future(3), "start_time": "10:00", "end_time": "12:00", **body}

    response = client_for(coordinator.user).post(f"/api/v1/opportunities/{role.pk}/sessions/", full)

    assert response.status_code == 400, response.json()
    assert field in response.json()["fields"]


def test_online_links_are_shown_only_to_engaged_contributors_and_members(
    api: APIClient, client_for: ClientFor, member_of: MemberOf
) -> None:
    viewer = member_of(Role.VIEWER)
    role = OpportunityFactory.create(organisation=viewer.organisation)
    SessionFactory.create(opportunity=role, online_link="https://meet.example.org/secret")
    engaged = EngagementFactory.create(application__opportunity=role).contributor
    applicant = ApplicationFactory.create(opportunity=role).contributor
    url = f"/api/v1/opportunities/{role.pk}/sessions/"

    def link(client: APIClient) -> str:
        return str(client.get(url).json()["results"][0]["online_link"])

    assert link(client_for(viewer.user)) == "https://meet.example.org/secret"
    assert link(client_for(engaged)) == "https://meet.example.org/secret"
    assert link(client_for(applicant)) == ""
    assert link(client_for(ContributorFactory.create())) == ""
    assert link(api) == ""


def test_rate_card_lists_and_adds_rates(client_for: ClientFor, member_of: MemberOf) -> None:
    coordinator = member_of(Role.COORDINATOR)
    PayRateFactory.create(organisation=coordinator.organisation, name="Old default")
    client = client_for(coordinator.user)
    url = f"/api/v1/organisations/{coordinator.organisation_id}/pay-rates/"

    created = client.post(
        url, {"name": "Workshop day", "amount": "160.00", "unit": "day", "is_default": True}
    )
    listed = client.get(url).json()

    assert created.status_code == 201, created.json()
    assert [(r["name"], r["is_default"]) for r in listed["results"]] == [
        ("Workshop day", True),
        ("Old default", False),
    ]
    viewer = member_of(Role.VIEWER)
    assert (
        client_for(viewer.user).post(url, {"name": "x", "amount": "1", "unit": "hour"}).status_code
        == 403
    )
    outsider = MembershipFactory.create().user
    assert client_for(outsider).get(url).status_code == 404
