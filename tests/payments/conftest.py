from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from opportunities.models import Engagement
from organisations.models import Membership, Organisation, Role
from payments.models import PaymentPreference
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory
from tests.opportunities.factories import EngagementFactory


class Org:
    """An organisation with a coordinator and a finance officer, for payment tests."""

    def __init__(self, name: str) -> None:
        self.organisation: Organisation = OrganisationFactory.create(name=name)
        self.coordinator: Membership = MembershipFactory.create(
            organisation=self.organisation, role=Role.COORDINATOR
        )
        self.finance: Membership = MembershipFactory.create(
            organisation=self.organisation, role=Role.FINANCE
        )

    def engage(self, contributor: User) -> Engagement:
        return EngagementFactory.create(
            application__opportunity__organisation=self.organisation,
            application__contributor=contributor,
            contributor=contributor,
        )

    def client(self, who: str = "coordinator") -> APIClient:
        client = APIClient()
        client.force_authenticate(getattr(self, who).user)
        return client

    def record(self, contributor: User, amount: str, due_on: date, **extra: Any) -> Any:
        body = {
            "organisation": self.organisation.pk,
            "contributor": contributor.pk,
            "kind": "fee",
            "amount": amount,
            "description": "Advisory group meeting",
            "due_on": due_on.isoformat(),
            **({} if "hours" in extra else {"time_based": False}),
            **extra,
        }
        headers = {}
        if "idempotency_key" in body:
            headers["HTTP_IDEMPOTENCY_KEY"] = body.pop("idempotency_key")
        return self.client().post("/api/v1/payments/", body, format="json", **headers)


@pytest.fixture
def northfield(db: None) -> Org:
    return Org("Northfield")


@pytest.fixture
def southdown(db: None) -> Org:
    return Org("Southdown")


@pytest.fixture
def contributor(northfield: Org, southdown: Org) -> User:
    person: User = ContributorFactory.create()
    northfield.engage(person)
    southdown.engage(person)
    return person


@pytest.fixture
def prefer() -> Callable[..., PaymentPreference]:
    def set_preference(contributor: User, **fields: Any) -> PaymentPreference:
        for key in ("reduced_amount", "cap_amount"):
            if key in fields and fields[key] is not None:
                fields[key] = Decimal(fields[key])
        preference, _ = PaymentPreference.objects.update_or_create(
            contributor=contributor, defaults=fields
        )
        return preference

    return set_preference
