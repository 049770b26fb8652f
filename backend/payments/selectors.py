from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from coproduce.api.errors import NotFound
from organisations.models import Membership

from .choice import ChoiceSpec
from .models import (
    EngagementPaymentChoice,
    ExpenseClaim,
    Payment,
    PaymentPreference,
    PaymentRun,
)


def choice_spec_for(*, contributor: User, engagement_id: int | None) -> ChoiceSpec:
    """The choice that applies to a new fee: the engagement's override, else the default."""
    if engagement_id is not None:
        override = EngagementPaymentChoice.objects.filter(engagement_id=engagement_id).first()
        if override is not None:
            return ChoiceSpec.from_row(override, "engagement")
    preference = PaymentPreference.objects.filter(contributor=contributor).first()
    return ChoiceSpec.from_row(preference, "preference" if preference else "default")


def _seen_by(user: User) -> Q:
    """Rows of the organisations the user belongs to, and the user's own as a contributor.

    One condition an index serves: ``organisation_id IN (ids)`` for staff, ``contributor_id =
    me`` for contributors; the ``OR`` of both (which no index serves, so counting a page meant
    reading every payment) only for someone who is both."""
    organisation_ids = list(
        Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
    )
    if not organisation_ids:
        return Q(contributor=user)
    if not user.is_contributor:
        return Q(organisation_id__in=organisation_ids)
    return Q(organisation_id__in=organisation_ids) | Q(contributor=user)


def payment_list(*, user: User) -> QuerySet[Payment]:
    """Payments of organisations the user belongs to, and the user's own as a contributor."""
    return (
        Payment.objects.filter(_seen_by(user))
        .select_related("organisation", "contributor")
        .order_by("-counts_on", "-id")
    )


def payment_get(*, user: User, payment_id: int) -> Payment:
    payment = payment_list(user=user).filter(pk=payment_id).first()
    if payment is None:
        raise NotFound("There is no payment with that id that you can see.")
    return payment


def expense_claim_list(*, user: User) -> QuerySet[ExpenseClaim]:
    return (
        ExpenseClaim.objects.filter(_seen_by(user))
        .select_related("organisation", "contributor")
        .prefetch_related("items", "items__receipt")
        .order_by("-created_at", "-id")
    )


def expense_claim_get(*, user: User, claim_id: int) -> ExpenseClaim:
    claim = expense_claim_list(user=user).filter(pk=claim_id).first()
    if claim is None:
        raise NotFound("There is no expense claim with that id that you can see.")
    return claim


def payment_run_list(*, membership: Membership) -> QuerySet[PaymentRun]:
    return PaymentRun.objects.filter(organisation_id=membership.organisation_id).order_by(
        "-created_at", "-id"
    )


def payment_run_get(*, membership: Membership, run_id: int) -> PaymentRun:
    run = payment_run_list(membership=membership).filter(pk=run_id).first()
    if run is None:
        raise NotFound("There is no payment run with that id in this organisation.")
    return run
