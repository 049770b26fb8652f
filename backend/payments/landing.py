"""The one door: every change to the day money counts (recording, backdating, approving, a new
due date, a run's pay date, marking paid) lands here, under the contributor's ledger lock, so a
cap holds on the day money lands.

Every decision that depends on what a contributor has already been paid takes a row lock on
the contributor first, so fees recorded at the same moment by different organisations are
decided one after another and never pass a cap together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import ApplicationError, ErrorCode
from coproduce.money import ZERO
from periods import uk_today

from .choice import ChoiceSpec, decide_fee
from .events import contributor_money_changed
from .ledger import Calendar, calendar_for, counted_total, payment_counts
from .models import Payment, PaymentChoice, PaymentKind, PaymentStatus


def lock_contributor(contributor_id: int) -> User:
    """Serialise every money decision about one contributor (their ledger's lock)."""
    return User.objects.select_for_update().get(pk=contributor_id)


def lock_contributor_with_choice(contributor_id: int) -> User:
    """``lock_contributor``, reading in the same query what deciding a new fee needs: the
    contributor's payment preference and benefit circumstances (their calendar)."""
    return (
        User.objects.select_for_update(of=("self",))
        .select_related("payment_preference", "benefit_circumstances")
        .get(pk=contributor_id)
    )


def lock_contributors(contributor_ids: set[int]) -> None:
    for contributor_id in sorted(contributor_ids):  # in id order: no deadlocks between runs
        lock_contributor(contributor_id)


def audited(instance: Any, by: User | None) -> None:
    """Name who made the change in the audit history (django-simple-history)."""
    instance._history_user = by


@dataclass(frozen=True)
class CapLimit:
    """A cap that money landing on a day must keep within: a capped fee's own cap period."""

    start: date
    end: date
    amount: Decimal


def _cap_limits(
    payment: Payment,
    day: date,
    spec: ChoiceSpec | None = None,
    *,
    others: bool = True,
    calendar: Calendar | None = None,
) -> list[CapLimit]:
    """Every cap that money counting on ``day`` falls under: the fee's own cap (if capped) and
    (``others``) the cap of every other capped fee already counting in the same cap period:
    moving money into a period must keep the promise made to the fees already there. A new
    fee is decided by the contributor's choice as it is now (its own cap only)."""
    if calendar is None:
        calendar = calendar_for(contributor_id=payment.contributor_id)
    limits: set[CapLimit] = set()
    own = spec or spec_of(payment)
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


def spec_of(payment: Payment) -> ChoiceSpec | None:
    if payment.choice != PaymentChoice.CAPPED:
        return None
    snapshot = payment.choice_snapshot
    return ChoiceSpec(
        choice=PaymentChoice.CAPPED,
        cap_amount=Decimal(snapshot["cap_amount"]),
        cap_period=snapshot["cap_period"],
        method=payment.method,
    )


def room_on(
    payment: Payment,
    day: date,
    spec: ChoiceSpec | None = None,
    *,
    others: bool = True,
    calendar: Calendar | None = None,
) -> tuple[Decimal | None, list[CapLimit]]:
    """How much more can count on ``day`` without passing any cap (None: no cap applies), not
    counting ``payment`` itself wherever it is now; and the caps that leave the least room."""
    room: Decimal | None = None
    tightest: list[CapLimit] = []
    for cap in _cap_limits(payment, day, spec, others=others, calendar=calendar):
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
    room, caps = room_on(payment, day)
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


def land(payment: Payment, *, by: User, redecide: bool, reason_prefix: str = "") -> Hold | None:
    """Money lands on ``payment.counts_on`` (already set from paid, planned and due dates).
    A capped fee that is decided again (recording, a new due date) gets what fits there; any
    other fee keeps what it earned and is held if it does not fit. Saves unless held."""
    day = payment.counts_on
    if payment.kind == PaymentKind.FEE and redecide:
        spec = spec_of(payment) if payment.pk else None
        if spec is not None:
            room, _ = room_on(payment, day, spec)
            used = spec.cap_amount - (room if room is not None else spec.cap_amount)  # type: ignore[operator]
            decision = decide_fee(offered=payment.offered, spec=spec, cap_used=used)
            payment.payable, payment.waived = decision.payable, decision.waived
            payment.choice_reason = f"{reason_prefix}{decision.reason}"
    hold = payment_hold_check(payment, day) if payment.pk else None
    if hold is not None:
        return hold
    audited(payment, by)
    payment.save()
    contributor_money_changed(payment.contributor_id)
    return None


def raise_if_held(*holds: Hold | None) -> None:
    found = [hold for hold in holds if hold is not None]
    if found:
        raise CapHeld(found)


def check_paid_on(payment: Payment, paid_on: date) -> None:
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


def mark_paid(payment: Payment, *, by: User, paid_on: date) -> Hold | None:
    payment.status = PaymentStatus.PAID
    payment.paid_on = paid_on
    payment.counts_on = paid_on
    payment.paid_by = by
    return land(payment, by=by, redecide=False)
