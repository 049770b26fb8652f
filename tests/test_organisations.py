"""Organisations: who sees which, members and roles, details and verification."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import User
from organisations.models import Invitation, Membership, Organisation, Role

from .factories import ContributorFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_commit_now")]

ClientFor = Callable[[User], APIClient]
MemberOf = Callable[..., Membership]


def _members_url(organisation: Organisation) -> str:
    return f"/api/v1/organisations/{organisation.pk}/members/"


def test_members_see_only_their_own_organisations(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    mine = member_of(Role.VIEWER)
    MembershipFactory.create()  # someone else's organisation

    response = client_for(mine.user).get("/api/v1/organisations/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [o["id"] for o in body["results"]] == [mine.organisation_id]
    assert body["results"][0]["my_role"] == "viewer"


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("get", ""), ("patch", ""), ("get", "members/"), ("post", "members/")],
)
def test_outsider_gets_404_on_another_organisation(
    client_for: ClientFor, organisation: Organisation, method: str, suffix: str
) -> None:
    outsider = MembershipFactory.create(
        role=Role.OWNER
    ).user  # an owner, but of another organisation

    response = getattr(client_for(outsider), method)(
        f"/api/v1/organisations/{organisation.pk}/{suffix}",
        {"email": outsider.email, "role": "admin"} if method == "post" else None,
        format="json",
    )

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_unknown_organisation_id_is_404(client_for: ClientFor, member_of: MemberOf) -> None:
    response = client_for(member_of().user).get("/api/v1/organisations/999999/")

    assert response.status_code == 404


def test_members_can_leave(client_for: ClientFor, member_of: MemberOf) -> None:
    member_of(Role.OWNER)
    viewer = member_of(Role.VIEWER)

    response = client_for(viewer.user).post(
        f"/api/v1/organisations/{viewer.organisation_id}/leave/"
    )

    assert response.status_code == 204
    assert not Membership.objects.filter(pk=viewer.pk).exists()
    assert client_for(viewer.user).get("/api/v1/me/").json()["memberships"] == []


def test_the_last_owner_can_never_leave_be_removed_or_demoted(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    owner = member_of(Role.OWNER)
    client = client_for(owner.user)
    detail = f"{_members_url(owner.organisation)}{owner.pk}/"

    leaving = client.post(f"/api/v1/organisations/{owner.organisation_id}/leave/")
    removing = client.delete(detail)
    demoting = client.patch(detail, {"role": "admin"}, format="json")

    assert leaving.status_code == removing.status_code == demoting.status_code == 409
    assert leaving.json()["code"] == "last_owner"
    assert Membership.objects.get(pk=owner.pk).role == Role.OWNER


def test_an_owner_can_leave_when_another_owner_remains(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    first = member_of(Role.OWNER)
    member_of(Role.OWNER)

    response = client_for(first.user).post(f"/api/v1/organisations/{first.organisation_id}/leave/")

    assert response.status_code == 204


def test_admins_change_roles_and_remove_members(client_for: ClientFor, member_of: MemberOf) -> None:
    member_of(Role.OWNER)
    admin = member_of(Role.ADMIN)
    viewer = member_of(Role.VIEWER)
    client = client_for(admin.user)
    detail = f"{_members_url(admin.organisation)}{viewer.pk}/"

    changed = client.patch(detail, {"role": "finance"}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["role"] == "finance"

    removed = client.delete(detail)
    assert removed.status_code == 204
    assert not Membership.objects.filter(pk=viewer.pk).exists()


def test_an_admin_cannot_touch_an_owner_or_make_one(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    owner = member_of(Role.OWNER)
    member_of(Role.OWNER)
    admin = member_of(Role.ADMIN)
    viewer = member_of(Role.VIEWER)
    client = client_for(admin.user)

    assert client.delete(f"{_members_url(owner.organisation)}{owner.pk}/").status_code == 403
    promote = client.patch(
        f"{_members_url(owner.organisation)}{viewer.pk}/", {"role": "owner"}, format="json"
    )
    assert promote.status_code == 403
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_members_of_another_organisation_are_404(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    elsewhere = MembershipFactory.create(role=Role.VIEWER)

    response = client_for(admin.user).delete(f"{_members_url(admin.organisation)}{elsewhere.pk}/")

    assert response.status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


@pytest.mark.parametrize(("method", "body"), [("patch", {"role": "viewer"}), ("delete", None)])
def test_non_admins_cannot_change_or_remove_members(
    client_for: ClientFor, member_of: MemberOf, method: str, body: dict | None
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    viewer = member_of(Role.VIEWER)

    response = getattr(client_for(coordinator.user), method)(
        f"{_members_url(coordinator.organisation)}{viewer.pk}/", body, format="json"
    )

    assert response.status_code == 403
    assert Membership.objects.get(pk=viewer.pk).role == Role.VIEWER


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.FINANCE, Role.VIEWER])
def test_non_admins_cannot_see_or_add_members(
    client_for: ClientFor, member_of: MemberOf, role: str
) -> None:
    member = member_of(role)
    other = UserFactory.create()
    client = client_for(member.user)

    listing = client.get(_members_url(member.organisation))
    adding = client.post(
        _members_url(member.organisation), {"email": other.email, "role": "admin"}, format="json"
    )

    assert listing.status_code == 403
    assert adding.status_code == 403
    assert adding.json()["code"] == "permission_denied"
    assert not Membership.objects.filter(user=other).exists()
    assert not Invitation.objects.exists()


def test_only_an_owner_can_make_an_owner(client_for: ClientFor, member_of: MemberOf) -> None:
    admin = member_of(Role.ADMIN)
    other = UserFactory.create()

    response = client_for(admin.user).post(
        _members_url(admin.organisation), {"email": other.email, "role": "owner"}, format="json"
    )

    assert response.status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "someone@example.org", "role": "overlord"}, "role"),
        ({"email": "not an email", "role": "admin"}, "email"),
        ({"role": "admin"}, "email"),
    ],
)
def test_adding_a_member_with_bad_input_is_400(
    client_for: ClientFor, member_of: MemberOf, body: dict[str, str], field: str
) -> None:
    UserFactory.create(email="someone@example.org")
    admin = member_of(Role.OWNER)

    response = client_for(admin.user).post(_members_url(admin.organisation), body, format="json")

    assert response.status_code == 400
    assert response.json()["fields"][field]
    assert not Invitation.objects.exists()


def test_adding_an_existing_member_again_is_400(client_for: ClientFor, member_of: MemberOf) -> None:
    admin = member_of(Role.OWNER)
    existing = member_of(Role.VIEWER)

    response = client_for(admin.user).post(
        _members_url(admin.organisation),
        {"email": existing.user.email, "role": "admin"},
        format="json",
    )

    assert response.status_code == 400
    assert Membership.objects.get(pk=existing.pk).role == Role.VIEWER


def test_admin_updates_details_but_not_verification(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    organisation = admin.organisation
    organisation.verified_at = None
    organisation.save()

    response = client_for(admin.user).patch(
        f"/api/v1/organisations/{organisation.pk}/",
        {
            "signatory_name": "Dr Ada Jones",
            "verified_at": "2026-01-01T00:00:00Z",
            "is_verified": True,
        },
        format="json",
    )

    # Verification is not the organisation's to set: the request is refused, naming the fields.
    assert response.status_code == 400, response.json()
    assert set(response.json()["fields"]) >= {"verified_at", "is_verified"}
    organisation.refresh_from_db()
    assert organisation.signatory_name != "Dr Ada Jones"
    assert organisation.verified_at is None


def test_coordinator_cannot_change_organisation_details(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)

    response = client_for(coordinator.user).patch(
        f"/api/v1/organisations/{coordinator.organisation_id}/", {"name": "Hijacked"}, format="json"
    )

    assert response.status_code == 403
    assert Organisation.objects.get(pk=coordinator.organisation_id).name != "Hijacked"


def test_bad_organisation_input_is_400(client_for: ClientFor, member_of: MemberOf) -> None:
    admin = member_of(Role.ADMIN)

    response = client_for(admin.user).patch(
        f"/api/v1/organisations/{admin.organisation_id}/",
        {"kind": "pirate ship", "letterhead_colour": "blue", "contact_email": "nope"},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"kind", "letterhead_colour", "contact_email"}


def test_creating_an_organisation_makes_the_creator_owner(client_for: ClientFor) -> None:
    user = UserFactory.create()

    response = client_for(user).post(
        "/api/v1/organisations/",
        {"name": "Peer Research Collective", "kind": "user_led_group"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["my_role"] == "owner"
    assert response.json()["is_verified"] is False


def test_platform_admin_verifies_an_organisation_and_it_is_recorded() -> None:
    platform = UserFactory.create(is_staff=True, is_superuser=True)
    organisation = OrganisationFactory.create(verified_at=None)
    browser = Client()
    browser.force_login(platform)

    response = browser.post(
        "/admin/organisations/organisation/",
        {"action": "verify", "_selected_action": [organisation.pk]},
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.is_verified
    assert organisation.verified_by == platform
    latest = organisation.history.latest()
    assert latest.history_user == platform
    assert latest.history_change_reason == "verified"
    assert latest.verified_at == organisation.verified_at


def test_staff_without_change_permission_cannot_verify() -> None:
    staff = UserFactory.create(is_staff=True)
    organisation = OrganisationFactory.create(verified_at=None)
    browser = Client()
    browser.force_login(staff)

    browser.post(
        "/admin/organisations/organisation/",
        {"action": "verify", "_selected_action": [organisation.pk]},
    )

    organisation.refresh_from_db()
    assert not organisation.is_verified


def test_a_contributor_account_cannot_set_up_an_organisation(client_for: ClientFor) -> None:
    contributor = ContributorFactory.create()

    response = client_for(contributor).post(
        "/api/v1/organisations/", {"name": "My Group", "kind": "user_led_group"}, format="json"
    )

    assert response.status_code == 403
    assert not Organisation.objects.filter(name="My Group").exists()


def test_role_change_refuses_unknown_fields(client_for: ClientFor, member_of: MemberOf) -> None:
    admin = member_of(Role.ADMIN)
    member = member_of(Role.VIEWER)

    response = client_for(admin.user).patch(
        f"{_members_url(admin.organisation)}{member.pk}/",
        {"role": "coordinator", "user_id": admin.user_id},
        format="json",
    )

    assert response.status_code == 400
    assert "user_id" in response.json()["fields"]
    member.refresh_from_db()
    assert member.role == Role.VIEWER
