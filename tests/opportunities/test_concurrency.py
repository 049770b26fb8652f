"""Two coordinators accept the last place at the same moment: exactly one succeeds.

Runs on PostgreSQL in the services run (the row lock serialises the accepts) and on SQLite in
the embedded run (IMMEDIATE transactions serialise them)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from coproduce.api.errors import Conflict
from opportunities.applications.services import application_accept
from opportunities.models import ApplicationStatus, Engagement, EngagementStatus
from organisations.models import Membership, Role
from tests.factories import MembershipFactory, OrganisationFactory

from .factories import ApplicationFactory, EngagementFactory, OpportunityFactory


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_accepts_for_the_last_place_fill_it_exactly_once() -> None:
    organisation = OrganisationFactory.create()
    first_coordinator = MembershipFactory.create(organisation=organisation, role=Role.COORDINATOR)
    second_coordinator = MembershipFactory.create(organisation=organisation, role=Role.ADMIN)
    role = OpportunityFactory.create(organisation=organisation, places=2)
    EngagementFactory.create(application__opportunity=role)  # one place already taken
    first, second = ApplicationFactory.create_batch(2, opportunity=role)
    barrier = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def accept(membership: Membership, application_id: int) -> None:
        application = ApplicationFactory._meta.model.objects.get(pk=application_id)
        try:
            barrier.wait(timeout=30)
            application_accept(by=membership, application=application)
            outcomes[application_id] = "accepted"
        except Conflict as exc:
            outcomes[application_id] = exc.code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=accept, args=(first_coordinator, first.pk)),
        threading.Thread(target=accept, args=(second_coordinator, second.pk)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not any(thread.is_alive() for thread in threads)
    assert sorted(outcomes.values()) == ["accepted", "places_filled"]
    assert Engagement.objects.filter(opportunity=role, status=EngagementStatus.ACTIVE).count() == 2
    statuses = sorted(
        ApplicationFactory._meta.model.objects.filter(pk__in=[first.pk, second.pk]).values_list(
            "status", flat=True
        )
    )
    assert statuses == sorted([ApplicationStatus.ACCEPTED, ApplicationStatus.SUBMITTED])
