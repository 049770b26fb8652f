"""A payment's audit history (from django-simple-history): who changed what and when, in plain
words. Only the payment's own ledger fields are described; the contributor's payment preference
(``choice_snapshot``) is never shown, nor anything about their benefits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.requests import request_user
from coproduce.api.pagination import StandardPagination
from coproduce.money import money

from .fees.selectors import payment_get
from .models import Payment

# The fields a change is described for, with the words used for them, in the order shown.
DESCRIBED_FIELDS: dict[str, str] = {
    "status": "status",
    "description": "description",
    "offered": "amount offered",
    "payable": "amount payable",
    "waived": "amount waived",
    "choice": "payment choice",
    "choice_reason": "reason",
    "donated_to": "given to",
    "method": "method",
    "due_on": "due date",
    "paid_on": "paid date",
    "counts_on": "counts on",
    "run_id": "payment run",
    "cancel_reason": "reason for cancelling",
}
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    field_label: str
    old: str | None
    new: str | None

    @property
    def description(self) -> str:
        return f"{self.field_label}: {self.old or '(none)'} → {self.new or '(none)'}"


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    changed_at: datetime
    changed_by: str | None
    action: str
    changes: list[FieldChange]

    @property
    def summary(self) -> str:
        if self.action == "created":
            return "Payment recorded."
        if not self.changes:
            return "Saved with no change to the payment's details."
        return "; ".join(change.description for change in self.changes) + "."


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return str(money(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _history_rows(payment: Payment) -> models.QuerySet[Any]:
    return payment.history.select_related("history_user").order_by("history_date", "history_id")


def payment_history_entries(*, rows: list[Any], previous: Any | None) -> list[HistoryEntry]:
    """Describe each history row against the one before it (``previous`` is the row before the
    first, or None)."""
    entries = []
    for row in rows:
        changes = []
        if previous is not None and row.history_type == "~":
            for field, label in DESCRIBED_FIELDS.items():
                old, new = _text(getattr(previous, field)), _text(getattr(row, field))
                if old != new:
                    changes.append(FieldChange(field.removesuffix("_id"), label, old, new))
        user = row.history_user
        entries.append(
            HistoryEntry(
                id=row.history_id,
                changed_at=row.history_date,
                changed_by=user.full_name if isinstance(user, User) else None,
                action=ACTIONS.get(row.history_type, "changed"),
                changes=changes,
            )
        )
        previous = row
    return entries


def payment_history_all(*, payment: Payment) -> list[HistoryEntry]:
    return payment_history_entries(rows=list(_history_rows(payment)), previous=None)


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    field_label = serializers.CharField()
    old = serializers.CharField(allow_null=True)
    new = serializers.CharField(allow_null=True)
    description = serializers.CharField()


class HistoryEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    changed_at = serializers.DateTimeField()
    changed_by = serializers.CharField(
        allow_null=True, help_text="Who made the change; empty when the system did."
    )
    action = serializers.ChoiceField(choices=sorted(set(ACTIONS.values())))
    summary = serializers.CharField()
    changes = FieldChangeSerializer(many=True)


class PaymentHistoryApi(APIView):
    pagination_class = StandardPagination

    @extend_schema(
        responses=HistoryEntrySerializer(many=True),
        summary="Who changed a payment, what and when",
        description=(
            "The payment's audit trail, oldest first. Visible to whoever may see the payment: "
            "members of its organisation and the contributor it is for."
        ),
    )
    def get(self, request: Request, payment_id: int) -> Response:
        payment = payment_get(user=request_user(request), payment_id=payment_id)
        # Not paginated_response: each entry is described against the row before it, which
        # for the first entry of a page is on the page before.
        paginator = self.pagination_class()
        rows = _history_rows(payment)
        page = paginator.paginate_queryset(rows, request, view=self)
        assert page is not None  # noqa: S101 - always paginated
        previous = None
        if page and page[0].history_type != "+":
            previous = rows.filter(
                models.Q(history_date__lt=page[0].history_date)
                | models.Q(history_date=page[0].history_date, history_id__lt=page[0].history_id)
            ).last()
        entries = payment_history_entries(rows=list(page), previous=previous)
        return paginator.get_paginated_response(HistoryEntrySerializer(entries, many=True).data)
