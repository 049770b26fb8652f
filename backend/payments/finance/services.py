"""An organisation's finance settings: mileage rate, whether receipts are required, budgets."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from organisations.models import Membership
from organisations.permissions import FINANCE_ROLES, require_role

from ..landing import audited
from ..models import FinanceSettings


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
