from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User, normalise_email
from accounts.services import account_email_send
from coproduce.api.errors import ApplicationError, Conflict, ErrorCode, NotFound, PermissionDenied

from .letterhead import letterhead_colour_check
from .models import Invitation, InvitationStatus, Membership, Organisation, Role
from .permissions import ADMIN_ROLES, require_role

# Fields an organisation's admins may change through the API. Verification is not among them.
EDITABLE_FIELDS = frozenset(
    {
        "name",
        "kind",
        "description",
        "charity_number",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "contact_email",
        "contact_phone",
        "website",
        "letterhead_text",
        "letterhead_colour",
        "signatory_name",
        "signatory_title",
    }
)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_create(*, name: str, kind: str, owner: User, **details: Any) -> Organisation:
    """A new, unverified organisation with ``owner`` as its owner."""
    if owner.is_contributor:
        # Keeps a contributor's own account (and their private benefit details) apart from
        # any organisation's staff accounts.
        raise PermissionDenied(
            "A contributor account cannot set up an organisation. Register an organisation "
            "account with your work e-mail address instead."
        )
    unknown = set(details) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not organisation fields: {sorted(unknown)}")
    organisation = Organisation.objects.create(
        name=name, slug=_unique_slug(name), kind=kind, **details
    )
    Membership.objects.create(organisation=organisation, user=owner, role=Role.OWNER)
    return organisation


@transaction.atomic
def organisation_update(*, membership: Membership, data: dict[str, Any]) -> Organisation:
    require_role(membership, ADMIN_ROLES, action="change the organisation's details")
    if "letterhead_colour" in data:
        data = {**data, "letterhead_colour": letterhead_colour_check(data["letterhead_colour"])}
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    for field, value in data.items():
        if field not in EDITABLE_FIELDS:
            raise ValueError(f"not an editable organisation field: {field}")
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    return organisation


INVITATION_MESSAGE = (
    "Invitation sent. We have e-mailed that address. They join once they accept; until "
    "then you will not see them in your list of members."
)


INVITATION_WITHDRAWN_MESSAGE = (
    "This invitation was withdrawn by the organisation, so it can no longer be accepted. "
    "Nothing in your account has been shared with them."
)


def _role_label(role: str) -> str:
    return str(Role(role).label).lower()


def _invitation_email(invitation: Invitation, *, has_account: bool) -> None:

    organisation = invitation.organisation
    inviter = invitation.invited_by.full_name if invitation.invited_by else "Someone"
    base = settings.PUBLIC_BASE_URL
    if has_account:
        how = (
            f"To accept or decline, sign in and go to {base}/me/invitations\n\n"
            "Until you accept, the organisation cannot see anything in your account."
        )
    else:
        how = (
            "To accept, first create a Coproduce account with this e-mail address at "
            f"{base}/register then go to {base}/me/invitations\n\n"
            "If you do not want to join, you can ignore this e-mail."
        )
    account_email_send(
        to=invitation.email,
        subject=f"{organisation.name} has invited you to join them on Coproduce",
        body=(
            f"Hello,\n\n{inviter} has invited you to join {organisation.name} on Coproduce "
            f"as {_role_label(invitation.role)}.\n\n{how}\n"
        ),
    )


@transaction.atomic
def invitation_create(*, by: Membership, email: str, role: str) -> Invitation:
    """An admin invites an e-mail address to join with a role. The invitation is e-mailed
    whether or not the address has an account, and the caller answers the same either way."""
    require_role(by, ADMIN_ROLES, action="invite members")
    if role == Role.OWNER and by.role != Role.OWNER:
        raise PermissionDenied("Only an owner can make someone else an owner.")
    email = normalise_email(email)
    if Membership.objects.filter(
        organisation_id=by.organisation_id, user__email__iexact=email
    ).exists():
        raise ApplicationError(
            "That person is already a member.",
            fields={"email": ["This person is already a member of the organisation."]},
        )
    Organisation.objects.select_for_update().get(pk=by.organisation_id)  # one invite at a time
    invitation = Invitation.objects.filter(
        organisation_id=by.organisation_id,
        email__iexact=email,
        status=InvitationStatus.PENDING,
    ).first()
    if invitation is None:
        invitation = Invitation.objects.create(
            organisation=by.organisation, email=email, role=role, invited_by=by.user
        )
    else:  # asked again: the newest role, and the e-mail sent again
        invitation.role = role
        invitation.invited_by = by.user
        invitation.save(update_fields=["role", "invited_by"])
    has_account = User.objects.filter(email__iexact=email, is_active=True).exists()
    _invitation_email(invitation, has_account=has_account)
    return invitation


@transaction.atomic
def invitation_respond(*, user: User, invitation_id: int, accept: bool) -> Membership | None:
    """The invited person accepts (and becomes a member) or declines."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("organisation")
        .filter(pk=invitation_id, email__iexact=user.email, status=InvitationStatus.PENDING)
        .first()
    )
    if invitation is None or not user.is_active:
        withdrawn = Invitation.objects.filter(
            pk=invitation_id, email__iexact=user.email, status=InvitationStatus.WITHDRAWN
        ).exists()
        raise NotFound(
            INVITATION_WITHDRAWN_MESSAGE
            if withdrawn
            else "There is no invitation with that id waiting for you."
        )
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    if not accept:
        return None
    membership, _ = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    return membership


@transaction.atomic
def invitation_withdraw(*, by: Membership, invitation_id: int) -> Invitation:
    """An admin takes back an invitation nobody has answered. The invited person can no longer
    accept it; whether the address has an account makes no difference to the answer."""
    require_role(by, ADMIN_ROLES, action="withdraw invitations")
    invitation = (
        Invitation.objects.select_for_update()
        .filter(pk=invitation_id, organisation_id=by.organisation_id)
        .first()
    )
    if invitation is None or invitation.status != InvitationStatus.PENDING:
        raise NotFound("There is no invitation with that id waiting for an answer.")
    if invitation.role == Role.OWNER and by.role != Role.OWNER:
        raise PermissionDenied("Only an owner can withdraw an invitation to be an owner.")
    invitation.status = InvitationStatus.WITHDRAWN
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    return invitation


def _lock_members(organisation_id: int) -> list[Membership]:
    return list(
        Membership.objects.select_for_update()
        .filter(organisation_id=organisation_id)
        .order_by("pk")
    )


def _refuse_if_last_owner(members: list[Membership], leaving: Membership, action: str) -> None:
    owners = [m for m in members if m.role == Role.OWNER]
    if leaving.role == Role.OWNER and len(owners) == 1:
        raise Conflict(
            f"An organisation always needs an owner, so you cannot {action}. "
            "Make someone else an owner first.",
            code=ErrorCode.LAST_OWNER,
        )


def _member(members: list[Membership], member_id: int) -> Membership:
    for member in members:
        if member.pk == member_id:
            return member
    raise NotFound("There is no member with that id in this organisation.")


@transaction.atomic
def membership_leave(*, membership: Membership) -> None:
    """A member leaves the organisation (the last owner cannot)."""
    members = _lock_members(membership.organisation_id)
    mine = _member(members, membership.pk)
    _refuse_if_last_owner(members, mine, "leave")
    mine.delete()


@transaction.atomic
def membership_role_set(*, by: Membership, member_id: int, role: str) -> Membership:
    require_role(by, ADMIN_ROLES, action="change members' roles")
    members = _lock_members(by.organisation_id)
    member = _member(members, member_id)
    if Role.OWNER in (role, member.role) and by.role != Role.OWNER:
        raise PermissionDenied("Only an owner can make someone an owner or change an owner's role.")
    if role != Role.OWNER:
        _refuse_if_last_owner(members, member, "change the last owner's role")
    member.role = role
    member.save(update_fields=["role"])
    return member


@transaction.atomic
def membership_remove(*, by: Membership, member_id: int) -> None:
    require_role(by, ADMIN_ROLES, action="remove members")
    members = _lock_members(by.organisation_id)
    member = _member(members, member_id)
    if member.role == Role.OWNER and by.role != Role.OWNER:
        raise PermissionDenied("Only an owner can remove an owner.")
    _refuse_if_last_owner(members, member, "remove the last owner")
    member.delete()


@transaction.atomic
def organisation_verify(*, organisation: Organisation, by: User) -> Organisation:
    """A platform admin confirms the organisation is real. Recorded in its history."""
    if not by.is_staff:
        raise PermissionDenied("Only platform admins can verify organisations.")
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.verified_at is None:
        locked.verified_at = timezone.now()
        locked.verified_by = by
        locked._change_reason = "verified"  # type: ignore[attr-defined]
        locked.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return locked


@transaction.atomic
def organisation_unverify(*, organisation: Organisation, by: User) -> Organisation:
    if not by.is_staff:
        raise PermissionDenied("Only platform admins can withdraw verification.")
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.verified_at is not None:
        locked.verified_at = None
        locked.verified_by = None
        locked._change_reason = "verification withdrawn"  # type: ignore[attr-defined]
        locked.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return locked
