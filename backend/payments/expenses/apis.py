"""Expense claims: contributors claim receipted costs (JSON, or multipart with receipt files);
finance approves or rejects items; receipts are downloaded through a permission check."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.http import FileResponse
from django.utils.decorators import method_decorator
from django.views.decorators.clickjacking import xframe_options_sameorigin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.dates import DayField
from coproduce.api.errors import ApplicationError
from coproduce.api.ids import IdField, IdFilter
from coproduce.api.pagination import paginated_response
from coproduce.api.parsers import JSONParser
from coproduce.api.serializers import StrictSerializer
from coproduce.money import MoneyInput
from organisations.selectors import membership_get

from ..fees.apis import IDEMPOTENCY_PARAMETER, MAX_IDS_PER_REQUEST, filtered
from ..idempotency import fingerprint, idempotency_key_from
from ..models import ExpenseCategory, ExpenseClaim, ExpenseItem, ItemStatus
from .selectors import claim_status, expense_claim_get, expense_claim_list, receipt_get
from .services import ItemInput, expense_claim_submit, expense_items_decide


class ExpenseItemOutputSerializer(serializers.ModelSerializer):
    has_receipt = serializers.SerializerMethodField()
    receipt_type = serializers.SerializerMethodField(
        help_text="The receipt's file type (a PDF or an image), to show it inline."
    )

    class Meta:
        model = ExpenseItem
        fields = [
            "id", "category", "description", "spent_on", "miles", "amount", "status",
            "decision_reason", "decided_at", "payment", "has_receipt", "receipt_type",
        ]  # fmt: skip
        read_only_fields = fields

    def get_has_receipt(self, item: ExpenseItem) -> bool:
        return hasattr(item, "receipt")

    def get_receipt_type(self, item: ExpenseItem) -> str | None:
        receipt = getattr(item, "receipt", None)
        return receipt.content_type if receipt is not None else None


class ExpenseClaimOutputSerializer(serializers.ModelSerializer):
    items = ExpenseItemOutputSerializer(many=True)
    status = serializers.SerializerMethodField()
    contributor_name = serializers.CharField(source="contributor.full_name")
    organisation_name = serializers.CharField(source="organisation.name")

    class Meta:
        model = ExpenseClaim
        fields = [
            "id", "organisation", "organisation_name", "contributor", "contributor_name",
            "engagement", "note", "status", "items", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_status(self, claim: ExpenseClaim) -> str:
        return claim_status(claim)


class ExpenseItemInputSerializer(StrictSerializer):
    category = serializers.ChoiceField(choices=ExpenseCategory.choices)
    description = serializers.CharField(max_length=300)
    spent_on = DayField()
    amount = MoneyInput(required=False, allow_null=True)
    miles = serializers.DecimalField(
        max_digits=7, decimal_places=1, required=False, allow_null=True, min_value=0
    )


class ExpenseClaimInputSerializer(StrictSerializer):
    organisation = IdField()
    engagement = IdField(required=False, allow_null=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    items = ExpenseItemInputSerializer(many=True, allow_empty=False, max_length=50)  # type: ignore[call-arg]


_OPTIONAL = ("organisation", "engagement", "note")


class ExpenseClaimFilter(django_filters.FilterSet):
    organisation = IdFilter()
    waiting = django_filters.BooleanFilter(method="filter_waiting")

    class Meta:
        model = ExpenseClaim
        fields = ["organisation"]

    def filter_waiting(
        self, queryset: QuerySet[ExpenseClaim], name: str, value: bool
    ) -> QuerySet[ExpenseClaim]:
        waiting = Exists(
            ExpenseItem.objects.filter(claim=OuterRef("pk"), status=ItemStatus.PENDING)
        )
        return queryset.filter(waiting if value else ~waiting)


class ExpenseClaimListApi(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        parameters=[
            OpenApiParameter("organisation", int, description="Claims to this organisation"),
            OpenApiParameter(
                "waiting",
                bool,
                description="Only claims with items waiting for a decision (or only decided ones)",
            ),
        ],
        responses=ExpenseClaimOutputSerializer(many=True),
        summary="Expense claims I can see",
    )
    def get(self, request: Request) -> Response:
        queryset = filtered(
            ExpenseClaimFilter(request.GET, queryset=expense_claim_list(user=request_user(request)))
        )
        return paginated_response(self, request, queryset, ExpenseClaimOutputSerializer)

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {
                    "organisation": {"type": "integer"},
                    "engagement": {"type": "integer"},
                    "note": {"type": "string"},
                    "items": {"type": "string", "description": "JSON array of items"},
                    "receipt_0": {"type": "string", "format": "binary"},
                },
                "required": ["organisation", "items"],
            },
            "application/json": ExpenseClaimInputSerializer,
        },
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: ExpenseClaimOutputSerializer},
        summary="Claim expenses (contributors); attach receipt_N for item N",
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        if not isinstance(request.data, Mapping):
            raise ApplicationError("Send the claim as a JSON object or as form fields.")
        # Every field sent, so that one we do not take is refused by name (form fields too).
        raw: dict[str, Any] = {
            key: request.data.get(key) for key in request.data if key not in request.FILES
        }
        # An empty form field is a field left out (forms cannot send null).
        raw = {k: v for k, v in raw.items() if not (k in _OPTIONAL and v in (None, ""))}
        items = raw.get("items")
        if isinstance(items, str):
            try:
                raw["items"] = json.loads(items)
            except (json.JSONDecodeError, RecursionError) as exc:
                raise ApplicationError(
                    "The items are not in the right format.",
                    fields={"items": ["Send the items as a JSON list."]},
                ) from exc
        serializer = ExpenseClaimInputSerializer(data=raw)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        receipts = {}
        for name, upload in request.FILES.items():
            if not name.startswith("receipt_") or not name.removeprefix("receipt_").isdigit():
                raise ApplicationError(
                    "Unexpected file.",
                    fields={name: ["Name receipt files receipt_0, receipt_1 and so on."]},
                )
            receipts[int(name.removeprefix("receipt_"))] = upload
        asked = {
            **data,
            "receipts": {str(i): [f.name, f.size] for i, f in sorted(receipts.items())},
        }
        claim = expense_claim_submit(
            contributor=user,
            organisation_id=data["organisation"],
            engagement_id=data.get("engagement"),
            note=data.get("note", ""),
            items=[ItemInput(**item) for item in data["items"]],
            receipts=receipts,
            idempotency_key=idempotency_key_from(request),
            fingerprint=fingerprint(asked),
        )
        return Response(
            ExpenseClaimOutputSerializer(expense_claim_get(user=user, claim_id=claim.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class ExpenseClaimDetailApi(APIView):
    @extend_schema(responses=ExpenseClaimOutputSerializer, summary="One expense claim")
    def get(self, request: Request, claim_id: int) -> Response:
        return Response(
            ExpenseClaimOutputSerializer(
                expense_claim_get(user=request_user(request), claim_id=claim_id)
            ).data
        )


class DecisionSerializer(StrictSerializer):
    items = serializers.ListField(
        child=IdField(), required=False, allow_empty=False, max_length=MAX_IDS_PER_REQUEST
    )
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


def _decide(request: Request, claim_id: int, *, approve: bool) -> Response:
    user = request_user(request)
    claim = expense_claim_get(user=user, claim_id=claim_id)
    membership = membership_get(user=user, organisation_id=claim.organisation_id)
    serializer = DecisionSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    expense_items_decide(
        by=membership,
        claim=claim,
        approve=approve,
        item_ids=serializer.validated_data.get("items"),
        reason=serializer.validated_data["reason"],
    )
    return Response(
        ExpenseClaimOutputSerializer(expense_claim_get(user=user, claim_id=claim_id)).data
    )


class ExpenseClaimApproveApi(APIView):
    @extend_schema(
        request=DecisionSerializer,
        responses=ExpenseClaimOutputSerializer,
        summary="Approve items (finance)",
    )
    def post(self, request: Request, claim_id: int) -> Response:
        return _decide(request, claim_id, approve=True)


class ExpenseClaimRejectApi(APIView):
    @extend_schema(
        request=DecisionSerializer,
        responses=ExpenseClaimOutputSerializer,
        summary="Reject items with a reason (finance)",
    )
    def post(self, request: Request, claim_id: int) -> Response:
        return _decide(request, claim_id, approve=False)


# A receipt is shown in the app's own pages (an image, or a PDF in a frame), never elsewhere:
# it may be framed by the app only, and runs nothing of its own.
RECEIPT_CSP = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
)


class ReceiptApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "download",
                bool,
                description="Send the file to save (attachment) instead of to show (inline).",
            )
        ],
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
        },
        summary="A receipt, to show inline or to download",
    )
    @method_decorator(xframe_options_sameorigin)
    def get(self, request: Request, claim_id: int, item_id: int) -> FileResponse:
        receipt = receipt_get(user=request_user(request), claim_id=claim_id, item_id=item_id)
        response = FileResponse(
            receipt.file.open("rb"),
            as_attachment=request.GET.get("download") in ("1", "true"),
            filename=f"receipt-{claim_id}-{item_id}.{receipt.file.name.rsplit('.', 1)[-1]}",
            content_type=receipt.content_type,
        )
        response["Content-Security-Policy"] = RECEIPT_CSP
        return response
