from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum

from payments.fees.services import payment_record
from payments.models import Payment, PaymentPreference
from tests.factories import ContributorFactory

from .conftest import Org


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_fees_from_two_organisations_stop_exactly_at_the_cap() -> None:
    """On PostgreSQL the contributor row lock serialises the decisions; on SQLite the write
    lock taken at the start of each transaction does. Either way the cap holds."""
    northfield, southdown = Org("Northfield"), Org("Southdown")
    contributor = ContributorFactory.create()
    northfield.engage(contributor)
    southdown.engage(contributor)
    PaymentPreference.objects.create(
        contributor=contributor,
        choice="capped",
        cap_amount=Decimal("100.00"),
        cap_period="benefit_week",
    )
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def record(index: int) -> None:
        org = northfield if index % 2 else southdown
        try:
            barrier.wait()
            payment_record(
                by=org.coordinator, contributor=contributor, kind="fee", amount=Decimal("15.00"),
                description=f"Session {index}", due_on=date(2026, 11, 24),
            )  # fmt: skip
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    payments = Payment.objects.filter(contributor=contributor)
    assert payments.count() == 20
    assert payments.aggregate(total=Sum("payable"))["total"] == Decimal("100.00")
    assert payments.aggregate(total=Sum("waived"))["total"] == Decimal("200.00")
    # Decided one after another, whatever the order: six whole fees, one cut to what was left
    # of the cap, and nothing payable for the thirteen after it.
    assert (
        sorted(p.payable for p in payments)
        == [Decimal("0.00")] * 13 + [Decimal("10.00")] + [Decimal("15.00")] * 6
    )
