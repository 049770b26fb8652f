from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial

import pytest
import time_machine
from django.db import transaction

from accounts.models import User
from contributors.models import BenefitCircumstances
from outbox.models import OutboxMessage
from outbox.services import outbox_publish, outbox_publish_many
from payments.fees.services import payment_record
from payments.models import PaidPaymentError, Payment, PaymentPreference

from .conftest import Org

pytestmark = pytest.mark.django_db

Prefer = Callable[..., PaymentPreference]
MONDAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-25 10:00 +00:00", tick=False):
        yield


def _approve(org: Org, payment_id: int):
    return org.client("finance").post(f"/api/v1/payments/{payment_id}/approve/")


def test_pending_approved_paid_with_who_and_when_kept(northfield: Org, contributor: User) -> None:
    payment = northfield.record(contributor, "25.00", MONDAY).json()

    approved = _approve(northfield, payment["id"])
    paid = northfield.client("finance").post(
        f"/api/v1/payments/{payment['id']}/mark-paid/", {"paid_on": "2026-11-25"}, format="json"
    )

    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert paid.status_code == 200, paid.json()
    assert paid.json()["status"] == "paid"
    assert paid.json()["counts_on"] == "2026-11-25"
    history = Payment.objects.get(pk=payment["id"]).history.order_by("history_date")
    assert [h.status for h in history] == ["pending", "approved", "paid"]
    assert [h.history_user for h in history] == [
        northfield.coordinator.user,
        northfield.finance.user,
        northfield.finance.user,
    ]


def test_coordinators_record_but_cannot_approve_or_pay(northfield: Org, contributor: User) -> None:
    payment = northfield.record(contributor, "25.00", MONDAY).json()

    response = northfield.client().post(f"/api/v1/payments/{payment['id']}/approve/")

    assert response.status_code == 403
    assert Payment.objects.get(pk=payment["id"]).status == "pending"


def test_a_paid_payment_cannot_change(northfield: Org, contributor: User) -> None:
    payment = northfield.record(contributor, "25.00", MONDAY).json()
    _approve(northfield, payment["id"])
    finance = northfield.client("finance")
    finance.post(
        f"/api/v1/payments/{payment['id']}/mark-paid/", {"paid_on": "2026-11-25"}, format="json"
    )

    cancel = finance.post(
        f"/api/v1/payments/{payment['id']}/cancel/", {"reason": "oops"}, format="json"
    )
    move = northfield.client().post(
        f"/api/v1/payments/{payment['id']}/reschedule/", {"due_on": "2026-12-01"}, format="json"
    )

    assert cancel.status_code == move.status_code == 409
    stored = Payment.objects.get(pk=payment["id"])
    with pytest.raises(PaidPaymentError):
        stored.description = "changed"
        stored.save()


@pytest.mark.parametrize(
    ("paid_on", "status"), [("2026-11-20", 400), ("2026-12-25", 400), ("not-a-date", 400)]
)
def test_paid_date_before_the_fee_or_in_the_future_is_refused(
    northfield: Org, contributor: User, paid_on: str, status: int
) -> None:
    payment = northfield.record(contributor, "25.00", MONDAY).json()
    _approve(northfield, payment["id"])

    response = northfield.client("finance").post(
        f"/api/v1/payments/{payment['id']}/mark-paid/", {"paid_on": paid_on}, format="json"
    )

    assert response.status_code == status
    assert response.json()["fields"]["paid_on"]
    assert Payment.objects.get(pk=payment["id"]).status == "approved"


def test_cancelled_fees_stop_counting_towards_a_cap(
    northfield: Org, southdown: Org, contributor: User, prefer: Prefer
) -> None:
    prefer(contributor, choice="capped", cap_amount="20.00", cap_period="benefit_week")
    first = northfield.record(contributor, "20.00", MONDAY).json()
    northfield.client("finance").post(
        f"/api/v1/payments/{first['id']}/cancel/", {"reason": "Session cancelled"}, format="json"
    )

    second = southdown.record(contributor, "20.00", MONDAY).json()

    assert second["payable"] == "20.00"


def test_payment_run_exports_csv_without_benefit_data_and_marks_everything_paid(
    northfield: Org, contributor: User, prefer: Prefer
) -> None:
    BenefitCircumstances.objects.update_or_create(
        user=contributor, defaults={"receives_esa": True, "esa_permitted_work_limit": "lower"}
    )
    prefer(contributor, choice="full", method="voucher")
    ids = [
        northfield.record(contributor, amount, MONDAY).json()["id"] for amount in ("25.00", "12.50")
    ]
    for payment_id in ids:
        _approve(northfield, payment_id)
    finance = northfield.client("finance")
    runs = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/"

    run = finance.post(runs, {}, format="json")
    assert run.status_code == 201, run.json()
    assert run.json()["payment_count"] == 2
    assert run.json()["total"] == "37.50"
    export = finance.get(f"{runs}{run.json()['id']}/export.csv")
    paid = finance.post(
        f"{runs}{run.json()['id']}/mark-paid/", {"paid_on": "2026-11-25"}, format="json"
    )

    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert [r["amount"] for r in rows] == ["25.00", "12.50"]
    assert {r["method"] for r in rows} == {"voucher"}
    assert rows[0]["payee_name"] == contributor.full_name
    assert "esa" not in export.content.decode().lower()
    assert paid.status_code == 200 and paid.json()["status"] == "paid"
    assert set(Payment.objects.filter(pk__in=ids).values_list("status", "paid_on")) == {
        ("paid", date(2026, 11, 25))
    }
    assert (
        finance.post(
            f"{runs}{run.json()['id']}/mark-paid/", {"paid_on": "2026-11-25"}, format="json"
        ).status_code
        == 409
    )


def test_payment_runs_are_for_finance_only(northfield: Org, southdown: Org) -> None:
    runs = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/"

    assert northfield.client().get(runs).status_code == 403
    assert southdown.client("finance").get(runs).status_code == 404
    assert (
        northfield.client("finance").post(runs, {}, format="json").status_code == 400
    )  # nothing approved


def test_spreadsheet_formulas_in_names_are_neutralised(northfield: Org, contributor: User) -> None:
    contributor.full_name = '=HYPERLINK("http://evil")'
    contributor.save()
    payment = northfield.record(contributor, "10.00", MONDAY).json()
    _approve(northfield, payment["id"])
    finance = northfield.client("finance")
    runs = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/"
    run = finance.post(runs, {}, format="json").json()

    content = finance.get(f"{runs}{run['id']}/export.csv").content.decode()

    assert "'=HYPERLINK" in content


def test_every_money_change_enqueues_re_evaluation_on_commit(
    northfield: Org, contributor: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks() as recorded:
        payment = northfield.record(contributor, "25.00", MONDAY).json()
    with django_capture_on_commit_callbacks() as approved:
        _approve(northfield, payment["id"])

    for callbacks in (recorded, approved):
        # Each change publishes its outbox messages on commit: one re-evaluation of the
        # contributor (approving also tells them, by e-mail, in a message of its own).
        ids: list[int] = []
        for callback in callbacks:
            assert isinstance(callback, partial)
            assert callback.func in (outbox_publish, outbox_publish_many)
            ids += callback.keywords.get("message_ids") or [callback.keywords["message_id"]]
        evaluations = OutboxMessage.objects.filter(
            pk__in=ids, task_name="thresholds.evaluate_contributor"
        )
        assert [message.args for message in evaluations] == [[contributor.pk]]


def test_nothing_is_enqueued_when_the_change_rolls_back(
    northfield: Org, contributor: User, django_capture_on_commit_callbacks
) -> None:

    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        payment_record(
                by=northfield.coordinator, contributor=contributor, kind="fee",
                amount=Decimal("10.00"), description="x", due_on=MONDAY,
            )  # fmt: skip
        raise RuntimeError("the request failed after recording")

    assert callbacks == []
    assert not Payment.objects.exists()
