"""The dashboard's spend comes from each organisation's spend per day, which triggers keep in
step with its payments however they change (save, bulk_create, update, delete), so the sums
read at most a year of days however long the organisation's history."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from payments.finance.selectors import organisation_dashboard
from payments.models import DailySpend, Payment, PaymentKind, PaymentStatus
from tests.factories import ContributorFactory

from .conftest import Org
from .factories import PaymentFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-23 10:00 +00:00", tick=False):
        yield


def _from_payments() -> dict[tuple[int, date, str], Decimal]:
    rows = (
        Payment.objects.exclude(status=PaymentStatus.CANCELLED)
        .values_list("organisation_id", "counts_on", "kind")
        .annotate(total=Sum("payable"))
        .order_by()
    )
    return {(o, d, k): t for o, d, k, t in rows if t}


def _kept() -> dict[tuple[int, date, str], Decimal]:
    return {
        (s.organisation_id, s.day, s.kind): s.total
        for s in DailySpend.objects.all()
        if s.total  # a day whose payments all went elsewhere keeps a row at zero
    }


def _fee(org: Org, contributor: User, day: date, amount: str = "25.00", **extra: object) -> Payment:
    engagement = org.engage(contributor)
    payment: Payment = PaymentFactory.create(
        engagement=engagement, offered=Decimal(amount), due_on=day, **extra
    )
    return payment


def test_every_kind_of_change_keeps_the_daily_spend_in_step(
    northfield: Org, southdown: Org, contributor: User
) -> None:
    # Recorded through the API, by the factory (save), and in bulk.
    assert northfield.record(contributor, "40.00", TODAY).status_code == 201
    moved = _fee(northfield, contributor, TODAY)
    cancelled = _fee(southdown, contributor, TODAY - timedelta(days=1), "12.50")
    expense = _fee(northfield, contributor, TODAY, "7.20", kind=PaymentKind.EXPENSE)
    Payment.objects.bulk_create(
        Payment(
            organisation=southdown.organisation,
            contributor=contributor,
            kind=PaymentKind.FEE,
            description="Bulk",
            offered=Decimal("3.33"),
            payable=Decimal("3.33"),
            waived=Decimal("0"),
            choice="full",
            method="bank_transfer",
            due_on=TODAY - timedelta(days=n),
            counts_on=TODAY - timedelta(days=n),
        )
        for n in range(5)
    )
    assert _kept() == _from_payments()

    moved.counts_on = moved.due_on = TODAY + timedelta(days=9)  # a new due date
    moved.save()
    cancelled.status = PaymentStatus.CANCELLED
    cancelled.save()
    Payment.objects.filter(pk=expense.pk).update(offered=Decimal("5.00"), payable=Decimal("5.00"))
    Payment.objects.filter(description="Bulk", counts_on=TODAY).delete()
    assert _kept() == _from_payments()
    assert DailySpend.objects.filter(
        organisation=northfield.organisation, day=TODAY, kind=PaymentKind.FEE
    ).get().total == Decimal("40.00")


def test_the_dashboard_sums_the_daily_spend_not_the_payments(
    northfield: Org, contributor: User
) -> None:
    other = ContributorFactory.create()
    for n in range(12):
        _fee(northfield, contributor if n % 2 else other, TODAY - timedelta(days=30 * n))
    _fee(northfield, contributor, TODAY, "9.99", kind=PaymentKind.EXPENSE)
    _fee(northfield, contributor, date(2026, 4, 5))  # the last day of the previous tax year
    with CaptureQueriesContext(connection) as queries:
        dashboard = organisation_dashboard(organisation=northfield.organisation, today=TODAY)
    spend_sql = [q["sql"] for q in queries.captured_queries if "SUM(" in q["sql"].upper()]
    assert any("payments_dailyspend" in sql for sql in spend_sql)
    assert not any("counts_on" in sql and "payments_payment" in sql for sql in spend_sql)

    tax_year = Payment.objects.filter(
        organisation=northfield.organisation,
        counts_on__gte=date(2026, 4, 6),
        counts_on__lte=date(2027, 4, 5),
    )
    fees = tax_year.filter(kind=PaymentKind.FEE).aggregate(t=Sum("payable"))["t"]
    month = tax_year.filter(counts_on__gte=date(2026, 11, 1), counts_on__lte=date(2026, 11, 30))
    assert fees == Decimal("25.00") * 8  # 12 fees 30 days apart: eight since 6 April
    assert dashboard["this_tax_year"].fees == fees
    assert dashboard["this_tax_year"].expenses == Decimal("9.99")
    assert (
        dashboard["this_month"].fees
        == month.filter(kind=PaymentKind.FEE).aggregate(t=Sum("payable"))["t"]
    )
