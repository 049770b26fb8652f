from __future__ import annotations

from django.db.models import Count, DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from coproduce.api.errors import NotFound
from coproduce.money import ZERO
from organisations.models import Membership
from organisations.permissions import FINANCE_ROLES, require_role

from ..models import PaymentRun


def payment_run_list(*, membership: Membership) -> QuerySet[PaymentRun]:
    """The organisation's runs, each with how many payments it has and their total."""
    require_role(membership, FINANCE_ROLES, action="see payment runs")
    return (
        PaymentRun.objects.filter(organisation_id=membership.organisation_id)
        .annotate(
            payment_count=Count("payments"),
            total=Coalesce(
                Sum("payments__payable"),
                Value(ZERO),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            ),
        )
        .order_by("-created_at", "-id")
    )


def payment_run_get(*, membership: Membership, run_id: int) -> PaymentRun:
    run = payment_run_list(membership=membership).filter(pk=run_id).first()
    if run is None:
        raise NotFound("There is no payment run with that id in this organisation.")
    return run
