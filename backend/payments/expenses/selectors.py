from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from coproduce.api.errors import NotFound
from organisations.models import Membership
from organisations.permissions import FINANCE_ROLES
from organisations.selectors import members_or_own

from ..models import ExpenseClaim, ItemStatus, Receipt


def expense_claim_list(*, user: User) -> QuerySet[ExpenseClaim]:
    """Claims of organisations the user belongs to, and the user's own as a contributor."""
    return (
        ExpenseClaim.objects.filter(members_or_own(user))
        .select_related("organisation", "contributor")
        .prefetch_related("items", "items__receipt")
        .order_by("-created_at", "-id")
    )


def expense_claim_get(*, user: User, claim_id: int) -> ExpenseClaim:
    claim = expense_claim_list(user=user).filter(pk=claim_id).first()
    if claim is None:
        raise NotFound("There is no expense claim with that id that you can see.")
    return claim


def receipt_get(*, user: User, claim_id: int, item_id: int) -> Receipt:
    """A receipt is the contributor's, and their organisation's finance staff's to see."""
    claim = expense_claim_get(user=user, claim_id=claim_id)
    if (
        claim.contributor_id != user.pk
        and not Membership.objects.filter(
            user=user, organisation_id=claim.organisation_id, role__in=FINANCE_ROLES
        ).exists()
    ):
        raise NotFound("There is no receipt with that id that you can see.")
    receipt = Receipt.objects.filter(item__claim=claim, item_id=item_id).first()
    if receipt is None:
        raise NotFound("There is no receipt for that item.")
    return receipt


def claim_status(claim: ExpenseClaim) -> str:
    statuses = {item.status for item in claim.items.all()}
    if statuses <= {ItemStatus.PENDING}:
        return "submitted"
    if ItemStatus.PENDING in statuses:
        return "partly_decided"
    if statuses == {ItemStatus.REJECTED}:
        return "rejected"
    if statuses == {ItemStatus.APPROVED}:
        return "approved"
    return "partly_approved"
