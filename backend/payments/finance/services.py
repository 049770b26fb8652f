"""An organisation's finance settings: mileage rates, whether receipts are required, budgets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from coproduce.api.errors import NotFound
from organisations.models import Membership
from organisations.permissions import FINANCE_ROLES, require_role

from ..landing import audited
from ..models import FinanceSettings, MileageRate


@transaction.atomic
def finance_settings_set(*, by: Membership, data: dict[str, Any]) -> FinanceSettings:
    require_role(by, FINANCE_ROLES, action="change finance settings")
    settings, _ = FinanceSettings.objects.select_for_update().get_or_create(
        organisation_id=by.organisation_id
    )
    for field, value in data.items():
        setattr(settings, field, value)
    audited(settings, by.user)
    settings.save()
    return settings


@transaction.atomic
def mileage_rate_set(*, by: Membership, tax_year: int, rate: Decimal) -> MileageRate:
    """Set the rate per mile for journeys in the tax year starting 6 April ``tax_year``."""
    require_role(by, FINANCE_ROLES, action="change mileage rates")
    row = (
        MileageRate.objects.select_for_update()
        .filter(organisation_id=by.organisation_id, tax_year=tax_year)
        .first()
    )
    if row is None:
        row = MileageRate(organisation_id=by.organisation_id, tax_year=tax_year)
    row.rate = rate
    audited(row, by.user)
    row.save()
    return row


@transaction.atomic
def mileage_rate_remove(*, by: Membership, tax_year: int) -> None:
    """Journeys in that tax year go back to the settings' rate. Claims already made keep the
    amount worked out when they were made."""
    require_role(by, FINANCE_ROLES, action="change mileage rates")
    row = MileageRate.objects.filter(organisation_id=by.organisation_id, tax_year=tax_year).first()
    if row is None:
        raise NotFound("There is no mileage rate for that tax year.")
    audited(row, by.user)
    row.delete()
