from __future__ import annotations

from typing import Any

from accounts.models import User
from coproduce.api.errors import PermissionDenied
from opportunities.models import Engagement

from ..choice import ChoiceSpec
from ..models import EngagementPaymentChoice, PaymentChoice, PaymentMethod, PaymentPreference

# What a contributor who has not chosen is paid: the full fee, by bank transfer.
DEFAULT_CHOICE: dict[str, Any] = {
    "choice": PaymentChoice.FULL,
    "reduced_amount": None,
    "cap_amount": None,
    "cap_period": "",
    "charity_name": "",
    "method": PaymentMethod.BANK_TRANSFER,
}


def choice_spec_for(*, contributor: User, engagement_id: int | None) -> ChoiceSpec:
    """The choice that applies to a new fee: the engagement's override, else the default."""
    if engagement_id is not None:
        override = EngagementPaymentChoice.objects.filter(engagement_id=engagement_id).first()
        if override is not None:
            return ChoiceSpec.from_row(override, "engagement")
    preference = PaymentPreference.objects.filter(contributor=contributor).first()
    return ChoiceSpec.from_row(preference, "preference" if preference else "default")


def choice_spec_of(*, contributor: User, engagement_id: int | None) -> ChoiceSpec:
    """``choice_spec_for`` for a contributor loaded with ``payment_preference`` (select_related):
    a query only for an engagement's override."""
    if engagement_id is not None:
        override = EngagementPaymentChoice.objects.filter(engagement_id=engagement_id).first()
        if override is not None:
            return ChoiceSpec.from_row(override, "engagement")
    preference: PaymentPreference | None = getattr(contributor, "payment_preference", None)
    return ChoiceSpec.from_row(preference, "preference" if preference else "default")


def require_contributor(user: User) -> None:
    if not user.is_contributor:
        raise PermissionDenied("Only contributors have a payment preference.")


def preference_get(*, contributor: User) -> dict[str, Any]:
    """The contributor's default choice, with whether they have set one."""
    require_contributor(contributor)
    preference = PaymentPreference.objects.filter(contributor=contributor).first()
    if preference is None:
        return {**DEFAULT_CHOICE, "is_set": False}
    return {**preference.as_dict(), "is_set": True}


def engagement_choice_for(*, viewer: User | None, engagement: Engagement) -> dict[str, Any] | None:
    """The contributor's choice for this engagement, if it overrides their default. Anyone but
    the contributor sees only which choice it is: a cap's amount and period can hint at a
    benefit (a weekly £20 cap, an assessment period), and fees are worked out for them."""
    override: EngagementPaymentChoice | None = getattr(engagement, "payment_choice", None)
    if override is None:
        return None
    choice = override.as_dict()
    if viewer is None or viewer.pk != engagement.contributor_id:
        choice.update(reduced_amount=None, cap_amount=None, cap_period="")
    return choice
