"""Why a payment is the amount it is, in words an organisation may read.

The stored ``choice_reason`` is for the contributor: it can name their cap, the days of the
period it applies to and what other organisations had already paid. Staff of the paying
organisation read only what their own payment shows: its amount and the contributor's choice,
never a cap, a limit, a period or anyone else's money. Computed from the stored payment, so
it is always true of it.
"""

from __future__ import annotations

from typing import Any

from coproduce.money import ZERO, format_gbp

from .models import Payment, PaymentChoice, PaymentKind

EXPENSE = "A receipted expense, paid back at cost."
FULL = "Full fee, as the contributor chose."
WITHIN_REQUEST = "Full fee: it is within what the contributor asked to be paid."
DONATED = "Paid to a charity the contributor chose."
EXPENSES_ONLY = "Fee waived: the contributor asked for expenses only."
NOT_PAID = "Fee waived at the contributor's request."


def organisation_reason(payment: Payment) -> str:
    """The reason for this payment's amount as the organisation's staff see it."""
    if payment.kind == PaymentKind.EXPENSE:
        return EXPENSE
    if payment.choice == PaymentChoice.EXPENSES_ONLY:
        return EXPENSES_ONLY
    if payment.choice == PaymentChoice.DONATE or payment.donated_to:
        return DONATED
    if payment.choice in (PaymentChoice.REDUCED, PaymentChoice.CAPPED):
        if payment.payable <= ZERO:
            return NOT_PAID
        if payment.payable < payment.offered:
            return f"Reduced to {format_gbp(payment.payable)} at the contributor's request."
        return WITHIN_REQUEST
    return FULL


def reason_for(payment: Payment, *, viewer: Any) -> str:
    """The contributor reads the full reason for their own payment; everyone else (the
    organisation's staff) reads the organisation's reason."""
    if viewer is not None and getattr(viewer, "pk", None) == payment.contributor_id:
        return payment.choice_reason
    return organisation_reason(payment)
