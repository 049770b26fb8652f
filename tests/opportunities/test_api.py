from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from opportunities.models import (
    Application,
    ApplicationStatus,
    Attendance,
    Engagement,
    EngagementStatus,
    Opportunity,
    OpportunityStatus,
)
from organisations.models import Membership, Organisation, Role
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory

from .factories import (
    ApplicationFactory,
    EngagementFactory,
    OpportunityFactory,
    PayRateFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User], APIClient]
MemberOf = Callable[..., Membership]


def _future(days: int = 30) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def _role_body(organisation: Organisation, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organisation": organisation.pk,
        "title": "Interview panel",
        "summary": "Help us choose a peer worker.",
        "description": "One morning.",
        "involvement_type": "interview_panel",
        "location": "Town hall",
        "is_remote": False,
        "accessibility": "Step-free access.",
        "places": 2,
        "closing_date": _future(),
        "pay_rate": "25.00",
        "pay_unit": "hour",
        "expenses_covered": ["travel", "care"],
        "session_count": 1,
        "hours_per_session": "3.00",
    }
    body.update(overrides)
    return body


def test_full_lifecycle_post_publish_apply_accept_schedule_attend_complete(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    org_client = client_for(coordinator.user)
    contributor = ContributorFactory.create()
    contributor_client = client_for(contributor)

    created = org_client.post("/api/v1/opportunities/", _role_body(coordinator.organisation))
    assert created.status_code == 201, created.json()
    role = created.json()
    assert role["status"] == "draft"
    assert role["pay_summary"] == "£25.00 an hour"
    assert role["expenses_covered"] == ["travel", "care"]

    published = org_client.post(f"/api/v1/opportunities/{role['id']}/publish/")
    assert published.status_code == 200, published.json()
    assert published.json()["status"] == "published"

    listed = APIClient().get("/api/v1/opportunities/").json()
    assert [r["id"] for r in listed["results"]] == [role["id"]]

    session = org_client.post(
        f"/api/v1/opportunities/{role['id']}/sessions/",
        {
            "date": timezone.localdate().isoformat(),
            "start_time": "09:30",
            "end_time": "12:45",
            "online_link": "https://meet.example.org/panel",
        },
    )
    assert session.status_code == 201, session.json()
    assert session.json()["planned_hours"] == "3.25"

    applied = contributor_client.post(
        f"/api/v1/opportunities/{role['id']}/applications/",
        {"statement": "I have used these services.", "adjustments_requested": "Breaks, please."},
    )
    assert applied.status_code == 201, applied.json()
    application_id = applied.json()["id"]

    accepted = org_client.post(f"/api/v1/applications/{application_id}/accept/")
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["status"] == "accepted"
    engagement_id = accepted.json()["engagement_id"]
    assert engagement_id is not None

    sessions = contributor_client.get(f"/api/v1/opportunities/{role['id']}/sessions/").json()
    assert sessions["results"][0]["online_link"] == "https://meet.example.org/panel"

    logged = org_client.post(
        f"/api/v1/engagements/{engagement_id}/attendance/",
        {"session": session.json()["id"], "date": timezone.localdate().isoformat(), "hours": "3.5"},
    )
    assert logged.status_code == 201, logged.json()
    assert logged.json()["offered_amount"] == "87.50"

    mine = contributor_client.get(f"/api/v1/engagements/{engagement_id}/attendance/").json()
    assert [a["offered_amount"] for a in mine["results"]] == ["87.50"]

    completed = org_client.patch(f"/api/v1/engagements/{engagement_id}/", {"status": "completed"})
    assert completed.status_code == 200, completed.json()
    assert completed.json()["status"] == "completed"

    closed = org_client.post(f"/api/v1/opportunities/{role['id']}/close/")
    assert closed.json()["status"] == "closed"
    archived = org_client.post(f"/api/v1/opportunities/{role['id']}/archive/")
    assert archived.json()["status"] == "archived"


def test_posting_without_a_pay_rate_uses_the_organisations_default_rate(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    PayRateFactory.create(
        organisation=coordinator.organisation, amount=Decimal("75.00"), unit="half_day"
    )
    body = _role_body(coordinator.organisation)
    del body["pay_rate"], body["pay_unit"]

    response = client_for(coordinator.user).post("/api/v1/opportunities/", body)

    assert response.status_code == 201, response.json()
    assert (response.json()["pay_rate"], response.json()["pay_unit"]) == ("75.00", "half_day")


def test_posting_without_a_pay_rate_or_default_asks_for_one(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    body = _role_body(coordinator.organisation)
    del body["pay_rate"], body["pay_unit"]

    response = client_for(coordinator.user).post("/api/v1/opportunities/", body)

    assert response.status_code == 400
    assert "pay_rate" in response.json()["fields"]


def test_unpaid_role_can_be_posted_with_a_null_rate(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    body = _role_body(coordinator.organisation, pay_rate=None, pay_unit="")

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
        "/api/v1/opportunities/", _role_body(coordinator.organisation, **overrides)
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
    body = _role_body(coordinator.organisation, summary="Pay is < £30 and > £20 an hour; 3<4")

    response = client_for(coordinator.user).post("/api/v1/opportunities/", body)

    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.FINANCE])
def test_viewers_and_finance_cannot_post_roles(
    client_for: ClientFor, member_of: MemberOf, role: str
) -> None:
    member = member_of(role)

    response = client_for(member.user).post(
        "/api/v1/opportunities/", _role_body(member.organisation)
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN, Role.COORDINATOR])
def test_coordinators_admins_and_owners_can_post_roles(
    client_for: ClientFor, member_of: MemberOf, role: str
) -> None:
    member = member_of(role)

    response = client_for(member.user).post(
        "/api/v1/opportunities/", _role_body(member.organisation)
    )

    assert response.status_code == 201


def test_posting_for_another_organisation_is_404(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    other = OrganisationFactory.create()

    response = client_for(coordinator.user).post("/api/v1/opportunities/", _role_body(other))

    assert response.status_code == 404


def test_anonymous_cannot_post_roles(api: APIClient, organisation: Organisation) -> None:
    response = api.post("/api/v1/opportunities/", _role_body(organisation))

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
    full = {"date": _future(3), "start_time": "10:00", "end_time": "12:00", **body}

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


def test_contributor_cannot_mark_their_engagement_completed(client_for: ClientFor) -> None:
    engagement = EngagementFactory.create()

    response = client_for(engagement.contributor).patch(
        f"/api/v1/engagements/{engagement.pk}/", {"status": "completed"}
    )
    active = client_for(engagement.contributor).patch(
        f"/api/v1/engagements/{engagement.pk}/", {"status": "active"}
    )

    assert response.status_code == 403
    assert active.status_code == 400
    assert "status" in active.json()["fields"]


def test_engagements_are_listed_for_both_sides_only(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    viewer = member_of(Role.VIEWER)
    ours = EngagementFactory.create(application__opportunity__organisation=viewer.organisation)
    theirs = EngagementFactory.create()

    org_list = client_for(viewer.user).get("/api/v1/engagements/").json()
    own_list = client_for(theirs.contributor).get("/api/v1/engagements/").json()

    assert [e["id"] for e in org_list["results"]] == [ours.pk]
    assert [e["id"] for e in own_list["results"]] == [theirs.pk]
    assert client_for(viewer.user).get(f"/api/v1/engagements/{theirs.pk}/").status_code == 404
    assert client_for(theirs.contributor).get(f"/api/v1/engagements/{ours.pk}/").status_code == 404
    assert (
        client_for(viewer.user)
        .patch(f"/api/v1/engagements/{ours.pk}/", {"status": "completed"})
        .status_code
        == 403
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"hours": "-1"}, "hours"),
        ({"hours": "0"}, "hours"),
        ({"hours": "24.5"}, "hours"),
        ({"hours": "abc"}, "hours"),
        ({"date": "3000-01-01"}, "date"),
        ({"session": 999999}, "session"),
    ],
)
def test_bad_attendance_input_answers_400_with_a_field_message(
    client_for: ClientFor, member_of: MemberOf, body: dict[str, Any], field: str
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    engagement = EngagementFactory.create(
        application__opportunity__organisation=coordinator.organisation
    )
    full = {"date": timezone.localdate().isoformat(), "hours": "2", **body}

    response = client_for(coordinator.user).post(
        f"/api/v1/engagements/{engagement.pk}/attendance/", full
    )

    assert response.status_code == 400, response.json()
    assert field in response.json()["fields"]
    assert Attendance.objects.count() == 0


def test_more_than_24_hours_in_a_day_is_refused(client_for: ClientFor, member_of: MemberOf) -> None:
    coordinator = member_of(Role.COORDINATOR)
    engagement = EngagementFactory.create(
        application__opportunity__organisation=coordinator.organisation
    )
    url = f"/api/v1/engagements/{engagement.pk}/attendance/"
    today = timezone.localdate().isoformat()
    client = client_for(coordinator.user)

    assert client.post(url, {"date": today, "hours": "20"}).status_code == 201
    response = client.post(url, {"date": today, "hours": "5"})

    assert response.status_code == 400
    assert "hours" in response.json()["fields"]


def test_only_coordinators_of_the_organisation_log_attendance(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    viewer = member_of(Role.VIEWER)
    engagement = EngagementFactory.create(
        application__opportunity__organisation=viewer.organisation
    )
    body = {"date": timezone.localdate().isoformat(), "hours": "2"}
    url = f"/api/v1/engagements/{engagement.pk}/attendance/"

    assert client_for(viewer.user).post(url, body).status_code == 403
    assert client_for(engagement.contributor).post(url, body).status_code == 404
    outsider = MembershipFactory.create(role=Role.OWNER).user
    assert client_for(outsider).post(url, body).status_code == 404


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
