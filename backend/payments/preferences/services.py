"""Payment choices: a contributor's default (their preference) and the override for one
engagement. Payments already recorded keep the choice they were recorded with."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accounts.models import User
from coproduce.api.errors import ApplicationError, NotFound, PermissionDenied
from opportunities.engagements.services import engagement_status_set
from opportunities.models import Engagement
from periods import PeriodKind

from ..events import contributor_money_changed
from ..landing import audited
from ..ledger import calendar_for
from ..models import EngagementPaymentChoice, PaymentChoice, PaymentPreference
from .selectors import require_contributor

# "No change" for the engagement PATCH, told apart from None (remove the override).
UNCHANGED: Any = object()


def _validate_choice(contributor: User, data: dict[str, Any]) -> dict[str, Any]:
    choice = data.get("choice")
    fields: dict[str, list[str]] = {}
    clean: dict[str, Any] = {
        "choice": choice,
        "reduced_amount": None,
        "cap_amount": None,
        "cap_period": "",
        "charity_name": "",
        "method": data.get("method") or "bank_transfer",
    }
    if choice == PaymentChoice.REDUCED:
        if data.get("reduced_amount") is None:
            fields["reduced_amount"] = ["Enter the most you want to be paid for each fee."]
        clean["reduced_amount"] = data.get("reduced_amount")
    elif choice == PaymentChoice.CAPPED:
        if data.get("cap_amount") is None:
            fields["cap_amount"] = ["Enter the most you want to be paid in each period."]
        if not data.get("cap_period"):
            fields["cap_period"] = ["Choose the period your cap covers."]
        clean["cap_amount"] = data.get("cap_amount")
        clean["cap_period"] = data.get("cap_period") or ""
        if (
            clean["cap_period"] == PeriodKind.UC_ASSESSMENT_PERIOD
            and calendar_for(contributor_id=contributor.pk).uc_start_day is None
        ):
            fields["cap_period"] = [
                "Tell us the day your Universal Credit assessment period starts (in Your "
                "benefits) before you cap by assessment period."
            ]
    elif choice == PaymentChoice.DONATE:
        name = (data.get("charity_name") or "").strip()
        if not name:
            fields["charity_name"] = ["Enter the name of the charity to give your fee to."]
        clean["charity_name"] = name
    if fields:
        raise ApplicationError("Some of the information is not right.", fields=fields)
    return clean


@transaction.atomic
def preference_set(*, contributor: User, data: dict[str, Any]) -> PaymentPreference:
    """Set the contributor's default choice. Payments already recorded keep the choice they
    were recorded with."""
    require_contributor(contributor)
    clean = _validate_choice(contributor, data)
    preference = PaymentPreference.objects.select_for_update().filter(
        contributor=contributor
    ).first() or PaymentPreference(contributor=contributor)
    for field, value in clean.items():
        setattr(preference, field, value)
    audited(preference, contributor)
    preference.save()
    contributor_money_changed(contributor.pk)  # forecasts depend on the choice
    return preference


@transaction.atomic
def engagement_choice_set(
    *, contributor: User, engagement: Engagement, data: dict[str, Any] | None
) -> EngagementPaymentChoice | None:
    """Override the default choice for one engagement, or remove the override (data=None)."""
    if engagement.contributor_id != contributor.pk:
        raise NotFound("There is no engagement with that id that you can see.")
    existing = (
        EngagementPaymentChoice.objects.select_for_update().filter(engagement=engagement).first()
    )
    if data is None:
        if existing is not None:
            audited(existing, contributor)
            existing.delete()
        contributor_money_changed(contributor.pk)
        return None
    clean = _validate_choice(contributor, data)
    override = existing or EngagementPaymentChoice(engagement=engagement)
    for field, value in clean.items():
        setattr(override, field, value)
    audited(override, contributor)
    override.save()
    contributor_money_changed(contributor.pk)
    return override


@transaction.atomic
def engagement_update(
    *,
    by: User,
    engagement: Engagement,
    payment_choice: dict[str, Any] | None = UNCHANGED,
    status: str | None = None,
) -> Engagement:
    """The engagement PATCH, as one change: the contributor's payment choice for it (None
    removes the override) and its status (withdrawn, or completed by the organisation)."""
    if payment_choice is not UNCHANGED:
        if engagement.contributor_id != by.pk:
            raise PermissionDenied("Only the contributor can choose how they are paid.")
        engagement_choice_set(contributor=by, engagement=engagement, data=payment_choice)
    if status is not None:
        engagement = engagement_status_set(by=by, engagement=engagement, status=status)
    return engagement
