"""Notifications from payments: fees approved and payments paid (contributor), an expense claim
decided once every item is (contributor), and the daily digest for finance staff."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core import mail

from accounts.models import User
from notifications.models import Notification, NotificationPreference
from organisations.models import Role
from payments.enums import PaymentStatus
from payments.expenses.services import ItemInput, expense_claim_submit, expense_items_decide
from payments.fees.services import payment_approve, payment_mark_paid
from payments.models import ExpenseClaim
from payments.notices import finance_digests_send
from payments.runs.services import payment_run_create, payment_run_mark_paid
from payments.tasks import send_finance_digests
from tests.factories import MembershipFactory

from .conftest import Org
from .factories import PaymentFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def _mail_to(user: User) -> list[Any]:
    return [message for message in mail.outbox if message.to == [user.email]]


def _claim(org: Org, contributor: User, *descriptions: str) -> ExpenseClaim:
    return expense_claim_submit(
        contributor=contributor,
        organisation_id=org.organisation.pk,
        items=[
            ItemInput(
                category="mileage",
                description=description,
                spent_on=TODAY - dt.timedelta(days=2),
                miles=Decimal("10"),
            )
            for description in descriptions
        ],
        receipts={},
    )


@time_machine.travel(NOW, tick=False)
def test_approving_a_fee_tells_the_contributor_once(
    northfield: Org, contributor: User, django_capture_on_commit_callbacks: Any
) -> None:
    northfield.organisation.contact_email = "money@northfield.example.org"
    northfield.organisation.save()
    fee = PaymentFactory.create(
        engagement__application__opportunity__organisation=northfield.organisation,
        engagement__application__contributor=contributor,
        description="Advisory group, 24 November",
        due_on=TODAY,
    )

    with django_capture_on_commit_callbacks(execute=True):
        payment_approve(by=northfield.finance, payment=fee)
    with django_capture_on_commit_callbacks(execute=True):
        payment_approve(by=northfield.finance, payment=fee)  # already approved: nothing new

    note = Notification.objects.get(user=contributor)
    assert note.kind == "fee_approved"
    assert note.title == "A fee of £25.00 has been approved"
    assert "Advisory group, 24 November" in note.body
    assert note.link == "/me/earnings"
    [message] = _mail_to(contributor)
    assert message.reply_to == ["money@northfield.example.org"]
    assert "Northfield via Coproduce" in message.from_email


@time_machine.travel(NOW, tick=False)
def test_marking_a_payment_paid_tells_the_contributor_unless_they_muted_it(
    northfield: Org, contributor: User, django_capture_on_commit_callbacks: Any
) -> None:
    NotificationPreference.objects.create(user=contributor, email_muted_kinds=["fee_paid"])
    fee = PaymentFactory.create(
        engagement__application__opportunity__organisation=northfield.organisation,
        engagement__application__contributor=contributor,
        status=PaymentStatus.APPROVED,
        due_on=TODAY,
    )

    with django_capture_on_commit_callbacks(execute=True):
        payment_mark_paid(by=northfield.finance, payment=fee, paid_on=TODAY)

    note = Notification.objects.get(user=contributor, kind="fee_paid")
    assert note.title == "Northfield has paid you £25.00"
    assert "was paid on 25 November 2026 (bank transfer)" in note.body
    assert _mail_to(contributor) == []


@time_machine.travel(NOW, tick=False)
def test_a_run_marked_paid_tells_each_contributor_about_each_payment(
    northfield: Org, contributor: User, django_capture_on_commit_callbacks: Any
) -> None:
    for _ in range(2):
        PaymentFactory.create(
            engagement__application__opportunity__organisation=northfield.organisation,
            engagement__application__contributor=contributor,
            status=PaymentStatus.APPROVED,
            due_on=TODAY,
        )
    run = payment_run_create(by=northfield.finance)

    with django_capture_on_commit_callbacks(execute=True):
        payment_run_mark_paid(by=northfield.finance, run=run, paid_on=TODAY)

    assert Notification.objects.filter(user=contributor, kind="fee_paid").count() == 2
    assert len(_mail_to(contributor)) == 2


@time_machine.travel(NOW, tick=False)
def test_a_claim_is_told_about_once_after_its_last_item_is_decided(
    northfield: Org, contributor: User, django_capture_on_commit_callbacks: Any
) -> None:
    claim = _claim(northfield, contributor, "Drove to the panel", "Drove to the workshop")
    first, second = claim.items.order_by("id")

    with django_capture_on_commit_callbacks(execute=True):
        expense_items_decide(by=northfield.finance, claim=claim, approve=True, item_ids=[first.pk])
    assert not Notification.objects.filter(user=contributor).exists()

    with django_capture_on_commit_callbacks(execute=True):
        expense_items_decide(
            by=northfield.finance,
            claim=claim,
            approve=False,
            item_ids=[second.pk],
            reason="The workshop was online",
        )

    note = Notification.objects.get(user=contributor)
    assert note.kind == "expense_claim_decided"
    assert note.title == "Part of your expense claim has been approved: £4.50"
    assert "Drove to the panel (£4.50): approved" in note.body
    assert "Drove to the workshop (£4.50): not approved. The reason: The workshop was online" in (
        note.body
    )
    assert note.link == "/me/expenses"
    assert len(_mail_to(contributor)) == 1


@time_machine.travel(NOW, tick=False)
def test_the_digest_tells_each_finance_member_once_a_day_what_waits(
    northfield: Org, southdown: Org, contributor: User, django_capture_on_commit_callbacks: Any
) -> None:
    owner = MembershipFactory.create(organisation=northfield.organisation, role=Role.OWNER)
    _claim(northfield, contributor, "Drove to the panel", "Drove to the workshop")  # one claim
    for status in (PaymentStatus.PENDING, PaymentStatus.PENDING, PaymentStatus.APPROVED):
        PaymentFactory.create(
            engagement__application__opportunity__organisation=northfield.organisation,
            engagement__application__contributor=contributor,
            status=status,
        )

    with django_capture_on_commit_callbacks(execute=True):
        assert send_finance_digests() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send_finance_digests() == 0  # the same day: nothing new

    digests = Notification.objects.filter(kind="finance_digest")
    assert {n.user_id for n in digests} == {northfield.finance.user_id, owner.user_id}
    note = digests.first()
    assert note is not None
    assert "1 expense claim waiting for a decision (1 sent in since yesterday)." in note.body
    assert "2 fees waiting for approval." in note.body
    assert "1 approved payment not yet in a payment run." in note.body
    assert contributor.full_name not in note.body
    assert note.link == f"/organisations/{northfield.organisation.pk}/payments"
    assert len(_mail_to(northfield.finance.user)) == 1
    assert _mail_to(northfield.coordinator.user) == []
    assert _mail_to(southdown.finance.user) == []

    tomorrow = TODAY + dt.timedelta(days=1)
    assert finance_digests_send(on=tomorrow) == 2  # a new day: a new digest


def test_no_digest_when_nothing_waits(northfield: Org, contributor: User) -> None:
    PaymentFactory.create(
        engagement__application__opportunity__organisation=northfield.organisation,
        engagement__application__contributor=contributor,
        status=PaymentStatus.CANCELLED,
    )

    assert finance_digests_send(on=TODAY) == 0
    assert not Notification.objects.exists()
