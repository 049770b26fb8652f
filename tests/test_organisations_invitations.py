"""Organisations: inviting people by e-mail, and accepting or declining."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from rest_framework.test import APIClient

from accounts.models import User
from organisations.models import Invitation, Membership, Organisation, Role

from .factories import ContributorFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_commit_now")]

INVITATIONS = "/api/v1/me/invitations/"

ClientFor = Callable[[User], APIClient]
MemberOf = Callable[..., Membership]


def _members_url(organisation: Organisation) -> str:
    return f"/api/v1/organisations/{organisation.pk}/members/"


def _invite(client: APIClient, organisation: Organisation, email: str, role: str = "viewer"):
    return client.post(_members_url(organisation), {"email": email, "role": role}, format="json")


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN])
def test_admins_invite_by_email_and_the_person_joins_only_by_accepting(
    client_for: ClientFor, member_of: MemberOf, role: str
) -> None:
    admin = member_of(role)
    newcomer = UserFactory.create(email="new.coordinator@example.org")

    response = _invite(
        client_for(admin.user), admin.organisation, "New.Coordinator@example.org", "coordinator"
    )

    assert response.status_code == 202, response.json()
    assert "full_name" not in response.json()
    assert not Membership.objects.filter(user=newcomer).exists()
    [invitation_mail] = mail.outbox
    assert invitation_mail.to == ["new.coordinator@example.org"]
    assert admin.organisation.name in invitation_mail.subject
    listing = client_for(admin.user).get(_members_url(admin.organisation)).json()
    assert {m["email"] for m in listing["results"]} == {admin.user.email}

    invitee = client_for(newcomer)
    [waiting] = invitee.get(INVITATIONS).json()["results"]
    assert waiting["organisation_name"] == admin.organisation.name
    assert waiting["role"] == "coordinator"
    assert invitee.get("/api/v1/me/").json()["memberships"] == []

    accepted = invitee.post(f"{INVITATIONS}{waiting['id']}/accept/")

    assert accepted.status_code == 200, accepted.json()
    assert Membership.objects.get(user=newcomer).role == Role.COORDINATOR
    [membership] = invitee.get("/api/v1/me/").json()["memberships"]
    assert membership["organisation_id"] == admin.organisation_id
    listing = client_for(admin.user).get(_members_url(admin.organisation)).json()
    assert {m["email"] for m in listing["results"]} == {admin.user.email, newcomer.email}
    assert invitee.get(INVITATIONS).json()["results"] == []


def test_inviting_answers_the_same_whether_or_not_the_address_has_an_account(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    ContributorFactory.create(email="known@example.org", full_name="Kim Known")
    client = client_for(admin.user)

    known = _invite(client, admin.organisation, "known@example.org")
    unknown = _invite(client, admin.organisation, "unknown@example.org")

    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert "Kim Known" not in known.content.decode()
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_address) == {"known@example.org", "unknown@example.org"}
    assert "create a Coproduce account" in by_address["unknown@example.org"]
    assert "sign in" in by_address["known@example.org"]


def test_an_invitation_to_an_address_without_an_account_waits_for_the_account(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    _invite(client_for(admin.user), admin.organisation, "later@example.org", "finance")
    later = UserFactory.create(email="Later@example.org")

    [waiting] = client_for(later).get(INVITATIONS).json()["results"]

    assert waiting["role"] == "finance"


def test_until_accepted_the_organisation_sees_nothing_of_the_invited_contributor(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    contributor = ContributorFactory.create(email="quiet@example.org")
    client = client_for(admin.user)

    _invite(client, admin.organisation, contributor.email)

    members = client.get(_members_url(admin.organisation)).json()["results"]
    assert contributor.email not in {m["email"] for m in members}
    assert (
        contributor.full_name not in client.get(_members_url(admin.organisation)).content.decode()
    )
    assert client_for(contributor).get("/api/v1/organisations/").json()["count"] == 0


def test_declining_an_invitation_joins_nothing(client_for: ClientFor, member_of: MemberOf) -> None:
    admin = member_of(Role.ADMIN)
    invitee = UserFactory.create()
    _invite(client_for(admin.user), admin.organisation, invitee.email)
    [waiting] = client_for(invitee).get(INVITATIONS).json()["results"]

    declined = client_for(invitee).post(f"{INVITATIONS}{waiting['id']}/decline/")
    late_accept = client_for(invitee).post(f"{INVITATIONS}{waiting['id']}/accept/")

    assert declined.status_code == 204
    assert late_accept.status_code == 404
    assert not Membership.objects.filter(user=invitee).exists()


def test_nobody_else_can_accept_someone_elses_invitation(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    _invite(client_for(admin.user), admin.organisation, "intended@example.org", "admin")
    invitation = Invitation.objects.get()
    stranger = UserFactory.create()

    response = client_for(stranger).post(f"{INVITATIONS}{invitation.pk}/accept/")

    assert response.status_code == 404
    assert not Membership.objects.filter(user=stranger).exists()


def test_inviting_the_same_address_again_updates_the_one_invitation(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    client = client_for(admin.user)

    _invite(client, admin.organisation, "twice@example.org", "viewer")
    _invite(client, admin.organisation, "TWICE@example.org", "coordinator")

    [invitation] = Invitation.objects.all()
    assert invitation.role == Role.COORDINATOR
    [pending] = client.get(f"/api/v1/organisations/{admin.organisation_id}/invitations/").json()[
        "results"
    ]
    assert pending["email"] == "twice@example.org"
