from __future__ import annotations

from collections.abc import Collection

from django.db.models import Q, QuerySet

from accounts.models import User
from coproduce.api.errors import NotFound

from .models import Invitation, InvitationStatus, Membership, Organisation
from .permissions import ADMIN_ROLES, require_role


def organisation_list(*, user: User) -> QuerySet[Organisation]:
    """Organisations the user belongs to."""
    return Organisation.objects.filter(memberships__user=user).distinct().order_by("name")


def membership_roles(*, user: User) -> dict[int, str]:
    """The user's role in each of their organisations, by organisation id."""
    return dict(
        Membership.objects.filter(user=user).order_by().values_list("organisation_id", "role")
    )


def membership_get(*, user: User, organisation_id: int) -> Membership:
    """The user's membership of an organisation; 404 for anyone outside it."""
    # One row at most (unique per user and organisation): no order, so no join to sort by.
    found = Membership.objects.select_related("organisation").filter(
        user=user, organisation_id=organisation_id
    )
    membership = next(iter(found.order_by()[:1]), None)
    if membership is None:
        raise NotFound("There is no organisation with that id that you belong to.")
    membership.user = user  # the caller's own row: no second query for membership.user
    return membership


def members_or_own(user: User, roles: Collection[str] | None = None) -> Q:
    """Rows (with ``organisation`` and ``contributor``) of the organisations the user belongs
    to (with one of ``roles``, when given), and the user's own as a contributor.

    One condition an index serves: ``organisation_id IN (ids)`` for staff, ``contributor_id =
    me`` for contributors; the ``OR`` of both (which no index serves, so counting a page meant
    reading every row) only for someone who is both."""
    memberships = Membership.objects.filter(user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    organisation_ids = list(memberships.order_by().values_list("organisation_id", flat=True))
    if not organisation_ids:
        return Q(contributor=user)
    if not user.is_contributor:
        return Q(organisation_id__in=organisation_ids)
    return Q(organisation_id__in=organisation_ids) | Q(contributor=user)


def membership_list(*, membership: Membership) -> QuerySet[Membership]:
    """The members of the organisation, for its admins."""
    require_role(membership, ADMIN_ROLES, action="see the list of members")
    return (
        Membership.objects.filter(organisation_id=membership.organisation_id)
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


def invitation_list(*, membership: Membership) -> QuerySet[Invitation]:
    """The organisation's invitations still waiting for an answer, for its admins."""
    require_role(membership, ADMIN_ROLES, action="see invitations")
    return Invitation.objects.filter(
        organisation_id=membership.organisation_id, status=InvitationStatus.PENDING
    ).order_by("-created_at", "-id")
