from __future__ import annotations

from decimal import Decimal

import factory
from django.utils import timezone

from payments.models import Payment, PaymentChoice, PaymentKind, PaymentMethod, PaymentStatus
from tests.opportunities.factories import EngagementFactory


class PaymentFactory(factory.django.DjangoModelFactory[Payment]):
    """A pending fee paid in full, as payment_record leaves one for a contributor who has not
    chosen otherwise. For rows a test needs as they are; decisions go through the services."""

    class Meta:
        model = Payment

    engagement = factory.SubFactory(EngagementFactory)
    organisation = factory.SelfAttribute("engagement.opportunity.organisation")
    contributor = factory.SelfAttribute("engagement.contributor")
    kind = PaymentKind.FEE
    description = factory.Sequence(lambda n: f"Advisory group meeting {n}")
    offered = Decimal("25.00")
    payable = factory.SelfAttribute("offered")
    waived = Decimal("0.00")
    choice = PaymentChoice.FULL
    choice_reason = "Paid in full, as the contributor chose."
    method = PaymentMethod.BANK_TRANSFER
    due_on = factory.LazyFunction(timezone.localdate)
    counts_on = factory.SelfAttribute("due_on")
    time_based = False
    status = PaymentStatus.PENDING
