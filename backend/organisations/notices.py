"""Telling an organisation's staff: one notice to each active member with one of some roles,
sent as the organisation (its name as the sender, replies to its contact address)."""

from __future__ import annotations

from collections.abc import Iterable

from notifications.services import Notice, notify_many

from .models import Membership, Organisation


def members_notify(
    *,
    organisation: Organisation,
    roles: Iterable[str],
    kind: str,
    dedupe_key: str,
    title: str,
    body: str,
    link: str,
) -> int:
    """How many notices were made (members already told under ``dedupe_key`` are not again)."""
    staff = Membership.objects.filter(
        organisation=organisation, role__in=list(roles), user__is_active=True
    ).values_list("user_id", flat=True)
    return notify_many(
        [
            Notice(
                user_id=user_id,
                kind=kind,
                dedupe_key=dedupe_key,
                title=title,
                body=body,
                link=link,
                sender_name=organisation.name,
                reply_to=organisation.contact_email,
            )
            for user_id in staff
        ]
    )
