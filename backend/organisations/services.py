from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User, normalise_email
from coproduce.api.errors import ApplicationError, PermissionDenied

from .models import Membership, Organisation, Role
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
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    for field, value in data.items():
        if field not in EDITABLE_FIELDS:
            raise ValueError(f"not an editable organisation field: {field}")
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def membership_add(*, by: Membership, email: str, role: str) -> Membership:
    """An admin adds an existing account to the organisation with a role."""
    require_role(by, ADMIN_ROLES, action="add members")
    if role == Role.OWNER and by.role != Role.OWNER:
        raise PermissionDenied("Only an owner can make someone else an owner.")
    user = User.objects.filter(email__iexact=normalise_email(email), is_active=True).first()
    if user is None:
        raise ApplicationError(
            "There is no account with that e-mail address.",
            fields={"email": ["No account uses this e-mail address. Ask them to register first."]},
        )
    if Membership.objects.filter(organisation_id=by.organisation_id, user=user).exists():
        raise ApplicationError(
            "That person is already a member.",
            fields={"email": ["This person is already a member of the organisation."]},
        )
    try:
        with transaction.atomic():
            return Membership.objects.create(
                organisation_id=by.organisation_id, user=user, role=role
            )
    except IntegrityError as exc:
        raise ApplicationError(
            "That person is already a member.",
            fields={"email": ["This person is already a member of the organisation."]},
        ) from exc


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
