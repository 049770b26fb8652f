"""Money: recording fees and expenses, the payment lifecycle and payment runs.

Every decision that depends on what a contributor has already been paid takes a row lock on
the contributor first, so fees recorded at the same moment by different organisations are
decided one after another and never pass a cap together.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import ApplicationError, Conflict, ErrorCode, NotFound
from coproduce.money import ZERO
from organisations.models import Membership, Organisation
from organisations.permissions import COORDINATOR_ROLES, FINANCE_ROLES, require_role
from periods import PeriodKind, uk_today

from .choice import ChoiceSpec, decide_fee
from .events import contributor_money_changed
from .expenses import EXPENSE_REASON
from .ledger import calendar_for, counted_total, payment_counts
from .models import (
    EngagementPaymentChoice,
    FinanceSettings,
    Payment,
    PaymentChoice,
    PaymentKind,
    PaymentPreference,
    PaymentRun,
    PaymentStatus,
    RunStatus,
)
from .reasons import organisation_reason
from .selectors import choice_spec_for

RECORD_ROLES = COORDINATOR_ROLES | FINANCE_ROLES


def _lock_contributor(contributor: User) -> User:
    """Serialise every money decision about one contributor (their ledger's lock)."""
    return User.objects.select_for_update().get(pk=contributor.pk)


def _audited(instance: Any, by: User | None) -> None:
    instance._history_user = by


# Choices -------------------------------------------------------------------------------------


def _validate_choice(contributor: User, data: dict[str, Any]) -> dict[str, Any]:
    choice = data.get("choice")
    fields: dict[str, list[str]] = {}
    clean: dict[str, Any] = {
        "choice": choice,
        "reduced_amount": None,
        "cap_amount": None,
        "cap_period": "",
        "charity_name": "",
        "method": data.get("method") or "bank_transfer",
    }
    if choice == PaymentChoice.REDUCED:
        if data.get("reduced_amount") is None:
            fields["reduced_amount"] = ["Enter the most you want to be paid for each fee."]
        clean["reduced_amount"] = data.get("reduced_amount")
    elif choice == PaymentChoice.CAPPED:
        if data.get("cap_amount") is None:
            fields["cap_amount"] = ["Enter the most you want to be paid in each period."]
        if not data.get("cap_period"):
            fields["cap_period"] = ["Choose the period your cap covers."]
        clean["cap_amount"] = data.get("cap_amount")
        clean["cap_period"] = data.get("cap_period") or ""
        if (
            clean["cap_period"] == PeriodKind.UC_ASSESSMENT_PERIOD
            and calendar_for(contributor_id=contributor.pk).uc_start_day is None
        ):
            fields["cap_period"] = [
                "Tell us the day your Universal Credit assessment period starts (in Your "
                "benefits) before you cap by assessment period."
            ]
    elif choice == PaymentChoice.DONATE:
        name = (data.get("charity_name") or "").strip()
        if not name:
            fields["charity_name"] = ["Enter the name of the charity to give your fee to."]
        clean["charity_name"] = name
    if fields:
        raise ApplicationError("Some of the information is not right.", fields=fields)
    return clean


@transaction.atomic
def preference_set(*, contributor: User, data: dict[str, Any]) -> PaymentPreference:
    """Set the contributor's default choice. Payments already recorded keep the choice they
    were recorded with."""
    if not contributor.is_contributor:
        raise ApplicationError("Only contributor accounts have a payment preference.")
    clean = _validate_choice(contributor, data)
    preference = PaymentPreference.objects.select_for_update().filter(
        contributor=contributor
    ).first() or PaymentPreference(contributor=contributor)
    for field, value in clean.items():
        setattr(preference, field, value)
    _audited(preference, contributor)
    preference.save()
    contributor_money_changed(contributor.pk)  # forecasts depend on the choice
    return preference


@transaction.atomic
def engagement_choice_set(
    *, contributor: User, engagement: Any, data: dict[str, Any] | None
) -> EngagementPaymentChoice | None:
    """Override the default choice for one engagement, or remove the override (data=None)."""
    if engagement.contributor_id != contributor.pk:
        raise NotFound("There is no engagement with that id that you can see.")
    existing = (
        EngagementPaymentChoice.objects.select_for_update().filter(engagement=engagement).first()
    )
    if data is None:
        if existing is not None:
            _audited(existing, contributor)
            existing.delete()
        contributor_money_changed(contributor.pk)
        return None
    clean = _validate_choice(contributor, data)
    override = existing or EngagementPaymentChoice(engagement=engagement)
    for field, value in clean.items():
        setattr(override, field, value)
    _audited(override, contributor)
    override.save()
    contributor_money_changed(contributor.pk)
    return override


# Recording -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordResult:
    payment: Payment
    replayed: bool


def _check_engagement(organisation: Organisation, contributor: User, engagement: Any) -> None:
    from opportunities.models import Engagement

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
    existing = Payment.objects.filter(organisation=organisation, idempotency_key=key).first()
    if existing is None:
        return None
    if existing.request_fingerprint != fingerprint:
        raise Conflict(
            "This Idempotency-Key was already used for a different request.",
            code=ErrorCode.CONFLICT,
        )
    return RecordResult(existing, replayed=True)


# The one door: every change to the day money counts goes through here -----------------------


@dataclass(frozen=True)
class CapLimit:
    """A cap that money landing on a day must keep within: a capped fee's own cap period."""

    start: date
    end: date
    amount: Decimal


def _cap_limits(
    payment: Payment, day: date, spec: ChoiceSpec | None = None, *, others: bool = True
) -> list[CapLimit]:
    """Every cap that money counting on ``day`` falls under: the fee's own cap (if capped) and
    (``others``) the cap of every other capped fee already counting in the same cap period:
    moving money into a period must keep the promise made to the fees already there. A new
    fee is decided by the contributor's choice as it is now (its own cap only)."""
    calendar = calendar_for(contributor_id=payment.contributor_id)
    limits: set[CapLimit] = set()
    own = spec or _spec_of(payment)
    if own is not None and own.cap_amount is not None and own.cap_period:
        period = calendar.period(own.cap_period, day)
        limits.add(CapLimit(period.start, period.end, own.cap_amount))
    if not others:
        return sorted(limits, key=lambda c: (c.start, c.end, c.amount))
    rows = (
        Payment.objects.filter(
            contributor_id=payment.contributor_id,
            kind=PaymentKind.FEE,
            choice=PaymentChoice.CAPPED,
            status__in=(PaymentStatus.PENDING, PaymentStatus.APPROVED, PaymentStatus.PAID),
            payable__gt=0,
            counts_on__gte=day - timedelta(days=366),
            counts_on__lte=day + timedelta(days=366),
        )
        .exclude(pk=payment.pk)
        .values_list("counts_on", "choice_snapshot")
    )
    for counts_on, snapshot in rows:
        if not snapshot.get("cap_amount") or not snapshot.get("cap_period"):
            continue
        period = calendar.period(snapshot["cap_period"], counts_on)
        if period.contains(day):
            limits.add(CapLimit(period.start, period.end, Decimal(snapshot["cap_amount"])))
    return sorted(limits, key=lambda c: (c.start, c.end, c.amount))


def _spec_of(payment: Payment) -> ChoiceSpec | None:
    if payment.choice != PaymentChoice.CAPPED:
        return None
    snapshot = payment.choice_snapshot
    return ChoiceSpec(
        choice=PaymentChoice.CAPPED,
        cap_amount=Decimal(snapshot["cap_amount"]),
        cap_period=snapshot["cap_period"],
        method=payment.method,
    )


def _room(
    payment: Payment, day: date, spec: ChoiceSpec | None = None, *, others: bool = True
) -> tuple[Decimal | None, list[CapLimit]]:
    """How much more can count on ``day`` without passing any cap (None: no cap applies), not
    counting ``payment`` itself wherever it is now; and the caps that leave the least room."""
    room: Decimal | None = None
    tightest: list[CapLimit] = []
    for cap in _cap_limits(payment, day, spec, others=others):
        used = counted_total(
            contributor_id=payment.contributor_id,
            start=cap.start,
            end=cap.end,
            exclude_payment_id=payment.pk,
        )
        left = max(ZERO, cap.amount - used)
        if room is None or left < room:
            room, tightest = left, [cap]
        elif left == room:
            tightest.append(cap)
    return room, tightest


def _fits(payment: Payment, day: date) -> tuple[bool, list[CapLimit]]:
    if not payment_counts(payment) or payment.payable == ZERO:
        return True, []
    room, caps = _room(payment, day)
    if room is None or payment.payable <= room:
        return True, []
    return False, [c for c in _cap_limits(payment, day) if c in caps] or caps


def fits_from(payment: Payment, day: date, *, horizon: int = 60) -> date | None:
    """The earliest day from ``day`` on which the payment, as it is, keeps within every cap."""
    for _ in range(horizon):
        fits, blocking = _fits(payment, day)
        if fits:
            return day
        day = max(c.end for c in blocking) + timedelta(days=1)
    return None


def _day(day: date) -> str:
    return f"{day:%-d %B}" if day.year == uk_today().year else f"{day:%-d %B %Y}"


@dataclass(frozen=True)
class Hold:
    """A fee that cannot land on a day: the day it fits from, in words and as data."""

    payment_id: int
    lands_on: date
    fits_from: date | None

    @property
    def message(self) -> str:
        # Organisation staff read this: no benefit, no cap amount, no other organisation.
        lead = (
            f"Paying this on {_day(self.lands_on)} would take this person past their cap for "
            "that period."
        )
        if self.fits_from is None:
            return f"{lead} It does not fit in the next few periods; talk to the person first."
        return f"{lead} It fits from {_day(self.fits_from)}."

    def as_data(self) -> dict[str, Any]:
        return {
            "payment_id": self.payment_id,
            "lands_on": self.lands_on.isoformat(),
            "fits_from": self.fits_from.isoformat() if self.fits_from else None,
            "message": self.message,
        }


class CapHeld(ApplicationError):
    """Money would pass a cap on the day it lands: nothing was changed."""

    status_code = 409

    def __init__(self, holds: list[Hold]) -> None:
        if len(holds) == 1:
            message = holds[0].message
        else:
            message = (
                f"{len(holds)} payments would take people past their cap on that day, so "
                "nothing was marked. Move them to a later run or pay date: "
                + " ".join(f"Payment {h.payment_id}: {h.message}" for h in holds)
            )
        super().__init__(message, code=ErrorCode.CAP_HELD)
        # Machine-readable: each held fee with the day it fits from (ISO dates).
        self.fields = {"held": [h.as_data() for h in holds]}
        self.holds = holds


def payment_hold_check(payment: Payment, day: date) -> Hold | None:
    """Would the payment, unchanged, break a cap if it counted on ``day``?"""
    fits, _ = _fits(payment, day)
    if fits:
        return None
    return Hold(payment.pk, day, fits_from(payment, day))


def _land(payment: Payment, *, by: User, redecide: bool, reason_prefix: str = "") -> Hold | None:
    """Money lands on ``payment.counts_on`` (already set from paid, planned and due dates).
    A capped fee that is decided again (recording, a new due date) gets what fits there; any
    other fee keeps what it earned and is held if it does not fit. Saves unless held."""
    day = payment.counts_on
    if payment.kind == PaymentKind.FEE and redecide:
        spec = _spec_of(payment) if payment.pk else None
        if spec is not None:
            room, _ = _room(payment, day, spec)
            used = spec.cap_amount - (room if room is not None else spec.cap_amount)  # type: ignore[operator]
            decision = decide_fee(offered=payment.offered, spec=spec, cap_used=used)
            payment.payable, payment.waived = decision.payable, decision.waived
            payment.choice_reason = f"{reason_prefix}{decision.reason}"
    hold = payment_hold_check(payment, day) if payment.pk else None
    if hold is not None:
        return hold
    _audited(payment, by)
    payment.save()
    contributor_money_changed(payment.contributor_id)
    return None


def payment_record(
    *,
    by: Membership,
    contributor: User,
    kind: str,
    amount: Decimal,
    description: str,
    due_on: date,
    method: str | None = None,
    engagement: Any = None,
    attendance: Any = None,
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
    if idempotency_key:
        replay = _replay(organisation, idempotency_key, fingerprint)
        if replay is not None:
            return replay
    try:
        with transaction.atomic():
            payment = _record_locked(
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
            )
    except IntegrityError:
        # Two requests with one key raced: the other one won; answer as it did.
        if idempotency_key:
            replay = _replay(organisation, idempotency_key, fingerprint)
            if replay is not None:
                return replay
        raise
    return RecordResult(payment, replayed=False)


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
    engagement: Any,
    attendance: Any,
    idempotency_key: str | None,
    fingerprint: str,
    hours: Decimal | None,
    time_based: bool,
) -> Payment:
    _check_engagement(organisation, contributor, engagement)
    _lock_contributor(contributor)
    spec = choice_spec_for(
        contributor=contributor, engagement_id=engagement.pk if engagement else None
    )
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
            room, _ = _room(payment, due_on, spec, others=False)
            cap_used = spec.cap_amount - (room if room is not None else spec.cap_amount)
            period = calendar_for(contributor_id=contributor.pk).period(spec.cap_period, due_on)
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
    _land(payment, by=by, redecide=False)
    return payment


# Lifecycle -----------------------------------------------------------------------------------


def _locked_payment(by: Membership, payment: Payment) -> Payment:
    if payment.organisation_id != by.organisation_id:
        raise NotFound("There is no payment with that id in this organisation.")
    _lock_contributor(payment.contributor)
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
    _raise_if_held(_land(payment, by=by.user, redecide=False))
    return payment


def _raise_if_held(*holds: Hold | None) -> None:
    found = [hold for hold in holds if hold is not None]
    if found:
        raise CapHeld(found)


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
    _audited(payment, by.user)
    payment.save()
    contributor_money_changed(payment.contributor_id)
    return payment


def _check_paid_on(payment: Payment, paid_on: date) -> None:
    """A payment cannot be paid before the fee existed: before both its due date and the day
    it was recorded (recording an old payment that was paid on time is fine)."""
    earliest = min(payment.due_on, timezone.localdate(payment.created_at))
    if paid_on < earliest:
        raise ApplicationError(
            "The paid date is before the fee.",
            fields={"paid_on": [f"Enter a date on or after {earliest:%d %B %Y}."]},
        )
    if paid_on > uk_today():
        raise ApplicationError(
            "The paid date is in the future.",
            fields={"paid_on": ["Enter today's date or a date in the past."]},
        )


def _mark_paid(payment: Payment, *, by: User, paid_on: date) -> Hold | None:
    payment.status = PaymentStatus.PAID
    payment.paid_on = paid_on
    payment.counts_on = paid_on
    payment.paid_by = by
    return _land(payment, by=by, redecide=False)


@transaction.atomic
def payment_mark_paid(*, by: Membership, payment: Payment, paid_on: date) -> Payment:
    """Mark an approved payment paid on ``paid_on``. It keeps what it earned: if that would
    pass a cap in the period it lands in, nothing changes and the answer says when it fits."""
    require_role(by, FINANCE_ROLES, action="mark payments as paid")
    payment = _locked_payment(by, payment)
    _refuse_if_final(payment, "marked as paid again")
    if payment.status != PaymentStatus.APPROVED:
        raise Conflict("Approve this payment before marking it as paid.")
    _check_paid_on(payment, paid_on)
    _raise_if_held(_mark_paid(payment, by=by.user, paid_on=paid_on))
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
    _raise_if_held(
        _land(
            payment,
            by=by.user,
            redecide=payment.planned_on is None,
            reason_prefix=f"Due date moved to {due_on:%-d %B %Y}. ",
        )
    )
    return payment


# Settings ------------------------------------------------------------------------------------


@transaction.atomic
def finance_settings_set(*, by: Membership, data: dict[str, Any]) -> FinanceSettings:
    require_role(by, FINANCE_ROLES, action="change finance settings")
    settings, _ = FinanceSettings.objects.select_for_update().get_or_create(
        organisation_id=by.organisation_id
    )
    for field, value in data.items():
        setattr(settings, field, value)
    _audited(settings, by.user)
    settings.save()
    return settings


# Payment runs --------------------------------------------------------------------------------


def _run_reference(organisation: Organisation) -> str:
    return (
        f"RUN-{organisation.slug[:12].upper()}-{uk_today():%Y%m%d}-{secrets.token_hex(3).upper()}"
    )


@transaction.atomic
def payment_run_create(
    *, by: Membership, payment_ids: list[int] | None = None, pay_on: date | None = None
) -> PaymentRun:
    """Batch approved payments that are not in a run yet (all of them, or those named),
    optionally with the day finance plans to pay them (they then count on that day)."""
    require_role(by, FINANCE_ROLES, action="create payment runs")
    candidates = Payment.objects.select_for_update().filter(
        organisation_id=by.organisation_id, status=PaymentStatus.APPROVED, run__isnull=True
    )
    if payment_ids is not None:
        chosen = list(candidates.filter(pk__in=payment_ids))
        missing = set(payment_ids) - {p.pk for p in chosen}
        if missing:
            raise ApplicationError(
                "Some payments cannot go in a run.",
                fields={
                    "payments": [
                        f"Payment {pk} is not an approved payment outside a run."
                        for pk in sorted(missing)
                    ]
                },
            )
    else:
        chosen = list(candidates)
    if not chosen:
        raise ApplicationError(
            "There are no approved payments to put in a run.",
            fields={"payments": ["Approve some payments first."]},
        )
    run = PaymentRun(
        organisation_id=by.organisation_id,
        reference=_run_reference(by.organisation),
        created_by=by.user,
    )
    _audited(run, by.user)
    run.save()
    for payment in chosen:
        payment.run = run
        _audited(payment, by.user)
        payment.save(update_fields=["run", "updated_at"])
    if pay_on is not None:
        _run_plan(run, by=by.user, pay_on=pay_on)
    return run


def _lock_contributors(contributor_ids: set[int]) -> None:
    for contributor_id in sorted(contributor_ids):  # in id order: no deadlocks between runs
        User.objects.select_for_update().get(pk=contributor_id)


def _run_plan(run: PaymentRun, *, by: User, pay_on: date) -> None:
    if pay_on < uk_today():
        raise ApplicationError(
            "The pay date is in the past.",
            fields={"pay_on": ["Enter today's date or a date in the future."]},
        )
    payments = list(run.payments.order_by("contributor_id", "id"))
    _lock_contributors({p.contributor_id for p in payments})
    holds: list[Hold | None] = []
    for payment in payments:
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        payment.planned_on = pay_on
        payment.counts_on = pay_on
        holds.append(_land(payment, by=by, redecide=False))
    _raise_if_held(*holds)
    run.pay_on = pay_on
    _audited(run, by)
    run.save(update_fields=["pay_on"])
    from .events import payments_planned

    payments_planned([p.pk for p in payments])


@transaction.atomic
def payment_run_schedule(*, by: Membership, run: PaymentRun, pay_on: date) -> PaymentRun:
    """Give an open run the day finance plans to pay it. Its payments count on that day from
    now on; a fee that would pass a cap there is named with the day it fits from."""
    require_role(by, FINANCE_ROLES, action="plan payment runs")
    run = PaymentRun.objects.select_for_update().get(pk=run.pk, organisation_id=by.organisation_id)
    if run.status == RunStatus.PAID:
        raise Conflict("This payment run has already been paid.")
    _run_plan(run, by=by.user, pay_on=pay_on)
    return run


CSV_COLUMNS = [
    "payment_id",
    "contributor_reference",
    "payee_name",
    "amount",
    "method",
    "kind",
    "description",
    "due_on",
    "reason",
]


def contributor_reference(contributor_id: int) -> str:
    return f"C{contributor_id:06d}"


@transaction.atomic
def payment_run_export(*, by: Membership, run: PaymentRun) -> str:
    """The run as CSV for the finance system. Never carries benefit details."""
    require_role(by, FINANCE_ROLES, action="export payment runs")
    run = PaymentRun.objects.select_for_update().get(pk=run.pk, organisation_id=by.organisation_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for payment in run.payments.select_related("contributor").order_by("contributor_id", "id"):
        if payment.payable == ZERO:
            continue  # waived in full: nothing to pay
        payee = payment.contributor.full_name
        if payment.donated_to:
            payee = f"{payment.donated_to} (donation on behalf of {payment.contributor.full_name})"
        writer.writerow(
            [
                payment.pk,
                contributor_reference(payment.contributor_id),
                _csv_safe(payee),
                f"{payment.payable:.2f}",
                payment.method,
                payment.kind,
                _csv_safe(payment.description),
                payment.due_on.isoformat(),
                organisation_reason(payment),
            ]
        )
    if run.exported_at is None:
        run.exported_at = timezone.now()
        _audited(run, by.user)
        run.save(update_fields=["exported_at"])
    return buffer.getvalue()


def _csv_safe(text: str) -> str:
    """Stop spreadsheet formula injection from names and descriptions."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@transaction.atomic
def payment_run_mark_paid(*, by: Membership, run: PaymentRun, paid_on: date) -> PaymentRun:
    require_role(by, FINANCE_ROLES, action="mark payment runs as paid")
    run = PaymentRun.objects.select_for_update().get(pk=run.pk, organisation_id=by.organisation_id)
    if run.status == RunStatus.PAID:
        raise Conflict("This payment run has already been marked as paid.")
    payments = list(run.payments.select_related("contributor").order_by("contributor_id", "id"))
    _lock_contributors({p.contributor_id for p in payments})
    holds: list[Hold | None] = []
    for payment in payments:
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != PaymentStatus.APPROVED:
            raise Conflict(
                f"Payment {payment.pk} in this run is {payment.get_status_display().lower()}."
            )
        _check_paid_on(payment, paid_on)
        holds.append(_mark_paid(payment, by=by.user, paid_on=paid_on))
    _raise_if_held(*holds)  # rolls back every payment marked above
    run.status = RunStatus.PAID
    run.paid_on = paid_on
    run.marked_paid_by = by.user
    _audited(run, by.user)
    run.save()
    return run
