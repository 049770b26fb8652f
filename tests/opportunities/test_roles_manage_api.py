"""Copying a role; declining with a kind message; the booked notice on accepting; the
"would the next fee fit" warning before accepting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from contributors.models import ContributorProfile
from notifications.models import Notification
from opportunities.models import Opportunity, OpportunityStatus
from organisations.models import Role
from tests.factories import ContributorFactory

from .bodies import ClientFor, MemberOf
from .factories import ApplicationFactory, EngagementFactory, OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_copying_a_role_makes_a_draft_with_the_same_details_and_no_sessions_or_people(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    original = OpportunityFactory.create(
        organisation=coordinator.organisation,
        accessibility="Step-free; quiet room.",
        expenses_notes="Taxis if needed.",
        places=4,
    )
    SessionFactory.create_batch(2, opportunity=original)
    EngagementFactory.create(application__opportunity=original)

    response = client_for(coordinator.user).post(
        f"/api/v1/opportunities/{original.pk}/copy/", {}, format="json"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    copy = Opportunity.objects.get(pk=body["id"])
    assert body["title"] == f"Copy of {original.title}"
    assert body["status"] == "draft"
    assert body["places_filled"] == 0
    for field in ("accessibility", "expenses_notes", "places", "pay_rate", "pay_unit", "summary"):
        assert getattr(copy, field) == getattr(original, field), field
    assert copy.expenses_covered == original.expenses_covered
    assert copy.sessions.count() == 0
    assert copy.applications.count() == 0
    assert copy.created_by == coordinator.user


def test_a_copy_of_a_role_whose_closing_date_passed_closes_today_until_changed(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    original = OpportunityFactory.create(
        organisation=coordinator.organisation,
        status=OpportunityStatus.CLOSED,
        closing_date=timezone.localdate() - dt.timedelta(days=40),
    )

    response = client_for(coordinator.user).post(
        f"/api/v1/opportunities/{original.pk}/copy/", {"title": "Panel, spring"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["title"] == "Panel, spring"
    assert response.json()["closing_date"] == timezone.localdate().isoformat()


def test_copy_refuses_others(client_for: ClientFor, member_of: MemberOf) -> None:
    finance = member_of(Role.FINANCE)
    ours = OpportunityFactory.create(organisation=finance.organisation)
    theirs = OpportunityFactory.create(status=OpportunityStatus.DRAFT)
    coordinator = member_of(Role.COORDINATOR)

    assert (
        client_for(finance.user).post(f"/api/v1/opportunities/{ours.pk}/copy/").status_code == 403
    )
    other = client_for(coordinator.user).post(f"/api/v1/opportunities/{theirs.pk}/copy/")
    assert other.status_code == 404
    bad = client_for(coordinator.user).post(
        f"/api/v1/opportunities/{ours.pk}/copy/", {"when": "now"}, format="json"
    )
    assert bad.status_code == 400
    assert "when" in bad.json()["fields"]


def test_decline_with_the_default_kind_words_or_the_coordinators_own(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    role = OpportunityFactory.create(organisation=coordinator.organisation)
    first, second = ApplicationFactory.create_batch(2, opportunity=role)
    client = client_for(coordinator.user)

    review = client.get(f"/api/v1/applications/{first.pk}/").json()
    default = review["suggested_decline_message"]
    plain = client.post(f"/api/v1/applications/{first.pk}/decline/", {}, format="json")
    own = client.post(
        f"/api/v1/applications/{second.pk}/decline/",
        {"message": "Thank you, Sam. We hope to see you at the next panel."},
        format="json",
    )

    assert role.title in default and "Thank you" in default
    assert plain.status_code == 200
    assert plain.json()["status"] == "declined"
    assert plain.json()["decision_message"] == default
    assert own.json()["decision_message"] == "Thank you, Sam. We hope to see you at the next panel."
    # The contributor sees the message on their own application; not the suggestion.
    mine = client_for(second.contributor).get(f"/api/v1/applications/{second.pk}/").json()
    assert mine["decision_message"].startswith("Thank you, Sam.")
    assert mine["suggested_decline_message"] == ""
    assert mine["next_fee"] is None


def test_decline_message_must_be_plain_text(client_for: ClientFor, member_of: MemberOf) -> None:
    coordinator = member_of(Role.COORDINATOR)
    application = ApplicationFactory.create(opportunity__organisation=coordinator.organisation)

    response = client_for(coordinator.user).post(
        f"/api/v1/applications/{application.pk}/decline/",
        {"message": "<script>x</script>"},
        format="json",
    )

    assert response.status_code == 400
    assert "message" in response.json()["fields"]


def test_accepting_books_the_upcoming_sessions_with_a_calendar_file_each(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    role = OpportunityFactory.create(organisation=coordinator.organisation)
    today = timezone.localdate()
    SessionFactory.create(opportunity=role, date=today - dt.timedelta(days=3))  # past
    ahead = [
        SessionFactory.create(opportunity=role, date=today + dt.timedelta(days=d)) for d in (5, 12)
    ]
    application = ApplicationFactory.create(opportunity=role)

    response = client_for(coordinator.user).post(f"/api/v1/applications/{application.pk}/accept/")

    assert response.status_code == 200
    notice = Notification.objects.get(user=application.contributor, kind="session_booked")
    uids = [a["content"].split("UID:")[1].split("\r\n")[0] for a in notice.attachments]
    assert [u.split("@")[0] for u in uids] == [f"session-{s.pk}" for s in ahead]
    assert all("METHOD:REQUEST" in a["content"] for a in notice.attachments)


def _shares(contributor: Any) -> None:
    ContributorProfile.objects.update_or_create(user=contributor, defaults={"share_headroom": True})


def test_review_says_whether_the_next_fee_would_fit_only_for_people_who_share_it(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    role = OpportunityFactory.create(organisation=coordinator.organisation)
    SessionFactory.create(opportunity=role)
    sharing = ApplicationFactory.create(opportunity=role, contributor=ContributorFactory())
    _shares(sharing.contributor)
    private = ApplicationFactory.create(opportunity=role)
    client = client_for(coordinator.user)

    shared = client.get(f"/api/v1/applications/{sharing.pk}/").json()["next_fee"]
    hidden = client.get(f"/api/v1/applications/{private.pk}/").json()["next_fee"]

    assert hidden is None
    assert shared["fits"] == "fits"  # no limits tracked: nothing it could break
    assert shared["amount"] == "50.00"  # 2 hours at £25
    assert shared["text"].endswith("fits.")
