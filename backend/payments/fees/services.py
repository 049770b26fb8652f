"""Fees and expenses as payments: recording one (the contributor's choice applied), the fee a
logged attendance earns, and the lifecycle (approve, cancel, mark paid, move the due date)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import ApplicationError, Conflict, NotFound
from coproduce.money import ZERO
from opportunities.engagements.services import attendance_log
from opportunities.models import Attendance, Engagement, Session
from organisations.models import Membership, Organisation
from organisations.permissions import COORDINATOR_ROLES, FINANCE_ROLES, require_role

from ..choice import decide_fee
from ..events import contributor_money_changed
from ..expenses.services import EXPENSE_REASON
from ..idempotency import once_per_key, replayed
from ..landing import (
    audited,
    check_paid_on,
    land,
    lock_contributor,
    lock_contributor_with_choice,
    mark_paid,
    raise_if_held,
    room_on,
)
from ..ledger import calendar_of
from ..models import Payment, PaymentChoice, PaymentKind, PaymentStatus
from ..notices import fees_approved_notify, payments_paid_notify
from ..preferences.selectors import choice_spec_of

RECORD_ROLES = COORDINATOR_ROLES | FINANCE_ROLES


@dataclass(frozen=True)
class RecordResult:
    payment: Payment
    replayed: bool


def _check_engagement(
    organisation: Organisation, contributor: User, engagement: Engagement | None
) -> None:
    if engagement is not None:
        if (
            engagement.opportunity.organisation_id != organisation.pk
            or engagement.contributor_id != contributor.pk
        ):
            raise ApplicationError(
                "That engagement is not this contributor's work with your organisation.",
                fields={
                    "engagement": [
                        "Choose an engagement of this contributor with your organisation."
                    ]
                },
            )
        return
    if not Engagement.objects.filter(
        contributor=contributor, opportunity__organisation=organisation
    ).exists():
        raise ApplicationError(
            "This person has not worked with your organisation.",
            fields={"contributor": ["This person is not engaged with your organisation."]},
        )


def _replay(organisation: Organisation, key: str, fingerprint: str) -> RecordResult | None:
    existing = replayed(
        Payment.objects.filter(organisation=organisation), key=key, request_fingerprint=fingerprint
    )
    return None if existing is None else RecordResult(existing, replayed=True)


def payment_record(
    *,
    by: Membership,
    contributor: User,
    kind: str,
    amount: Decimal,
    description: str,
    due_on: date,
    method: str | None = None,
    engagement: Engagement | None = None,
    attendance: Attendance | None = None,
    idempotency_key: str | None = None,
    fingerprint: str = "",
    hours: Decimal | None = None,
    time_based: bool = True,
) -> RecordResult:
    """Record a fee or a receipted expense for a contributor. A fee has the contributor's
    choice applied; what is payable, waived and why is stored with the choice as it was."""
    require_role(by, RECORD_ROLES, action="record payments")
    organisation = by.organisation
    if not contributor.is_contributor:
        raise ApplicationError(
            "Payments are for contributors.",
            fields={"contributor": ["Choose a contributor account."]},
        )
    return once_per_key(
        key=idempotency_key,
        replay=lambda key: _replay(organisation, key, fingerprint),
        record=lambda: RecordResult(
            _record_locked(
                by=by.user,
                organisation=organisation,
                contributor=contributor,
                kind=kind,
                amount=amount,
                description=description,
                due_on=due_on,
                method=method,
                engagement=engagement,
                attendance=attendance,
                idempotency_key=idempotency_key,
                fingerprint=fingerprint,
                hours=hours,
                time_based=time_based,
            ),
            replayed=False,
        ),
    )


def _record_locked(
    *,
    by: User,
    organisation: Organisation,
    contributor: User,
    kind: str,
    amount: Decimal,
    description: str,
    due_on: date,
    method: str | None,
    engagement: Engagement | None,
    attendance: Attendance | None,
    idempotency_key: str | None,
    fingerprint: str,
    hours: Decimal | None,
    time_based: bool,
) -> Payment:
    _check_engagement(organisation, contributor, engagement)
    # One query: the lock, the contributor's preference and their calendar.
    locked = lock_contributor_with_choice(contributor.pk)
    spec = choice_spec_of(contributor=locked, engagement_id=engagement.pk if engagement else None)
    calendar = calendar_of(getattr(locked, "benefit_circumstances", None))
    payment = Payment(
        organisation=organisation,
        contributor=contributor,
        engagement=engagement,
        attendance=attendance,
        kind=kind,
        description=description,
        offered=amount,
        due_on=due_on,
        counts_on=due_on,
        method=method or spec.method,
        idempotency_key=idempotency_key or None,
        request_fingerprint=fingerprint,
        created_by=by,
    )
    if kind == PaymentKind.FEE:
        cap_used, label = ZERO, ""
        if spec.choice == PaymentChoice.CAPPED and spec.cap_amount is not None:
            room, _ = room_on(payment, due_on, spec, others=False, calendar=calendar)
            cap_used = spec.cap_amount - (room if room is not None else spec.cap_amount)
            period = calendar.period(spec.cap_period, due_on)
            # Organisations read the reason: name the days, never the benefit they belong to.
            label = f"{period.start:%-d %B %Y} to {period.end:%-d %B %Y}"
        decision = decide_fee(offered=amount, spec=spec, cap_used=cap_used, cap_period_label=label)
        payment.payable = decision.payable
        payment.waived = decision.waived
        payment.choice = spec.choice
        payment.choice_snapshot = spec.as_snapshot()
        payment.choice_reason = decision.reason
        payment.donated_to = decision.donated_to
        payment.hours = hours
        payment.time_based = time_based
    else:
        payment.payable = amount
        payment.waived = ZERO
        payment.choice_reason = EXPENSE_REASON
    land(payment, by=by, redecide=False)
    return payment


# Lifecycle -----------------------------------------------------------------------------------


def _locked_payment(by: Membership, payment: Payment) -> Payment:
    if payment.organisation_id != by.organisation_id:
        raise NotFound("There is no payment with that id in this organisation.")
    lock_contributor(payment.contributor_id)
    return Payment.objects.select_for_update().get(pk=payment.pk)


def _refuse_if_final(payment: Payment, action: str) -> None:
    if payment.status == PaymentStatus.PAID:
        raise Conflict(
            f"This payment has been paid, so it cannot be {action}. Record a correction instead."
        )
    if payment.status == PaymentStatus.CANCELLED:
        raise Conflict(f"This payment was cancelled, so it cannot be {action}.")


@transaction.atomic
def payment_approve(*, by: Membership, payment: Payment) -> Payment:
    require_role(by, FINANCE_ROLES, action="approve payments")
    payment = _locked_payment(by, payment)
    if payment.status == PaymentStatus.APPROVED:
        return payment
    _refuse_if_final(payment, "approved")
    payment.status = PaymentStatus.APPROVED
    payment.approved_by = by.user
    payment.approved_at = timezone.now()
    raise_if_held(land(payment, by=by.user, redecide=False))
    fees_approved_notify(payments=[payment])
    return payment


@transaction.atomic
def payment_cancel(*, by: Membership, payment: Payment, reason: str) -> Payment:
    require_role(by, FINANCE_ROLES, action="cancel payments")
    payment = _locked_payment(by, payment)
    if payment.status == PaymentStatus.CANCELLED:
        return payment
    _refuse_if_final(payment, "cancelled")
    if payment.run_id is not None:
        raise Conflict("This payment is in a payment run. Take it out of the run first.")
    payment.status = PaymentStatus.CANCELLED
    payment.cancelled_by = by.user
    payment.cancelled_at = timezone.now()
    payment.cancel_reason = reason
    audited(payment, by.user)
    payment.save()
    contributor_money_changed(payment.contributor_id)
    return payment


@transaction.atomic
def payment_mark_paid(*, by: Membership, payment: Payment, paid_on: date) -> Payment:
    """Mark an approved payment paid on ``paid_on``. It keeps what it earned: if that would
    pass a cap in the period it lands in, nothing changes and the answer says when it fits."""
    require_role(by, FINANCE_ROLES, action="mark payments as paid")
    payment = _locked_payment(by, payment)
    _refuse_if_final(payment, "marked as paid again")
    if payment.status != PaymentStatus.APPROVED:
        raise Conflict("Approve this payment before marking it as paid.")
    check_paid_on(payment, paid_on)
    raise_if_held(mark_paid(payment, by=by.user, paid_on=paid_on))
    payments_paid_notify(payments=[payment])
    return payment


@transaction.atomic
def payment_reschedule(*, by: Membership, payment: Payment, due_on: date) -> Payment:
    """Move an unpaid payment's due date. A capped fee is decided again in its new period, so
    the move can never take the contributor past their cap there."""
    require_role(by, RECORD_ROLES, action="change payment dates")
    payment = _locked_payment(by, payment)
    _refuse_if_final(payment, "moved")
    payment.due_on = due_on
    payment.counts_on = payment.planned_on or due_on
    raise_if_held(
        land(
            payment,
            by=by.user,
            redecide=payment.planned_on is None,
            reason_prefix=f"Due date moved to {due_on:%-d %B %Y}. ",
        )
    )
    return payment


@transaction.atomic
def attendance_record(
    *,
    by: Membership,
    engagement: Engagement,
    date: date,
    hours: Decimal,
    session: Session | None = None,
) -> Attendance:
    """Log the hours a contributor gave and record the fee they earn under the role's pay
    offer, with their payment choice applied, in one transaction (the engagement stays locked
    from the attendance to the fee)."""
    attendance = attendance_log(
        by=by, engagement=engagement, date=date, hours=hours, session=session
    )
    if attendance.offered_amount > ZERO:
        opportunity = attendance.engagement.opportunity
        payment_record(
            by=by,
            contributor=attendance.engagement.contributor,
            kind=PaymentKind.FEE,
            amount=attendance.offered_amount,
            description=f"{opportunity.title}: {hours:g} hours on {date:%d %B %Y}",
            due_on=date,
            engagement=attendance.engagement,
            attendance=attendance,
            hours=hours,
        )
    return attendance
