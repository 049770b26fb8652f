"""What payments tell people: a contributor that a fee was approved or a payment paid, or that
an expense claim has been decided (once every item in it is: one message per claim, with each
item's outcome); finance staff once a day what is waiting for them.

Each is called inside the change's transaction, so the notification exists only if the change
commits, and its e-mail is queued for after the commit (``notifications.services``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from coproduce.money import format_gbp
from notifications.kinds import NotificationKind
from notifications.services import Notice, notify_many
from organisations.models import Membership, Organisation
from organisations.permissions import FINANCE_ROLES
from periods import uk_today

from .enums import ItemStatus, PaymentKind, PaymentStatus
from .models import ExpenseClaim, ExpenseItem, Payment


def _organisations(ids: Iterable[int]) -> dict[int, Organisation]:
    return Organisation.objects.in_bulk(set(ids))


def fees_approved_notify(*, payments: Iterable[Payment]) -> int:
    """Tell each contributor a fee of theirs was approved. Expenses are told about with their
    claim, so only fees count here; a fee with nothing to pay (all of it waived) says nothing."""
    fees = [p for p in payments if p.kind == PaymentKind.FEE and p.payable > 0]
    organisations = _organisations(p.organisation_id for p in fees)
    return notify_many(
        [
            Notice(
                user_id=fee.contributor_id,
                kind=NotificationKind.FEE_APPROVED,
                dedupe_key=f"fee-approved:{fee.pk}",
                title=f"A fee of {format_gbp(fee.payable)} has been approved",
                body=(
                    f"{organisations[fee.organisation_id].name} has approved your fee of "
                    f"{format_gbp(fee.payable)} for {fee.description}. "
                    f"It is due to be paid on {fee.due_on:%d %B %Y}."
                ),
                link="/me/earnings",
                sender_name=organisations[fee.organisation_id].name,
                reply_to=organisations[fee.organisation_id].contact_email,
            )
            for fee in fees
        ]
    )


def payments_paid_notify(*, payments: Iterable[Payment]) -> int:
    """Tell each contributor a payment of theirs (a fee or an expense) has been paid."""
    paid = [p for p in payments if p.status == PaymentStatus.PAID and p.payable > 0]
    organisations = _organisations(p.organisation_id for p in paid)
    notices = []
    for payment in paid:
        organisation = organisations[payment.organisation_id]
        what = "fee" if payment.kind == PaymentKind.FEE else "expense"
        notices.append(
            Notice(
                user_id=payment.contributor_id,
                kind=NotificationKind.FEE_PAID,
                dedupe_key=f"payment-paid:{payment.pk}",
                title=f"{organisation.name} has paid you {format_gbp(payment.payable)}",
                body=(
                    f"Your {what} of {format_gbp(payment.payable)} for {payment.description} "
                    f"was paid on {payment.paid_on:%d %B %Y} "
                    f"({payment.get_method_display().lower()}). "
                    "It can take a few days to reach you."
                ),
                link="/me/earnings",
                sender_name=organisation.name,
                reply_to=organisation.contact_email,
            )
        )
    return notify_many(notices)


def expense_claim_decided_notify(*, claim: ExpenseClaim) -> int:
    """Once no item of the claim waits for a decision, tell the contributor what was decided
    for each item, with finance's reason for any not approved. Until then, nothing."""
    items = list(ExpenseItem.objects.filter(claim=claim).order_by("spent_on", "id"))
    if not items or any(item.status == ItemStatus.PENDING for item in items):
        return 0
    organisation = Organisation.objects.get(pk=claim.organisation_id)
    approved = [item for item in items if item.status == ItemStatus.APPROVED]
    lines = []
    for item in items:
        outcome = "approved" if item.status == ItemStatus.APPROVED else "not approved"
        line = f"{item.description} ({format_gbp(item.amount)}): {outcome}"
        if item.status == ItemStatus.REJECTED and item.decision_reason:
            line += f". The reason: {item.decision_reason}"
        lines.append(line)
    total = format_gbp(sum((item.amount for item in approved), start=Decimal("0.00")))
    if len(approved) == len(items):
        title = f"Your expense claim has been approved: {total}"
    elif approved:
        title = f"Part of your expense claim has been approved: {total}"
    else:
        title = "Your expense claim was not approved"
    body = "\n\n".join(
        [
            f"{organisation.name} has decided on your expense claim sent on "
            f"{timezone.localtime(claim.created_at):%d %B %Y}.",
            "\n".join(lines),
            *(["What was approved will be paid with the next payment run."] if approved else []),
        ]
    )
    return notify_many(
        [
            Notice(
                user_id=claim.contributor_id,
                kind=NotificationKind.EXPENSE_CLAIM_DECIDED,
                dedupe_key=f"expense-claim-decided:{claim.pk}",
                title=title,
                body=body,
                link="/me/expenses",
                sender_name=organisation.name,
                reply_to=organisation.contact_email,
            )
        ]
    )


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def finance_digests_send(*, on: date | None = None) -> int:
    """One message a day for each finance officer, admin and owner of each organisation where
    something waits for finance: expense claims with items to decide (and how many came in since
    the day before), fees waiting for approval, and approved payments not yet in a payment run.
    Nothing for an organisation where nothing waits. Running it again the same day makes no
    second message. Names no contributor: it is counts only. Returns how many were made."""
    today = on or uk_today()
    since = timezone.now() - timedelta(days=1)
    claims: dict[int, int] = defaultdict(int)
    new_claims: dict[int, int] = defaultdict(int)
    for _, organisation_id, created_at in (
        ExpenseClaim.objects.filter(items__status=ItemStatus.PENDING)
        .values_list("pk", "organisation_id", "created_at")
        .distinct()  # one row per claim, however many of its items wait
    ):
        claims[organisation_id] += 1
        if created_at >= since:
            new_claims[organisation_id] += 1
    waiting: dict[int, int] = defaultdict(int)
    unpaid: dict[int, int] = defaultdict(int)
    for row in (
        Payment.objects.filter(
            status__in=[PaymentStatus.PENDING, PaymentStatus.APPROVED], run__isnull=True
        )
        .values("organisation_id", "status")
        .annotate(count=Count("id"))
    ):
        target = waiting if row["status"] == PaymentStatus.PENDING else unpaid
        target[row["organisation_id"]] += row["count"]
    organisation_ids = set(claims) | set(waiting) | set(unpaid)
    if not organisation_ids:
        return 0
    organisations = _organisations(organisation_ids)
    staff: dict[int, list[int]] = defaultdict(list)
    for organisation_id, user_id in Membership.objects.filter(
        organisation_id__in=organisation_ids, role__in=FINANCE_ROLES, user__is_active=True
    ).values_list("organisation_id", "user_id"):
        staff[organisation_id].append(user_id)
    notices = []
    for organisation_id in sorted(organisation_ids):
        organisation = organisations[organisation_id]
        lines = []
        if claims[organisation_id]:
            line = _plural(claims[organisation_id], "expense claim", "expense claims")
            line += " waiting for a decision"
            if new_claims[organisation_id]:
                line += f" ({new_claims[organisation_id]} sent in since yesterday)"
            lines.append(line + ".")
        if waiting[organisation_id]:
            lines.append(
                _plural(waiting[organisation_id], "fee", "fees") + " waiting for approval."
            )
        if unpaid[organisation_id]:
            lines.append(
                _plural(unpaid[organisation_id], "approved payment", "approved payments")
                + " not yet in a payment run."
            )
        if waiting[organisation_id]:
            link = f"/organisations/{organisation_id}/payments"
        elif claims[organisation_id]:
            link = f"/organisations/{organisation_id}/expense-claims"
        else:
            link = f"/organisations/{organisation_id}/payment-runs"
        for user_id in staff[organisation_id]:
            notices.append(
                Notice(
                    user_id=user_id,
                    kind=NotificationKind.FINANCE_DIGEST,
                    dedupe_key=f"finance-digest:{organisation_id}:{today.isoformat()}",
                    title=f"Waiting for finance at {organisation.name}",
                    body=f"Waiting for finance at {organisation.name} today:\n\n"
                    + "\n".join(lines),
                    link=link,
                    sender_name=organisation.name,
                    reply_to=organisation.contact_email,
                )
            )
    return notify_many(notices)
