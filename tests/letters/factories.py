"""Factories for letters, and a ready-made snapshot so rendering tests need no ledger rows."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import factory
from django.utils import timezone

from letters.models import Letter, LetterKind
from letters.rendering import TEMPLATE_VERSION
from tests.factories import ContributorFactory, OrganisationFactory, UserFactory

ORGANISATION_NAME = "Northfield Mind"
CONTRIBUTOR_NAME = "Alex Example"

SNAPSHOT: dict[str, Any] = {
    "version": 1,
    "kind": "benefits_advisor",
    "period": {"start": "2026-01-05", "end": "2026-01-25"},
    "organisation": {
        "name": ORGANISATION_NAME,
        "kind": "charity",
        "kind_label": "Charity",
        "description": "Northfield Mind is a local mental health charity.",
        "charity_number": "1234567",
        "address_lines": ["1 High Street", "Northfield", "NF1 1AA"],
        "contact_email": "involvement@northfield.example",
        "contact_phone": "0123 456 7890",
        "website": "https://northfield.example",
        "letterhead_text": "Working together for better mental health",
        "letterhead_colour": "#7a1f5c",
        "signatory_name": "Sam Signer",
        "signatory_title": "Involvement Lead",
    },
    "contributor": {"name": CONTRIBUTOR_NAME, "address_lines": ["2 Low Road", "NF2 2BB"]},
    "grouping": "benefit_week",
    "has_involvement": True,
    "roles": [
        {
            "title": "Service design panel",
            "involvement_type": "Advisory group",
            "summary": "Help design services.",
            "first_date": "2026-01-06",
            "last_date": "2026-01-20",
            "hours": "5.50",
            "sessions": 3,
        }
    ],
    "attendance": [
        {"date": "2026-01-06", "role": "Service design panel", "hours": "2.00"},
        {"date": "2026-01-13", "role": "Service design panel", "hours": "1.50"},
        {"date": "2026-01-20", "role": "Service design panel", "hours": "2.00"},
    ],
    "fees": [],
    "fee_groups": [],
    "expenses": [
        {
            "date": "2026-01-07",
            "paid": True,
            "status": "paid",
            "role": "Service design panel",
            "description": "Bus fare to panel",
            "offered": "4.80",
            "payable": "4.80",
            "waived": "0.00",
            "choice": "",
            "choice_reason": "",
            "donated_to": "",
            "method": "bank_transfer",
        }
    ],
    "totals": {
        "fees_offered": "75.00",
        "fees_received": "45.00",
        "fees_donated": "25.00",
        "fees_waived": "5.00",
        "expenses": "4.80",
        "hours": "5.50",
    },
    "tax_years": [
        {
            "label": "2025/26",
            "start": "2025-04-06",
            "end": "2026-04-05",
            "fees": "45.00",
            "expenses": "4.80",
        },
    ],
    "choices": ["donate", "full", "reduced"],
}


def _fee(
    day: str, description: str, offered: str, payable: str, choice: str, **extra: Any
) -> dict[str, Any]:
    return {
        "date": day,
        "paid": extra.get("paid", True),
        "status": "paid" if extra.get("paid", True) else "approved",
        "role": "Service design panel",
        "description": description,
        "offered": offered,
        "payable": payable,
        "waived": extra.get("waived", "0.00"),
        "choice": choice,
        "choice_reason": "",
        "donated_to": extra.get("donated_to", ""),
        "method": "bank_transfer",
    }


FEES = [
    _fee("2026-01-06", "Panel meeting 6 January", "25.00", "25.00", "full"),
    _fee("2026-01-13", "Panel meeting 13 January", "25.00", "20.00", "reduced", waived="5.00"),
    _fee(
        "2026-01-20",
        "Panel meeting 20 January",
        "25.00",
        "25.00",
        "donate",
        donated_to="Mind in Northfield",
        paid=False,
    ),
]
SNAPSHOT["fees"] = FEES
SNAPSHOT["fee_groups"] = [
    {
        "start": "2026-01-05",
        "end": "2026-01-11",
        "fees": [FEES[0]],
        "total_received": "25.00",
        "total_offered": "25.00",
    },
    {
        "start": "2026-01-12",
        "end": "2026-01-18",
        "fees": [FEES[1]],
        "total_received": "20.00",
        "total_offered": "25.00",
    },
    {
        "start": "2026-01-19",
        "end": "2026-01-25",
        "fees": [FEES[2]],
        "total_received": "0.00",
        "total_offered": "25.00",
    },
]


def snapshot_dict(**changes: Any) -> dict[str, Any]:
    """A complete snapshot, as ``letters.snapshot.letter_snapshot_build`` returns it."""
    data = copy.deepcopy(SNAPSHOT)
    data.update(changes)
    return data


class LetterFactory(factory.django.DjangoModelFactory[Letter]):
    class Meta:
        model = Letter

    kind = LetterKind.BENEFITS_ADVISOR
    organisation = factory.SubFactory(
        OrganisationFactory, signatory_name="Sam Signer", signatory_title="Involvement Lead"
    )
    contributor = factory.SubFactory(ContributorFactory)
    period_start = date(2026, 1, 5)
    period_end = date(2026, 1, 25)
    snapshot = factory.LazyFunction(snapshot_dict)
    template_version = TEMPLATE_VERSION
    requested_by = factory.SubFactory(UserFactory)
    approved_at = factory.LazyFunction(timezone.now)
    approved_by = factory.SelfAttribute("requested_by")
