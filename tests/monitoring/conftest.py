from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from accounts.models import User
from contributors.models import BenefitCircumstances, ContributorProfile
from payments import services
from payments.models import Payment
from tests.factories import ContributorFactory
from tests.payments.conftest import Org

__all__ = ["Org"]


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    """Wednesday 25 November 2026, 9am: the middle of a Monday benefit week."""
    with time_machine.travel("2026-11-25 09:00 +00:00", tick=False):
        yield


@pytest.fixture
def northfield(db: None) -> Org:
    return Org("Northfield")


@pytest.fixture
def southdown(db: None) -> Org:
    return Org("Southdown")


def _person(northfield: Org, southdown: Org, *, share: bool = True, **circumstances: Any) -> User:
    person: User = ContributorFactory.create(full_name="Alex Morgan")
    northfield.engage(person)
    southdown.engage(person)
    BenefitCircumstances.objects.create(user=person, **circumstances)
    ContributorProfile.objects.update_or_create(user=person, defaults={"share_headroom": share})
    return person


@pytest.fixture
def esa_person(northfield: Org, southdown: Org) -> User:
    return _person(northfield, southdown, receives_esa=True, esa_permitted_work_limit="lower")


@pytest.fixture
def person_with(northfield: Org, southdown: Org) -> Callable[..., User]:
    def make(**circumstances: Any) -> User:
        return _person(northfield, southdown, **circumstances)

    return make


@pytest.fixture
def pay() -> Callable[..., Payment]:
    def record(org: Org, person: User, amount: str, on: date, **extra: Any) -> Payment:
        return services.payment_record(
            by=org.coordinator, contributor=person, kind=extra.pop("kind", "fee"),
            amount=Decimal(amount),
            description="Session", due_on=on, **extra,
        ).payment  # fmt: skip

    return record
