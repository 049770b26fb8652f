"""Withdrawing an invitation that has not been answered yet."""

from __future__ import annotations

import pytest

from organisations.models import Invitation, Membership, Organisation, Role

from .factories import ContributorFactory, MembershipFactory, UserFactory
from .test_organisations_invitations import INVITATIONS, ClientFor, MemberOf, _invite

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_commit_now")]


def _invitation_url(organisation: Organisation, invitation_id: int) -> str:
    return f"/api/v1/organisations/{organisation.pk}/invitations/{invitation_id}/"


def test_an_admin_withdraws_a_pending_invitation_and_the_accept_link_then_fails_kindly(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    invitee = UserFactory.create(email="changed.mind@example.org")
    _invite(client_for(admin.user), admin.organisation, invitee.email, "coordinator")
    invitation = Invitation.objects.get()

    withdrawn = client_for(admin.user).delete(_invitation_url(admin.organisation, invitation.pk))

    assert withdrawn.status_code == 204
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"
    waiting = client_for(admin.user).get(
        f"/api/v1/organisations/{admin.organisation_id}/invitations/"
    )
    assert waiting.json()["results"] == []
    assert client_for(invitee).get(INVITATIONS).json()["results"] == []
    accept = client_for(invitee).post(f"{INVITATIONS}{invitation.pk}/accept/")
    assert accept.status_code == 404
    assert accept.json()["code"] == "not_found"
    assert "withdrawn" in accept.json()["message"]
    assert not Membership.objects.filter(user=invitee).exists()


def test_withdrawing_answers_the_same_whether_or_not_the_address_has_an_account(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    ContributorFactory.create(email="known@example.org")
    client = client_for(admin.user)
    _invite(client, admin.organisation, "known@example.org")
    _invite(client, admin.organisation, "unknown@example.org")
    known, unknown = (
        Invitation.objects.get(email=address)
        for address in ("known@example.org", "unknown@example.org")
    )

    answers = [client.delete(_invitation_url(admin.organisation, i.pk)) for i in (known, unknown)]

    assert [a.status_code for a in answers] == [204, 204]
    assert answers[0].content == answers[1].content == b""


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.FINANCE, Role.VIEWER])
def test_only_admins_withdraw_invitations(
    client_for: ClientFor, member_of: MemberOf, role: str
) -> None:
    admin = member_of(Role.ADMIN)
    _invite(client_for(admin.user), admin.organisation, "someone@example.org")
    invitation = Invitation.objects.get()
    member = member_of(role)

    response = client_for(member.user).delete(_invitation_url(admin.organisation, invitation.pk))

    assert response.status_code == 403
    assert Invitation.objects.get().status == "pending"


def test_another_organisations_invitation_cannot_be_withdrawn(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    _invite(client_for(admin.user), admin.organisation, "someone@example.org")
    invitation = Invitation.objects.get()
    other_admin = MembershipFactory.create(role=Role.ADMIN)

    own_org = client_for(other_admin.user).delete(
        _invitation_url(other_admin.organisation, invitation.pk)
    )
    their_org = client_for(other_admin.user).delete(
        _invitation_url(admin.organisation, invitation.pk)
    )

    assert own_org.status_code == their_org.status_code == 404
    assert Invitation.objects.get().status == "pending"


def test_an_answered_invitation_cannot_be_withdrawn(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    invitee = UserFactory.create()
    _invite(client_for(admin.user), admin.organisation, invitee.email)
    invitation = Invitation.objects.get()
    client_for(invitee).post(f"{INVITATIONS}{invitation.pk}/accept/")

    response = client_for(admin.user).delete(_invitation_url(admin.organisation, invitation.pk))

    assert response.status_code == 404
    assert Membership.objects.filter(user=invitee).exists()


def test_only_an_owner_withdraws_an_invitation_to_be_an_owner(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    owner = member_of(Role.OWNER)
    admin = member_of(Role.ADMIN)
    _invite(client_for(owner.user), owner.organisation, "next.owner@example.org", "owner")
    invitation = Invitation.objects.get()

    by_admin = client_for(admin.user).delete(_invitation_url(owner.organisation, invitation.pk))
    by_owner = client_for(owner.user).delete(_invitation_url(owner.organisation, invitation.pk))

    assert (by_admin.status_code, by_owner.status_code) == (403, 204)
