"""Every list and dashboard endpoint runs the same number of queries however many rows it
has: each is called once with a little data and again with more, and the counts compared."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from letters.models import Letter
from notifications.models import Notification
from opportunities.models import Engagement
from organisations.models import Organisation, Role
from payments.models import ExpenseClaim, ExpenseItem, Payment
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.letters.factories import snapshot_dict
from tests.opportunities.factories import EngagementFactory, OpportunityFactory
from thresholds.models import ThresholdAlert

pytestmark = pytest.mark.django_db


class World:
    """One organisation with a coordinator, and a contributor engaged with it."""

    def __init__(self) -> None:
        self.organisation: Organisation = OrganisationFactory.create()
        self.staff: User = UserFactory.create()
        MembershipFactory.create(
            organisation=self.organisation, user=self.staff, role=Role.COORDINATOR
        )
        self.contributor: User = ContributorFactory.create()
        self.grown = 0

    def grow(self, n: int) -> None:
        """n more of everything the lists show: payments, claims with items, letters, alerts,
        notifications, and engaged contributors."""
        today = timezone.localdate()
        start = self.grown
        self.grown += n
        people = [self.contributor, *ContributorFactory.create_batch(n)]
        Payment.objects.bulk_create(
            Payment(
                organisation=self.organisation,
                contributor=people[i % len(people)],
                kind="fee",
                description="Session",
                offered=Decimal("20.00"),
                payable=Decimal("20.00"),
                waived=Decimal("0"),
                choice="full",
                method="bank_transfer",
                due_on=today - dt.timedelta(days=i),
                counts_on=today - dt.timedelta(days=i),
                status="pending" if i % 2 else "approved",
                hours=Decimal("2.00"),
            )
            for i in range(start, start + 3 * n)
        )
        for i in range(start, start + n):
            claim = ExpenseClaim.objects.create(
                organisation=self.organisation, contributor=self.contributor, note="Fares"
            )
            ExpenseItem.objects.create(
                claim=claim,
                category="travel",
                description="Bus",
                spent_on=today,
                amount=Decimal("3.00"),
                status="pending",
            )
            Letter.objects.create(
                kind="benefits_advisor",
                organisation=self.organisation,
                contributor=self.contributor,
                period_start=dt.date(2026, 1, 5),
                period_end=dt.date(2026, 1, 25),
                snapshot=snapshot_dict(),
                template_version="1",
                requested_by=self.contributor,
            )
            ThresholdAlert.objects.create(
                contributor=self.contributor,
                limit_key=f"personal_cap_{i}",
                period_kind="calendar_month",
                period_start=today.replace(day=1),
                period_end=today.replace(day=28),
                level="approaching",
                counted=Decimal("80.00"),
                forecast=Decimal("80.00"),
                limit=Decimal("100.00"),
            )
            Notification.objects.create(
                user=self.contributor,
                kind="threshold_alert",
                title="Near your cap",
                body="Body",
                link="/me/alerts",
                dedupe_key=f"perf-{i}",
            )
        role = OpportunityFactory.create(organisation=self.organisation)
        for person in people[1:]:
            EngagementFactory.create(application__opportunity=role, application__contributor=person)


@pytest.fixture
def world() -> World:
    return World()


def _queries(user: User, url: str) -> int:
    client = APIClient()
    client.force_authenticate(user)
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(url)
    assert answer.status_code == 200, (url, answer.content[:300])
    return len(captured.captured_queries)


ENDPOINTS: list[tuple[str, str, Callable[[World], str]]] = [
    ("payments, staff", "staff", lambda w: "/api/v1/payments/"),
    (
        "payments, staff, filtered",
        "staff",
        lambda w: f"/api/v1/payments/?organisation={w.organisation.pk}&status=pending",
    ),
    ("payments, contributor", "contributor", lambda w: "/api/v1/payments/"),
    ("expense claims, staff", "staff", lambda w: "/api/v1/expense-claims/"),
    ("expense claims, contributor", "contributor", lambda w: "/api/v1/expense-claims/"),
    ("letters", "contributor", lambda w: "/api/v1/letters/"),
    ("alerts", "contributor", lambda w: "/api/v1/me/alerts/"),
    ("earnings", "contributor", lambda w: "/api/v1/me/earnings/"),
    ("notifications", "contributor", lambda w: "/api/v1/notifications/"),
    ("dashboard", "staff", lambda w: f"/api/v1/organisations/{w.organisation.pk}/dashboard/"),
    ("overview", "staff", lambda w: f"/api/v1/organisations/{w.organisation.pk}/overview/"),
    (
        "organisation's contributors",
        "staff",
        lambda w: f"/api/v1/organisations/{w.organisation.pk}/contributors/",
    ),
    ("engagements", "staff", lambda w: "/api/v1/engagements/"),
    ("applications", "staff", lambda w: "/api/v1/applications/"),
    ("opportunities", "contributor", lambda w: "/api/v1/opportunities/"),
]


@pytest.mark.parametrize(("name", "who", "url"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_query_count_does_not_grow_with_rows(
    world: World, name: str, who: str, url: Callable[[World], str]
) -> None:
    user = world.staff if who == "staff" else world.contributor
    world.grow(2)
    _queries(user, url(world))  # warm: per-process caches (rules in force) filled once
    few = _queries(user, url(world))
    world.grow(8)
    many = _queries(user, url(world))

    assert many == few, f"{name}: {few} queries with a few rows, {many} with more"


def test_the_grown_lists_really_hold_more_rows(world: World) -> None:
    """The comparison above means something: the second call sees more rows."""
    world.grow(2)
    world.grow(8)

    assert Payment.objects.filter(organisation=world.organisation).count() == 30
    assert Engagement.objects.filter(opportunity__organisation=world.organisation).count() == 10
    assert ExpenseClaim.objects.filter(contributor=world.contributor).count() == 10
