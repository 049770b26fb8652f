from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from accounts.models import User
from contributors.models import BenefitCircumstances, ContributorProfile
from opportunities.models import Engagement, Session
from organisations.models import Membership, Organisation, Role
from payments.models import PaymentPreference
from tests.clients import client_for
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory
from tests.opportunities.factories import EngagementFactory, SessionFactory

# Thursday 26 November 2026, 9am. Chosen so that "today", the fees and the booked sessions
# fall on a day that starts or ends none of the benefit calendars below: any such date an
# organisation reads would then have come from a contributor's calendar.
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel("2026-11-26 09:00 +00:00", tick=False):
        yield


class Org:
    """An organisation with one member in each staff role, a signatory, and a pay rate."""

    def __init__(self, name: str, rate: str) -> None:
        self.organisation: Organisation = OrganisationFactory.create(
            name=name, signatory_name="Sam Signer", signatory_title="Involvement Lead"
        )
        self.rate = Decimal(rate)
        self.members: dict[str, Membership] = {
            role: MembershipFactory.create(organisation=self.organisation, role=role)
            for role in (Role.OWNER, Role.ADMIN, Role.COORDINATOR, Role.FINANCE, Role.VIEWER)
        }

    @property
    def coordinator(self) -> Membership:
        return self.members[Role.COORDINATOR]

    @property
    def finance(self) -> Membership:
        return self.members[Role.FINANCE]

    @property
    def admin(self) -> Membership:
        return self.members[Role.ADMIN]

    def staff(self) -> list[User]:
        return [m.user for m in self.members.values()]

    def engage(self, contributor: User) -> Engagement:
        engagement: Engagement = EngagementFactory.create(
            application__opportunity__organisation=self.organisation,
            application__opportunity__pay_rate=self.rate,
            application__contributor=contributor,
            contributor=contributor,
        )
        return engagement

    def book(self, engagement: Engagement, on: dt.date, hours: str = "2.00") -> Session:
        session: Session = SessionFactory.create(
            opportunity=engagement.opportunity,
            date=on,
            start_time=dt.time(15, 0),
            end_time=dt.time(17, 0),
            planned_hours=Decimal(hours),
        )
        return session

    def record(self, contributor: User, amount: str, due_on: dt.date, **extra: Any) -> Any:
        body = {
            "organisation": self.organisation.pk,
            "contributor": contributor.pk,
            "kind": "fee",
            "amount": amount,
            "description": "Advisory group meeting",
            "due_on": due_on.isoformat(),
            "hours": "2.00",
            **extra,
        }
        response = client_for(self.coordinator.user).post("/api/v1/payments/", body, format="json")
        assert response.status_code == 201, response.json()
        return response.json()


def person(
    full_name: str,
    *,
    cap: str | None = None,
    cap_period: str = "benefit_week",
    share: bool = True,
    **circumstances: Any,
) -> User:

    user: User = ContributorFactory.create(full_name=full_name)
    if circumstances:
        BenefitCircumstances.objects.create(user=user, **circumstances)
    ContributorProfile.objects.update_or_create(user=user, defaults={"share_headroom": share})
    if cap is not None:
        PaymentPreference.objects.create(
            contributor=user, choice="capped", cap_amount=Decimal(cap), cap_period=cap_period
        )
    return user
