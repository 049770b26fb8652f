"""For any sequence of fees, a capped contributor's payable total in any cap period never
exceeds the cap, and every fee splits exactly into payable and waived."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from payments import services
from payments.models import Payment, PaymentPreference
from periods import PeriodKind, period_containing
from tests.factories import ContributorFactory

from .conftest import Org

pytestmark = pytest.mark.django_db

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("300.00"), places=2)
fees = st.lists(st.tuples(amounts, st.integers(0, 45), st.booleans()), min_size=1, max_size=12)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fees=fees,
    cap=st.decimals(min_value=Decimal("0.00"), max_value=Decimal("250.00"), places=2),
    period=st.sampled_from(["benefit_week", "calendar_month", "tax_year"]),
)
def test_cap_is_never_exceeded_and_offered_is_payable_plus_waived(
    northfield: Org,
    southdown: Org,
    fees: list[tuple[Decimal, int, bool]],
    cap: Decimal,
    period: str,
) -> None:
    contributor = ContributorFactory.create()
    northfield.engage(contributor)
    southdown.engage(contributor)
    PaymentPreference.objects.create(
        contributor=contributor, choice="capped", cap_amount=cap, cap_period=period
    )
    start = date(2026, 3, 20)
    for amount, offset, from_north in fees:
        org = northfield if from_north else southdown
        services.payment_record(
            by=org.coordinator, contributor=contributor, kind="fee", amount=amount,
            description="Session", due_on=start + timedelta(days=offset),
        )  # fmt: skip

    payments = list(Payment.objects.filter(contributor=contributor))
    assert all(p.offered == p.payable + p.waived for p in payments)
    periods = {period_containing(PeriodKind(period), p.counts_on) for p in payments}
    for each in periods:
        total = Payment.objects.filter(
            contributor=contributor, counts_on__gte=each.start, counts_on__lte=each.end
        ).aggregate(total=Sum("payable"))["total"]
        assert total <= cap
