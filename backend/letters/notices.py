"""What letters tell people: an organisation's admins that a contributor asked for a letter, and
the contributor that their letter is ready.

The message to admins says only that a letter was asked for and for which dates: not its kind,
so nothing an organisation's staff receive names a benefit or why the letter is wanted."""

from __future__ import annotations

from notifications.kinds import NotificationKind
from notifications.services import notify
from organisations.notices import members_notify
from organisations.permissions import ADMIN_ROLES

from .models import Letter


def letter_requested_notify(*, letter: Letter) -> int:
    """Tell the organisation's admins and owners, when the contributor asked for it themself."""
    if letter.requested_by_id != letter.contributor_id:
        return 0  # an admin asked: they know already
    organisation = letter.organisation
    name = letter.contributor.full_name or "A contributor"
    return members_notify(
        organisation=organisation,
        roles=ADMIN_ROLES,
        kind=NotificationKind.LETTER_REQUESTED,
        dedupe_key=f"letter-requested:{letter.pk}",
        title=f"{name} has asked for a letter",
        body=(
            f"{name} has asked {organisation.name} for a letter about their involvement "
            f"from {letter.period_start:%d %B %Y} to {letter.period_end:%d %B %Y}. "
            "Check it and issue it."
        ),
        link=f"/organisations/{organisation.pk}/letters/{letter.pk}",
    )


def letter_issued_notify(*, letter: Letter) -> None:
    organisation = letter.organisation
    notify(
        user=letter.contributor,
        kind=NotificationKind.LETTER_ISSUED,
        dedupe_key=f"letter-issued-{letter.pk}",
        title="Your letter is ready",
        body=f"Your {letter.get_kind_display().lower()} from {organisation.name} "
        f"is ready to download. Its reference is {letter.reference}.",
        link=f"/me/letters/{letter.pk}",
        sender_name=organisation.name,
        reply_to=organisation.contact_email,
    )
