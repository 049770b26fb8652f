from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from opportunities.engagements.selectors import contributor_is_engaged_with
from opportunities.models import (
    Application,
    Attendance,
    Engagement,
    Opportunity,
    OpportunityStatus,
    PayRate,
    Session,
)
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Opportunity, Session, Application, Engagement, Attendance, PayRate)
    )


def test_demo_roles_load_twice_without_duplicating() -> None:
    call_command("demo_seed")
    first = _counts()
    call_command("demo_seed")

    assert _counts() == first
    statuses = set(Opportunity.objects.values_list("status", flat=True))
    assert {OpportunityStatus.PUBLISHED, OpportunityStatus.CLOSED, OpportunityStatus.DRAFT} <= (
        statuses
    )
    today = timezone.localdate()
    assert Session.objects.filter(date__gt=today).exists()
    assert Attendance.objects.filter(date__lt=today).exists()
    assert all("NIHR" in rate.description for rate in PayRate.objects.all())


def test_each_demo_contributor_is_engaged_with_both_organisations() -> None:
    call_command("demo_seed")

    for email in ("esa", "uc", "carer"):
        contributor = User.objects.get(email=f"{email}@contributors.demo.test")
        for organisation in Organisation.objects.all():
            assert contributor_is_engaged_with(contributor=contributor, organisation=organisation)
