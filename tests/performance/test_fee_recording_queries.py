"""Recording a fee runs a fixed, small number of queries, however much the contributor has been
paid before: the lock on the contributor reads their preference and calendar with it, the
coordinator's user comes with their membership, and the cap's room is one sum."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from payments.models import Payment, PaymentPreference
from tests.factories import ContributorFactory
from tests.payments.conftest import Org

pytestmark = pytest.mark.django_db

# membership, payee, engagement check, the lock (with preference and circumstances), the cap's
# sum, the payment, its audit row, the evaluation task in the outbox; and, on SQLite inside a
# test's transaction, a SAVEPOINT and its RELEASE.
FEE_QUERIES = 10


def _record(org: Org, contributor: User, day: date) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = org.record(contributor, "10.00", day)
    assert response.status_code == 201, response.json()
    return len(queries.captured_queries)


@pytest.mark.parametrize("cap_period", ["calendar_month", "benefit_week"])
def test_recording_a_capped_fee_runs_a_fixed_number_of_queries(cap_period: str) -> None:
    org = Org("Northfield")
    contributor = ContributorFactory.create()
    org.engage(contributor)
    PaymentPreference.objects.create(
        contributor=contributor, choice="capped", cap_amount="500.00", cap_period=cap_period
    )
    first = date(2026, 11, 2)
    assert _record(org, contributor, first) == FEE_QUERIES
    for n in range(20):
        org.record(contributor, "10.00", first + timedelta(days=n % 5))
    assert _record(org, contributor, first + timedelta(days=3)) == FEE_QUERIES
    assert Payment.objects.filter(contributor=contributor).count() == 22


def test_a_fee_for_someone_with_no_preference_runs_no_more() -> None:
    org = Org("Northfield")
    contributor = ContributorFactory.create()
    org.engage(contributor)
    # No cap: no sum, so one query fewer.
    assert _record(org, contributor, date(2026, 11, 2)) == FEE_QUERIES - 1
