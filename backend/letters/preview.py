"""A preview of the organisation's letter: its letterhead and signatory on made-up details.

Rendered on request and given straight back: never stored, never a ``Letter``, and marked on
every page as not a real letter, with no reference or code that a checker would accept."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from django.utils import timezone

from organisations.letterhead import letterhead_colour_check
from organisations.models import Membership, Organisation
from organisations.permissions import ADMIN_ROLES, require_role

from . import rendering
from .snapshot import DEFAULT_GROUPING, organisation_snapshot

# Not the shape of a real reference (those start "CP-"), so the checker never finds it.
PREVIEW_REFERENCE = "PREVIEW"
PREVIEW_KIND = "benefits_advisor"
# What an admin may try out before saving it.
PREVIEW_FIELDS = ("letterhead_text", "letterhead_colour", "signatory_name", "signatory_title")

_FEE: dict[str, Any] = {
    "paid": True,
    "status": "paid",
    "role": "Example advisory group",
    "offered": "25.00",
    "payable": "25.00",
    "waived": "0.00",
    "choice": "full",
    "choice_reason": "",
    "donated_to": "",
    "method": "bank_transfer",
}


def _month_before(today: date) -> tuple[date, date]:
    end = today.replace(day=1).toordinal() - 1
    last = date.fromordinal(end)
    return last.replace(day=1), last


def preview_snapshot(*, organisation: dict[str, Any], today: date) -> dict[str, Any]:
    """Made-up involvement in last month for "Sam Sample", on the organisation's details."""
    start, end = _month_before(today)
    days = [start.replace(day=d) for d in (5, 12, 19)]
    fees = [
        {**copy.deepcopy(_FEE), "date": d.isoformat(), "description": f"Meeting on {d:%d %B}"}
        for d in days
    ]
    tax_start = date(start.year if start >= date(start.year, 4, 6) else start.year - 1, 4, 6)
    return {
        "version": 1,
        "kind": PREVIEW_KIND,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "organisation": organisation,
        "contributor": {"name": "Sam Sample", "address_lines": ["1 Example Street", "AB1 2CD"]},
        "grouping": DEFAULT_GROUPING,
        "has_involvement": True,
        "roles": [
            {
                "title": "Example advisory group",
                "involvement_type": "Advisory group",
                "summary": "Made-up involvement to show how your letters look.",
                "first_date": days[0].isoformat(),
                "last_date": days[-1].isoformat(),
                "hours": "6.00",
                "sessions": 3,
            }
        ],
        "attendance": [
            {"date": d.isoformat(), "role": "Example advisory group", "hours": "2.00"} for d in days
        ],
        "fees": fees,
        "fee_groups": [
            {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "fees": fees,
                "total_received": "75.00",
                "total_offered": "75.00",
            }
        ],
        "expenses": [],
        "totals": {
            "fees_offered": "75.00",
            "fees_received": "75.00",
            "fees_donated": "0.00",
            "fees_waived": "0.00",
            "expenses": "0.00",
            "hours": "6.00",
        },
        "tax_years": [
            {
                "label": f"{tax_start.year}/{(tax_start.year + 1) % 100:02d}",
                "start": tax_start.isoformat(),
                "end": date(tax_start.year + 1, 4, 5).isoformat(),
                "fees": "75.00",
                "expenses": "0.00",
            }
        ],
        "choices": ["full"],
    }


def letter_preview_pdf(*, membership: Membership, changes: dict[str, str]) -> bytes:
    """The organisation's letter as it would look with ``changes`` (unsaved letterhead and
    signatory) applied. Admins only; nothing is written."""
    require_role(membership, ADMIN_ROLES, action="preview letters")
    unknown = set(changes) - set(PREVIEW_FIELDS)
    if unknown:
        raise ValueError(f"not letterhead fields: {sorted(unknown)}")
    if "letterhead_colour" in changes:
        changes = {
            **changes,
            "letterhead_colour": letterhead_colour_check(changes["letterhead_colour"]),
        }
    organisation = Organisation.objects.get(pk=membership.organisation_id)
    details = {**organisation_snapshot(organisation), **changes}
    return rendering.letter_pdf(
        snapshot=preview_snapshot(organisation=details, today=timezone.localdate()),
        reference=PREVIEW_REFERENCE,
        kind=PREVIEW_KIND,
        dated=timezone.localdate(),
        preview=True,
    )
