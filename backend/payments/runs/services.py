"""Payment runs: finance batches approved payments, gives the run a pay date, exports it for
the finance system and marks it paid. Every date change goes through the one door."""

from __future__ import annotations

import csv
import io
import secrets
from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import ApplicationError, Conflict
from coproduce.money import ZERO, money
from organisations.models import Membership, Organisation
from organisations.permissions import FINANCE_ROLES, require_role
from periods import uk_today

from ..events import payments_planned
from ..landing import (
    Hold,
    audited,
    check_paid_on,
    land,
    lock_contributors,
    mark_paid,
    raise_if_held,
)
from ..models import Payment, PaymentRun, PaymentStatus, RunStatus
from ..notices import payments_paid_notify
from ..reasons import organisation_reason


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
    audited(run, by.user)
    run.save()
    for payment in chosen:
        payment.run = run
        audited(payment, by.user)
        payment.save(update_fields=["run", "updated_at"])
    if pay_on is not None:
        _run_plan(run, by=by.user, pay_on=pay_on)
    return run


def _run_plan(run: PaymentRun, *, by: User, pay_on: date) -> None:
    if pay_on < uk_today():
        raise ApplicationError(
            "The pay date is in the past.",
            fields={"pay_on": ["Enter today's date or a date in the future."]},
        )
    payments = list(run.payments.order_by("contributor_id", "id"))
    lock_contributors({p.contributor_id for p in payments})
    holds: list[Hold | None] = []
    marked: list[Payment] = []
    for payment in payments:
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        marked.append(payment)
        payment.planned_on = pay_on
        payment.counts_on = pay_on
        holds.append(land(payment, by=by, redecide=False))
    raise_if_held(*holds)
    run.pay_on = pay_on
    audited(run, by)
    run.save(update_fields=["pay_on"])
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
                str(money(payment.payable)),
                payment.method,
                payment.kind,
                _csv_safe(payment.description),
                payment.due_on.isoformat(),
                organisation_reason(payment),
            ]
        )
    if run.exported_at is None:
        run.exported_at = timezone.now()
        audited(run, by.user)
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
    lock_contributors({p.contributor_id for p in payments})
    holds: list[Hold | None] = []
    marked: list[Payment] = []
    for payment in payments:
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        marked.append(payment)
        if payment.status != PaymentStatus.APPROVED:
            raise Conflict(
                f"Payment {payment.pk} in this run is {payment.get_status_display().lower()}."
            )
        check_paid_on(payment, paid_on)
        holds.append(mark_paid(payment, by=by.user, paid_on=paid_on))
    raise_if_held(*holds)  # rolls back every payment marked above
    run.status = RunStatus.PAID
    run.paid_on = paid_on
    run.marked_paid_by = by.user
    audited(run, by.user)
    run.save()
    payments_paid_notify(payments=marked)
    return run
