from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from coproduce.api.errors import NotFound

from .models import Invitation, InvitationStatus, Membership, Organisation


def organisation_list(*, user: User) -> QuerySet[Organisation]:
    """Organisations the user belongs to."""
    return Organisation.objects.filter(memberships__user=user).distinct().order_by("name")


def membership_get(*, user: User, organisation_id: int) -> Membership:
    """The user's membership of an organisation; 404 for anyone outside it."""
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation_id=organisation_id)
        .first()
    )
    if membership is None:
        raise NotFound("There is no organisation with that id that you belong to.")
    return membership


def membership_list(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__email")
    )


def invitation_list_for_user(*, user: User) -> QuerySet[Invitation]:
    """Invitations waiting for the user's answer (sent to their e-mail address)."""
    return (
        Invitation.objects.filter(email__iexact=user.email, status=InvitationStatus.PENDING)
        .select_related("organisation", "invited_by")
        .order_by("-created_at", "-id")
    )


def invitation_list(*, organisation: Organisation) -> QuerySet[Invitation]:
    """The organisation's invitations still waiting for an answer."""
    return Invitation.objects.filter(
        organisation=organisation, status=InvitationStatus.PENDING
    ).order_by("-created_at", "-id")
