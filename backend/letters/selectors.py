from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from coproduce.api.errors import Conflict, NotFound, PermissionDenied
from organisations.permissions import ADMIN_ROLES
from organisations.selectors import members_or_own

from .models import Letter, LetterStatus
from .snapshot import DEFAULT_GROUPING


def _visible(user: User) -> Q:
    """The contributor's own letters, and the letters of organisations the user administers."""
    return members_or_own(user, roles=ADMIN_ROLES)


# What staff filter the organisation's letters by, and the letters each word means.
LETTER_FILTERS: dict[str, Q] = {
    "requested": Q(status=LetterStatus.REQUESTED, approved_at__isnull=True),
    "rendering": Q(status=LetterStatus.RENDERING)
    | Q(status=LetterStatus.REQUESTED, approved_at__isnull=False),
    "issued": Q(status=LetterStatus.ISSUED),
    "failed": Q(status=LetterStatus.FAILED),
    "withdrawn": Q(status=LetterStatus.REVOKED),
}


def letter_list(
    *, user: User, organisation_id: int | None = None, state: str | None = None
) -> QuerySet[Letter]:
    """Letters the user may see; ``organisation_id`` narrows them to one organisation's and
    ``state`` to one of ``LETTER_FILTERS``."""
    letters = Letter.objects.filter(_visible(user))
    if organisation_id is not None:
        letters = letters.filter(organisation_id=organisation_id)
    if state:
        letters = letters.filter(LETTER_FILTERS[state])
    return letters.select_related(
        "organisation", "contributor", "supersedes", "superseded_by"
    ).order_by("-created_at", "-id")


def letter_get(*, user: User, letter_id: int) -> Letter:
    """A letter the user may see; 404 for everyone else."""
    letter = letter_list(user=user).filter(pk=letter_id).first()
    if letter is None:
        raise NotFound("There is no letter with that id that you can see.")
    return letter


def letter_get_for_download(*, user: User, letter_id: int) -> Letter:
    """An issued letter whose PDF the user may download: a letter grouped by the person's own
    weeks or periods (which can point to a benefit) only by that person."""
    letter = letter_get(user=user, letter_id=letter_id)
    grouping = letter.snapshot.get("grouping") or DEFAULT_GROUPING
    if user.pk != letter.contributor_id and grouping != DEFAULT_GROUPING:
        raise PermissionDenied(
            f"{letter.contributor.full_name} chose how this letter groups their fees, so "
            "only they can download it. Ask them for a copy if you need one."
        )
    if letter.status != LetterStatus.ISSUED or not letter.pdf:
        if letter.status == LetterStatus.REVOKED:
            raise Conflict("This letter was withdrawn, so it cannot be downloaded.")
        raise Conflict("This letter is not ready yet. Try again in a minute.")
    return letter


def letter_get_by_reference(*, reference: str) -> Letter:
    """For the public check: only letters that were issued (and perhaps since withdrawn)."""
    reference = reference.strip().upper()
    letter = None
    # Whatever was typed arrives here. No reference has a NUL in it, and PostgreSQL refuses to
    # compare text that does (a 500), so such a reference is simply not found.
    if "\x00" not in reference:
        letter = (
            Letter.objects.select_related("organisation", "superseded_by")
            .filter(reference=reference, issued_at__isnull=False)
            .first()
        )
    if letter is None:
        raise NotFound("There is no issued letter with that reference. Check it and try again.")
    return letter
