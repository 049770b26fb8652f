from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from opportunities.models import (
    Application,
    ApplicationStatus,
    Attendance,
    Engagement,
    InvolvementType,
    Opportunity,
    OpportunityStatus,
    PayRate,
    PayUnit,
    Session,
)
from tests.factories import ContributorFactory, OrganisationFactory, UserFactory


class OpportunityFactory(factory.django.DjangoModelFactory[Opportunity]):
    class Meta:
        model = Opportunity

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Advisory group {n}")
    summary = "Help us shape our services."
    description = "Meet once a month."
    involvement_type = InvolvementType.ADVISORY_GROUP
    places = 3
    closing_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    status = OpportunityStatus.PUBLISHED
    pay_rate = Decimal("25.00")
    pay_unit = PayUnit.HOUR
    expenses_covered = factory.LazyFunction(lambda: ["travel"])


class PayRateFactory(factory.django.DjangoModelFactory[PayRate]):
    class Meta:
        model = PayRate

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Rate {n}")
    amount = Decimal("30.00")
    unit = PayUnit.HOUR
    is_default = True


class SessionFactory(factory.django.DjangoModelFactory[Session]):
    class Meta:
        model = Session

    opportunity = factory.SubFactory(OpportunityFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    start_time = dt.time(10, 0)
    end_time = dt.time(12, 0)
    location = "Room 1"
    online_link = "https://meet.example.org/room"
    planned_hours = Decimal("2.00")


class ApplicationFactory(factory.django.DjangoModelFactory[Application]):
    class Meta:
        model = Application

    opportunity = factory.SubFactory(OpportunityFactory)
    contributor = factory.SubFactory(ContributorFactory)
    statement = "I would like to help."
    status = ApplicationStatus.SUBMITTED


class EngagementFactory(factory.django.DjangoModelFactory[Engagement]):
    class Meta:
        model = Engagement

    application = factory.SubFactory(ApplicationFactory, status=ApplicationStatus.ACCEPTED)
    opportunity = factory.SelfAttribute("application.opportunity")
    contributor = factory.SelfAttribute("application.contributor")


class AttendanceFactory(factory.django.DjangoModelFactory[Attendance]):
    class Meta:
        model = Attendance

    engagement = factory.SubFactory(EngagementFactory)
    date = factory.LazyFunction(timezone.localdate)
    hours = Decimal("2.00")
    offered_amount = Decimal("50.00")
    logged_by = factory.SubFactory(UserFactory)
