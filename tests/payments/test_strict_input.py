"""Every payments input refuses what it does not take, naming it (issue 14, "Input"): the
multipart expense claim's form fields, the body-less actions, a run's pay date and preview;
and one Idempotency-Key rule for payments and expense claims alike."""

from __future__ import annotations

import json
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import User
from payments.models import ExpenseClaim, Payment, PaymentRun, PaymentStatus

from .conftest import Org
from .factories import PaymentFactory
from .test_expenses import MILEAGE, TRAIN, png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-25 10:00 +00:00", tick=False):
        yield


def _as(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _refused(response, *names: str) -> None:
    assert response.status_code == 400, response.content
    body = response.json()
    for name in names:
        assert name in body["fields"], body
        assert name in body["fields"]["non_field_errors"][0]


def test_a_multipart_expense_claim_with_an_unknown_form_field_is_refused_naming_it(
    northfield: Org, contributor: User
) -> None:
    body = {
        "organisation": northfield.organisation.pk,
        "items": json.dumps([TRAIN]),
        "status": "approved",
        "receipt_0": SimpleUploadedFile("ticket.png", png(), content_type="image/png"),
    }
    response = _as(contributor).post("/api/v1/expense-claims/", body, format="multipart")

    _refused(response, "status")
    assert not ExpenseClaim.objects.exists()


def test_a_json_expense_claim_with_an_unknown_key_is_refused_naming_it(
    northfield: Org, contributor: User
) -> None:
    body = {"organisation": northfield.organisation.pk, "items": [MILEAGE], "payable": "1.00"}
    response = _as(contributor).post("/api/v1/expense-claims/", body, format="json")

    _refused(response, "payable")
    assert not ExpenseClaim.objects.exists()


@pytest.mark.parametrize("action", ["approve", "cancel", "mark-paid", "reschedule"])
def test_payment_actions_refuse_unknown_keys(
    northfield: Org, contributor: User, action: str
) -> None:
    payment = northfield.record(contributor, "20.00", date(2026, 11, 24)).json()
    body = {"reason": "x", "paid_on": "2026-11-25", "due_on": "2026-11-30", "status": "paid"}
    if action == "approve":
        body = {"status": "paid"}

    response = northfield.client("finance").post(
        f"/api/v1/payments/{payment['id']}/{action}/", body, format="json"
    )

    _refused(response, "status")
    assert Payment.objects.get(pk=payment["id"]).status == PaymentStatus.PENDING


def test_approving_with_an_empty_body_still_works(northfield: Org, contributor: User) -> None:
    payment = northfield.record(contributor, "20.00", date(2026, 11, 24)).json()

    response = northfield.client("finance").post(
        f"/api/v1/payments/{payment['id']}/approve/", {}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == PaymentStatus.APPROVED


def _open_run(org: Org, contributor: User) -> PaymentRun:
    run = PaymentRun.objects.create(organisation=org.organisation, reference="RUN-TEST-1")
    PaymentFactory.create(
        engagement=contributor.engagements.get(opportunity__organisation=org.organisation),
        status=PaymentStatus.APPROVED,
        due_on=date(2026, 11, 24),
        run=run,
    )
    return run


def test_a_run_pay_date_with_an_unknown_key_is_refused_naming_it(
    northfield: Org, contributor: User
) -> None:
    run = _open_run(northfield, contributor)
    url = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/{run.pk}/pay-date/"

    response = northfield.client("finance").post(
        url, {"pay_on": "2026-11-30", "paid_on": "2026-11-30"}, format="json"
    )

    _refused(response, "paid_on")
    run.refresh_from_db()
    assert run.pay_on is None


def test_the_preview_takes_unknown_query_parameters_but_refuses_a_body_with_keys(
    northfield: Org, contributor: User
) -> None:
    _open_run(northfield, contributor)
    url = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/preview/"
    finance = northfield.client("finance")

    assert finance.get(url, {"paid_on": "2026-11-30", "utm_source": "x"}).status_code == 200
    response = finance.generic(
        "GET",
        f"{url}?paid_on=2026-11-30",
        json.dumps({"paid_on": "2026-11-30"}),
        content_type="application/json",
    )
    _refused(response, "paid_on")


def test_runs_are_listed_with_their_count_and_total_in_a_fixed_number_of_queries(
    northfield: Org, contributor: User, django_assert_max_num_queries
) -> None:
    engagement = contributor.engagements.get(opportunity__organisation=northfield.organisation)
    for index in range(5):
        run = PaymentRun.objects.create(
            organisation=northfield.organisation, reference=f"RUN-TEST-{index}"
        )
        PaymentFactory.create_batch(
            index, engagement=engagement, status=PaymentStatus.APPROVED, run=run
        )
    finance = northfield.client("finance")
    url = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/"

    with django_assert_max_num_queries(6):
        runs = finance.get(url).json()["results"]

    assert sorted((r["payment_count"], r["total"]) for r in runs) == [
        (n, f"{25 * n}.00") for n in range(5)
    ]


# One Idempotency-Key rule -------------------------------------------------------------------


def test_an_expense_claim_key_over_200_characters_is_refused_naming_the_header(
    northfield: Org, contributor: User
) -> None:
    body = {"organisation": northfield.organisation.pk, "items": [MILEAGE]}
    response = _as(contributor).post(
        "/api/v1/expense-claims/", body, format="json", HTTP_IDEMPOTENCY_KEY="k" * 201
    )

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["fields"]
    assert not ExpenseClaim.objects.exists()


def test_an_expense_claim_retried_with_its_key_is_the_same_claim_and_another_body_conflicts(
    northfield: Org, contributor: User
) -> None:
    client = _as(contributor)
    body = {"organisation": northfield.organisation.pk, "items": [MILEAGE]}

    first = client.post("/api/v1/expense-claims/", body, format="json", HTTP_IDEMPOTENCY_KEY="a")
    again = client.post("/api/v1/expense-claims/", body, format="json", HTTP_IDEMPOTENCY_KEY="a")
    other = client.post(
        "/api/v1/expense-claims/",
        {**body, "note": "Another claim"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="a",
    )

    assert first.status_code == 201 and again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert other.status_code == 409
    assert ExpenseClaim.objects.count() == 1


def test_a_payment_key_reused_for_another_body_conflicts(
    northfield: Org, contributor: User
) -> None:
    first = northfield.record(contributor, "20.00", date(2026, 11, 24), idempotency_key="b")
    other = northfield.record(contributor, "30.00", date(2026, 11, 24), idempotency_key="b")

    assert first.status_code == 201
    assert other.status_code == 409
    assert Payment.objects.count() == 1
