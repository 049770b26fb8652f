"""Expense claims: contributors claim receipted costs; finance approves or rejects each item.
An approved item becomes an expense payment, which never counts towards any limit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import ApplicationError, Conflict, NotFound, PermissionDenied
from coproduce.money import round_pennies
from opportunities.models import Engagement
from organisations.models import Membership, Organisation
from organisations.permissions import FINANCE_ROLES, require_role
from periods import uk_today

from ..events import contributor_money_changed
from ..finance.selectors import finance_settings_for, mileage_rate_on
from ..idempotency import replayed
from ..landing import audited
from ..models import (
    ExpenseCategory,
    ExpenseClaim,
    ExpenseItem,
    ItemStatus,
    Payment,
    PaymentKind,
    PaymentMethod,
    PaymentPreference,
    PaymentStatus,
    Receipt,
)
from ..notices import expense_claim_decided_notify
from .receipts import receipt_check, sha256

EXPENSE_REASON = "A receipted expense, paid at cost. Expenses never count as earnings."


@dataclass(frozen=True)
class ItemInput:
    category: str
    description: str
    spent_on: date
    amount: Decimal | None = None
    miles: Decimal | None = None


@transaction.atomic
def expense_claim_submit(
    *,
    contributor: User,
    organisation_id: int,
    items: list[ItemInput],
    receipts: dict[int, UploadedFile],
    engagement_id: int | None = None,
    note: str = "",
    idempotency_key: str | None = None,
    fingerprint: str = "",
) -> ExpenseClaim:
    """A contributor claims expenses from an organisation they work with. The same
    Idempotency-Key with the same claim answers with the first; with another claim, 409."""
    if not contributor.is_contributor:
        raise PermissionDenied("Only contributors can claim expenses.")
    if idempotency_key:
        existing = replayed(
            ExpenseClaim.objects.filter(contributor=contributor),
            key=idempotency_key,
            request_fingerprint=fingerprint,
        )
        if existing is not None:
            return existing
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise ApplicationError(
            "There is no such organisation.",
            fields={"organisation": ["Choose an organisation you work with."]},
        )
    engagement = None
    if engagement_id:
        engagement = Engagement.objects.filter(pk=engagement_id, contributor=contributor).first()
        if engagement is None:
            raise NotFound("There is no engagement with that id that you can see.")
    engaged = Engagement.objects.filter(
        contributor=contributor, opportunity__organisation=organisation
    )
    if not engaged.exists():
        raise ApplicationError(
            "You can only claim expenses from an organisation you have worked with.",
            fields={"organisation": ["Choose an organisation you have worked with."]},
        )
    if engagement is not None and not engaged.filter(pk=engagement.pk).exists():
        raise NotFound("There is no engagement with that id that you can see.")
    policy = finance_settings_for(organisation)
    fields: dict[str, list[str]] = {}
    amounts: list[Decimal] = []
    checked: dict[int, tuple[bytes, str, str, str]] = {}
    for index, item in enumerate(items):
        if item.spent_on > uk_today():
            fields[f"items[{index}].spent_on"] = ["Enter a date that is today or in the past."]
        if item.category == ExpenseCategory.MILEAGE:
            if not item.miles:
                fields[f"items[{index}].miles"] = ["Enter how many miles you travelled."]
                amounts.append(Decimal("0"))
                continue
            amounts.append(
                round_pennies(item.miles * mileage_rate_on(settings=policy, day=item.spent_on))
            )
        else:
            if item.amount is None:
                fields[f"items[{index}].amount"] = ["Enter how much you spent."]
                amounts.append(Decimal("0"))
                continue
            amounts.append(item.amount)
            if index not in receipts and policy.receipts_required:
                fields[f"receipt_{index}"] = ["Add a photo or PDF of the receipt for this item."]
        if index in receipts:
            upload = receipts[index]
            content, mime, name = receipt_check(upload, field=f"receipt_{index}")
            checked[index] = (content, mime, name, upload.name or "")
    unknown = sorted(set(receipts) - set(range(len(items))))
    for index in unknown:
        fields[f"receipt_{index}"] = ["This receipt does not match any item."]
    if fields:
        raise ApplicationError("Some of the information is not right.", fields=fields)

    claim = ExpenseClaim.objects.create(
        organisation=organisation,
        contributor=contributor,
        engagement=engagement,
        note=note,
        idempotency_key=idempotency_key or None,
        request_fingerprint=fingerprint,
    )
    for index, (item, amount) in enumerate(zip(items, amounts, strict=True)):
        row = ExpenseItem(
            claim=claim,
            category=item.category,
            description=item.description,
            spent_on=item.spent_on,
            miles=item.miles if item.category == ExpenseCategory.MILEAGE else None,
            amount=amount,
        )
        audited(row, contributor)
        row.save()
        if index in checked:
            content, mime, name, original = checked[index]
            receipt = Receipt(
                item=row,
                content_type=mime,
                size=len(content),
                sha256=sha256(content),
                original_name=original[:255],
            )
            receipt.file.save(name, ContentFile(content), save=False)
            receipt.save()
    return claim


@transaction.atomic
def expense_items_decide(
    *,
    by: Membership,
    claim: ExpenseClaim,
    approve: bool,
    item_ids: list[int] | None = None,
    reason: str = "",
) -> ExpenseClaim:
    """Finance approves or rejects items (all pending ones unless named). Each approved item
    becomes an expense payment, paid at cost."""
    require_role(by, FINANCE_ROLES, action="decide on expense claims")
    if claim.organisation_id != by.organisation_id:
        raise NotFound("There is no expense claim with that id in this organisation.")
    if not approve and not reason.strip():
        raise ApplicationError(
            "Say why the expense is not approved.",
            fields={"reason": ["Give a reason, so the contributor knows why."]},
        )
    items = ExpenseItem.objects.select_for_update().filter(claim=claim)
    if item_ids is not None:
        items = items.filter(pk__in=item_ids)
        found = set(items.values_list("pk", flat=True))
        if found != set(item_ids):
            raise ApplicationError(
                "Some items are not part of this claim.",
                fields={"items": ["Choose items from this claim."]},
            )
    chosen = list(items)
    if any(item.status != ItemStatus.PENDING for item in chosen) and item_ids is not None:
        raise Conflict("Some of these items have already been decided.")
    pending = [item for item in chosen if item.status == ItemStatus.PENDING]
    if not pending:
        raise Conflict("There are no items waiting for a decision.")
    preference = PaymentPreference.objects.filter(contributor_id=claim.contributor_id).first()
    method = preference.method if preference is not None else PaymentMethod.BANK_TRANSFER
    now = timezone.now()
    for item in pending:
        item.status = ItemStatus.APPROVED if approve else ItemStatus.REJECTED
        item.decision_reason = reason.strip()
        item.decided_by = by.user
        item.decided_at = now
        if approve:
            payment = Payment(
                organisation_id=claim.organisation_id,
                contributor_id=claim.contributor_id,
                engagement_id=claim.engagement_id,
                kind=PaymentKind.EXPENSE,
                description=f"{item.get_category_display()}: {item.description}"[:300],
                offered=item.amount,
                payable=item.amount,
                waived=Decimal("0.00"),
                choice_reason=EXPENSE_REASON,
                method=method,
                due_on=uk_today(),
                counts_on=uk_today(),
                created_by=by.user,
                approved_by=by.user,
                approved_at=now,
                status=PaymentStatus.APPROVED,
            )
            audited(payment, by.user)
            payment.save()
            item.payment = payment
        audited(item, by.user)
        item.save()
    if approve:
        contributor_money_changed(claim.contributor_id)
    expense_claim_decided_notify(claim=claim)
    return claim
