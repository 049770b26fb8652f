"""Demo profiles and benefit circumstances for the three demo contributors (safe to re-run)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from accounts.models import User

from .models import ContactPreference, ContributorProfile, EsaPermittedWork
from .services import circumstances_set


@dataclass(frozen=True)
class DemoContributor:
    email: str
    preferred_name: str
    address_line_1: str
    town: str
    postcode: str
    contact_preference: str
    circumstances: dict[str, Any] = field(default_factory=dict)


DEMO_CONTRIBUTORS = [
    DemoContributor(
        email="esa@contributors.demo.test",
        preferred_name="Alex",
        address_line_1="12 Elm Road",
        town="Northfield",
        postcode="NF1 3EF",
        contact_preference=ContactPreference.EMAIL,
        circumstances={
            "receives_esa": True,
            "esa_permitted_work_limit": EsaPermittedWork.LOWER,
            "benefit_week_start": 0,
        },
    ),
    DemoContributor(
        email="uc@contributors.demo.test",
        preferred_name="Sam",
        address_line_1="Flat 4, 8 Mill Lane",
        town="Southdown",
        postcode="SD3 5GH",
        contact_preference=ContactPreference.PHONE,
        circumstances={
            "receives_uc": True,
            "uc_housing_element": True,
            "uc_work_allowance": True,
            "uc_assessment_start_day": 15,
        },
    ),
    DemoContributor(
        email="carer@contributors.demo.test",
        preferred_name="Jo",
        address_line_1="3 Station Cottages",
        town="Northfield",
        postcode="NF2 7JK",
        contact_preference=ContactPreference.POST,
        circumstances={"receives_carers_allowance": True, "benefit_week_start": 2},
    ),
]


@transaction.atomic
def seed() -> None:
    """Profiles (sharing headroom) and benefit circumstances for the demo contributors that
    exist. Contributors' own later changes to circumstances are kept."""
    for spec in DEMO_CONTRIBUTORS:
        user = User.objects.filter(email=spec.email).first()
        if user is None:
            continue
        ContributorProfile.objects.update_or_create(
            user=user,
            defaults={
                "preferred_name": spec.preferred_name,
                "address_line_1": spec.address_line_1,
                "town": spec.town,
                "postcode": spec.postcode,
                "contact_preference": spec.contact_preference,
                "share_headroom": True,
            },
        )
        if not hasattr(user, "benefit_circumstances"):
            circumstances_set(user=user, data=spec.circumstances)
