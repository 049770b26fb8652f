"""Pay-date planning: before a run is made or paid, which fees fit their caps on a day and
which would be held (with the day each fits from), and, for contributors who share headroom,
the status (ok / near / over) that day would give them. Nothing is changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from django.db import transaction

from contributors.models import ContributorProfile
from coproduce.api.errors import ApplicationError
from organisations.models import Membership
from organisations.permissions import FINANCE_ROLES, require_role

from .. import signals
from ..landing import payment_hold_check
from ..models import Payment, PaymentStatus
from .services import contributor_reference


@dataclass(frozen=True)
class PreviewRow:
    payment_id: int
    contributor_reference: str
    contributor_name: str
    description: str
    payable: Decimal
    fits: bool
    fits_from: date | None
    message: str
    status: str | None


class _Rollback(Exception):
    pass


def _statuses_on(contributor_ids: list[int], on: date) -> dict[int, str | None]:
    """How close each contributor is to their limits on ``on``, as threshold monitoring (an app
    above payments, listening to ``run_statuses_wanted``) answers."""
    statuses: dict[int, str | None] = {}
    for _receiver, answer in signals.run_statuses_wanted.send(
        sender=None, contributor_ids=contributor_ids, on=on
    ):
        statuses.update(cast(dict[int, str | None], answer))
    return statuses


def payment_run_preview(
    *, membership: Membership, paid_on: date, payment_ids: list[int] | None = None
) -> list[PreviewRow]:
    """Try paying approved payments of the organisation (those named, or every one not in a
    run) on ``paid_on``, one after another as a run would, and undo it all."""
    require_role(membership, FINANCE_ROLES, action="plan payment runs")
    payments = Payment.objects.filter(
        organisation_id=membership.organisation_id, status=PaymentStatus.APPROVED
    ).order_by("contributor_id", "id")
    if payment_ids is not None:
        payments = payments.filter(pk__in=payment_ids)
        missing = set(payment_ids) - set(payments.values_list("pk", flat=True))
        if missing:
            raise ApplicationError(
                "Some payments cannot be planned.",
                fields={
                    "payment_ids": [
                        f"Payment {pk} is not an approved payment of this organisation."
                        for pk in sorted(missing)
                    ]
                },
            )
    else:
        payments = payments.filter(run__isnull=True)
    rows: list[PreviewRow] = []
    try:
        with transaction.atomic():
            holds = {}
            chosen = list(payments.select_related("contributor").select_for_update(of=("self",)))
            for payment in chosen:
                hold = payment_hold_check(payment, paid_on)
                if hold is not None:
                    holds[payment.pk] = hold
                    continue
                # Counted on that day from now on in this transaction, so a second fee for the
                # same person is tried against the first (undone below).
                Payment.objects.filter(pk=payment.pk).update(planned_on=paid_on, counts_on=paid_on)
            sharing = set(
                ContributorProfile.objects.filter(
                    user_id__in={p.contributor_id for p in chosen}, share_headroom=True
                ).values_list("user_id", flat=True)
            )
            statuses = _statuses_on(sorted(sharing), paid_on) if sharing else {}
            for payment in chosen:
                hold = holds.get(payment.pk)
                status = statuses.get(payment.contributor_id)
                rows.append(
                    PreviewRow(
                        payment_id=payment.pk,
                        contributor_reference=contributor_reference(payment.contributor_id),
                        contributor_name=payment.contributor.full_name,
                        description=payment.description,
                        payable=payment.payable,
                        fits=hold is None,
                        fits_from=hold.fits_from if hold else paid_on,
                        message=hold.message if hold else "",
                        status=status,
                    )
                )
            raise _Rollback
    except _Rollback:
        pass
    return rows
