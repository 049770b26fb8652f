from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from accounts.models import User
from coproduce.api.errors import NotFound
from coproduce.money import ZERO
from organisations.models import Membership
from periods import Period, PeriodKind, period_containing

from .choice import ChoiceSpec
from .models import (
    LIVE_STATUSES,
    EngagementPaymentChoice,
    ExpenseClaim,
    Payment,
    PaymentChoice,
    PaymentKind,
    PaymentPreference,
    PaymentRun,
)


@dataclass(frozen=True)
class PeriodParams:
    week_start: int = 0
    uc_start_day: int | None = None

    def period(self, kind: PeriodKind | str, day: date) -> Period:
        return period_containing(
            kind, day, week_start=self.week_start, uc_start_day=self.uc_start_day or 1
        )


def contributor_period_params(*, contributor: User) -> PeriodParams:
    """The contributor's benefit week and UC assessment period start, from their private
    circumstances (Monday weeks and no UC day when they have not said)."""
    from contributors.models import BenefitCircumstances

    found = (
        BenefitCircumstances.objects.filter(user=contributor)
        .values("benefit_week_start", "uc_assessment_start_day")
        .first()
    )
    if found is None:
        return PeriodParams()
    return PeriodParams(found["benefit_week_start"] or 0, found["uc_assessment_start_day"])


def choice_spec_for(*, contributor: User, engagement_id: int | None) -> ChoiceSpec:
    """The choice that applies to a new fee: the engagement's override, else the default."""
    if engagement_id is not None:
        override = EngagementPaymentChoice.objects.filter(engagement_id=engagement_id).first()
        if override is not None:
            return ChoiceSpec.from_row(override, "engagement")
    preference = PaymentPreference.objects.filter(contributor=contributor).first()
    return ChoiceSpec.from_row(preference, "preference" if preference else "default")


def counted_fees(*, contributor: User, start: date, end: date) -> QuerySet[Payment]:
    """Fees that count against the contributor's caps and limits in ``start``..``end``:
    pending, approved or paid, across every organisation; never expenses or donations."""
    return Payment.objects.filter(
        contributor=contributor,
        kind=PaymentKind.FEE,
        status__in=LIVE_STATUSES,
        counts_on__gte=start,
        counts_on__lte=end,
    ).exclude(choice=PaymentChoice.DONATE)


def fees_counted_total(
    *, contributor: User, start: date, end: date, exclude_payment_id: int | None = None
) -> Decimal:
    fees = counted_fees(contributor=contributor, start=start, end=end)
    if exclude_payment_id is not None:
        fees = fees.exclude(pk=exclude_payment_id)
    total = fees.aggregate(total=Sum("payable"))["total"]
    return total if total is not None else ZERO


def payment_list(*, user: User) -> QuerySet[Payment]:
    """Payments of organisations the user belongs to, and the user's own as a contributor."""
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    return (
        Payment.objects.filter(Q(organisation_id__in=organisations) | Q(contributor=user))
        .select_related("organisation", "contributor")
        .order_by("-counts_on", "-id")
    )


def payment_get(*, user: User, payment_id: int) -> Payment:
    payment = payment_list(user=user).filter(pk=payment_id).first()
    if payment is None:
        raise NotFound("There is no payment with that id that you can see.")
    return payment


def expense_claim_list(*, user: User) -> QuerySet[ExpenseClaim]:
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    return (
        ExpenseClaim.objects.filter(Q(organisation_id__in=organisations) | Q(contributor=user))
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
