"""A role from posting to completed, engagements and logging attendance."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from opportunities.models import (
    Attendance,
)
from organisations.models import Role
from tests.factories import ContributorFactory, MembershipFactory

from .bodies import ClientFor, MemberOf, role_body
from .factories import (
    EngagementFactory,
)

pytestmark = pytest.mark.django_db


def test_full_lifecycle_post_publish_apply_accept_schedule_attend_complete(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    org_client = client_for(coordinator.user)
    contributor = ContributorFactory.create()
    contributor_client = client_for(contributor)

    created = org_client.post("/api/v1/opportunities/", role_body(coordinator.organisation))
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
