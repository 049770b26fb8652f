"""Paying and reading earnings through the API, for the issue 9 tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accounts.models import User
from payments.models import PaymentPreference
from tests.clients import client_for

from .conftest import Org

D = Decimal


def capped(person: User, amount: str = "20.00", period: str = "benefit_week") -> None:
    PaymentPreference.objects.update_or_create(
        contributor=person,
        defaults={"choice": "capped", "cap_amount": D(amount), "cap_period": period},
    )


def approved(org: Org, person: User, amount: str, due: date) -> dict:
    response = org.record(person, amount, due)
    assert response.status_code == 201, response.json()
    payment = response.json()
    approved = org.client("finance").post(f"/api/v1/payments/{payment['id']}/approve/")
    assert approved.status_code == 200, approved.json()
    return approved.json()


def earnings(person: User, on: date) -> dict[str, dict]:
    response = client_for(person).get(f"/api/v1/me/earnings/?on={on.isoformat()}")
    assert response.status_code == 200
    return {row["key"]: row for row in response.json()["limits"]}
