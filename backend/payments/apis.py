from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import django_filters
from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import AccountType, User
from coproduce.api.dates import DayField
from coproduce.api.errors import ApplicationError, NotFound, PermissionDenied
from coproduce.api.ids import IdField, IdFilter
from coproduce.api.pagination import LongListPagination, StandardPagination
from coproduce.api.parsers import JSONParser
from coproduce.api.requests import request_user
from coproduce.api.serializers import StrictSerializer
from coproduce.money import MoneyInput
from organisations.permissions import FINANCE_ROLES, require_role
from organisations.selectors import membership_get

from . import services
from .expenses import (
    ItemInput,
    claim_status,
    expense_claim_submit,
    expense_items_decide,
    finance_settings_for,
)
from .models import (
    CAP_PERIODS,
    ExpenseCategory,
    ExpenseClaim,
    ExpenseItem,
    Payment,
    PaymentChoice,
    PaymentKind,
    PaymentMethod,
    PaymentPreference,
    PaymentRun,
    PaymentStatus,
)
from .reasons import reason_for
from .selectors import (
    expense_claim_get,
    expense_claim_list,
    payment_get,
    payment_list,
    payment_run_get,
    payment_run_list,
)

# A payment run or a decision names at most this many payments or items at once.
MAX_IDS_PER_REQUEST = 1000


def _paginate(
    view: APIView,
    request: Request,
    queryset: Any,
    serializer: type[serializers.Serializer],
    pagination: type[StandardPagination] = StandardPagination,
) -> Response:
    paginator = pagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(
        serializer(page, many=True, context={"request": request}).data
    )


# Preference ----------------------------------------------------------------------------------


class ChoiceSerializer(StrictSerializer):
    choice = serializers.ChoiceField(choices=PaymentChoice.choices)
    reduced_amount = MoneyInput(required=False, allow_null=True, min_value=None)
    cap_amount = MoneyInput(required=False, allow_null=True, min_value=None)
    cap_period = serializers.ChoiceField(choices=CAP_PERIODS, required=False, allow_blank=True)
    charity_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for field in ("reduced_amount", "cap_amount"):
            value = attrs.get(field)
            if value is not None and value < 0:
                raise serializers.ValidationError({field: "Enter an amount of £0.00 or more."})
        return attrs


class ChoiceOutputSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=PaymentChoice.choices)
    reduced_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    cap_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    cap_period = serializers.CharField(allow_blank=True)
    charity_name = serializers.CharField(allow_blank=True)
    method = serializers.ChoiceField(choices=PaymentMethod.choices)


class PreferenceOutputSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=PaymentChoice.choices)
    reduced_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    cap_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    cap_period = serializers.CharField(allow_blank=True)
    charity_name = serializers.CharField(allow_blank=True)
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    is_set = serializers.BooleanField()


def _preference_out(preference: PaymentPreference | None) -> dict[str, Any]:
    if preference is None:
        return dict(
            PreferenceOutputSerializer(
                {
                    "choice": PaymentChoice.FULL,
                    "reduced_amount": None,
                    "cap_amount": None,
                    "cap_period": "",
                    "charity_name": "",
                    "method": PaymentMethod.BANK_TRANSFER,
                    "is_set": False,
                }
            ).data
        )
    return dict(PreferenceOutputSerializer({**preference.as_dict(), "is_set": True}).data)


class PaymentPreferenceApi(APIView):
    def _contributor(self, request: Request) -> User:
        user = request_user(request)
        if user.account_type != AccountType.CONTRIBUTOR:
            raise PermissionDenied("Only contributors have a payment preference.")
        return user

    @extend_schema(responses=PreferenceOutputSerializer, summary="My default payment choice")
    def get(self, request: Request) -> Response:
        user = self._contributor(request)
        return Response(_preference_out(PaymentPreference.objects.filter(contributor=user).first()))

    @extend_schema(
        request=ChoiceSerializer,
        responses=PreferenceOutputSerializer,
        summary="Set my default payment choice (full, reduced, capped, expenses only, donate)",
    )
    def put(self, request: Request) -> Response:
        user = self._contributor(request)
        serializer = ChoiceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        preference = services.preference_set(contributor=user, data=dict(serializer.validated_data))
        return Response(_preference_out(preference))


# Payments ------------------------------------------------------------------------------------


class PaymentOutputSerializer(serializers.ModelSerializer):
    contributor_name = serializers.CharField(source="contributor.full_name")
    organisation_name = serializers.CharField(source="organisation.name")
    choice_reason = serializers.SerializerMethodField(
        help_text="Why the fee is this amount. The contributor reads the full reason; "
        "organisation staff read one that names no cap, limit, period or other organisation."
    )

    class Meta:
        model = Payment
        fields = [
            "id", "organisation", "organisation_name", "contributor", "contributor_name",
            "engagement", "attendance", "kind", "description", "offered", "payable", "waived",
            "choice", "choice_reason", "donated_to", "method", "due_on", "paid_on", "planned_on",
            "counts_on", "hours", "time_based", "status", "run", "created_at", "approved_at",
            "cancelled_at", "cancel_reason",
        ]  # fmt: skip
        read_only_fields = fields

    def get_choice_reason(self, payment: Payment) -> str:
        request = self.context.get("request")
        return reason_for(payment, viewer=getattr(request, "user", None))


class PaymentFilter(django_filters.FilterSet):
    organisation = IdFilter()
    contributor = IdFilter()
    engagement = IdFilter()
    status = django_filters.ChoiceFilter(choices=PaymentStatus.choices)
    kind = django_filters.ChoiceFilter(choices=PaymentKind.choices)
    counts_from = django_filters.DateFilter(field_name="counts_on", lookup_expr="gte")
    counts_to = django_filters.DateFilter(field_name="counts_on", lookup_expr="lte")
    in_run = django_filters.BooleanFilter(field_name="run", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Payment
        fields = ["organisation", "contributor", "engagement", "status", "kind"]


def _filtered(filterset: django_filters.FilterSet) -> Any:
    if not filterset.is_valid():
        raise ApplicationError(
            "Some of the filters are not right.",
            fields={k: [str(m) for m in v] for k, v in filterset.errors.items()},
        )
    return filterset.qs


class PaymentRecordSerializer(StrictSerializer):
    organisation = IdField()
    contributor = IdField()
    engagement = IdField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=PaymentKind.choices)
    amount = MoneyInput()
    description = serializers.CharField(max_length=300)
    due_on = DayField()
    method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False)
    hours = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        required=False,
        allow_null=True,
        help_text="Hours of work the fee is for. Needed for a fee unless time_based is false.",
    )
    time_based = serializers.BooleanField(
        required=False,
        default=True,
        help_text="False for a fee that is not paid by time (a papers review): no hours needed.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if (
            attrs["kind"] == PaymentKind.FEE
            and attrs.get("time_based", True)
            and attrs.get("hours") is None
        ):
            raise serializers.ValidationError(
                {
                    "hours": [
                        "Enter the hours this fee is for, or say it is not time-based "
                        "(for example a papers review)."
                    ]
                }
            )
        return attrs


def _fingerprint(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class PaymentListApi(APIView):
    @extend_schema(
        parameters=[PaymentFilter],
        responses=PaymentOutputSerializer(many=True),
        summary="Payments I can see (my organisations', or my own as a contributor)",
    )
    def get(self, request: Request) -> Response:
        queryset = _filtered(
            PaymentFilter(request.GET, queryset=payment_list(user=request_user(request)))
        )
        return _paginate(
            self, request, queryset, PaymentOutputSerializer, pagination=LongListPagination
        )

    @extend_schema(
        request=PaymentRecordSerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="Send the same key to retry safely: the first result is returned.",
            )
        ],
        responses={201: PaymentOutputSerializer, 409: OpenApiResponse(description="Key reused")},
        summary="Record a fee (the contributor's payment choice is applied) or an expense",
    )
    def post(self, request: Request) -> Response:
        from opportunities.models import Engagement

        serializer = PaymentRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        membership = membership_get(
            user=request_user(request), organisation_id=data["organisation"]
        )
        contributor = User.objects.filter(pk=data["contributor"]).first()
        if contributor is None:
            raise ApplicationError(
                "There is no contributor with that id.",
                fields={"contributor": ["Choose a contributor who works with your organisation."]},
            )
        engagement = None
        if data.get("engagement") is not None:
            engagement = (
                Engagement.objects.select_related("opportunity")
                .filter(
                    pk=data["engagement"], opportunity__organisation_id=membership.organisation_id
                )
                .first()
            )
            if engagement is None:
                raise ApplicationError(
                    "There is no engagement with that id in your organisation.",
                    fields={"engagement": ["Choose an engagement of your organisation."]},
                )
        key = request.headers.get("Idempotency-Key", "").strip() or None
        if key is not None and len(key) > 200:
            raise ApplicationError(
                "The Idempotency-Key is too long.",
                fields={"Idempotency-Key": ["Use a key of 200 characters or fewer."]},
            )
        result = services.payment_record(
            by=membership,
            contributor=contributor,
            kind=data["kind"],
            amount=data["amount"],
            description=data["description"],
            due_on=data["due_on"],
            method=data.get("method"),
            engagement=engagement,
            idempotency_key=key,
            fingerprint=_fingerprint(data),
            hours=data.get("hours"),
            time_based=data.get("time_based", True),
        )
        response = Response(
            PaymentOutputSerializer(result.payment).data, status=status.HTTP_201_CREATED
        )
        if result.replayed:
            response["Idempotent-Replayed"] = "true"
        return response


class PaymentDetailApi(APIView):
    @extend_schema(responses=PaymentOutputSerializer, summary="One payment")
    def get(self, request: Request, payment_id: int) -> Response:
        return Response(
            PaymentOutputSerializer(
                payment_get(user=request_user(request), payment_id=payment_id),
                context={"request": request},
            ).data
        )


def _payment_for_member(request: Request, payment_id: int) -> tuple[Any, Payment]:
    user = request_user(request)
    payment = payment_get(user=user, payment_id=payment_id)
    membership = membership_get(user=user, organisation_id=payment.organisation_id)
    return membership, payment


class PaymentApproveApi(APIView):
    @extend_schema(
        request=None, responses=PaymentOutputSerializer, summary="Approve a payment (finance)"
    )
    def post(self, request: Request, payment_id: int) -> Response:
        membership, payment = _payment_for_member(request, payment_id)
        return Response(
            PaymentOutputSerializer(services.payment_approve(by=membership, payment=payment)).data
        )


class PaymentCancelApi(APIView):
    class CancelSerializer(StrictSerializer):
        reason = serializers.CharField(max_length=1000)

    @extend_schema(
        request=CancelSerializer,
        responses=PaymentOutputSerializer,
        summary="Cancel a payment (finance)",
    )
    def post(self, request: Request, payment_id: int) -> Response:
        membership, payment = _payment_for_member(request, payment_id)
        serializer = self.CancelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cancelled = services.payment_cancel(
            by=membership, payment=payment, reason=serializer.validated_data["reason"]
        )
        return Response(PaymentOutputSerializer(cancelled).data)


class PaidOnSerializer(StrictSerializer):
    paid_on = DayField()


class PaymentMarkPaidApi(APIView):
    @extend_schema(
        request=PaidOnSerializer,
        responses=PaymentOutputSerializer,
        summary="Mark a payment paid (finance)",
    )
    def post(self, request: Request, payment_id: int) -> Response:
        membership, payment = _payment_for_member(request, payment_id)
        serializer = PaidOnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        paid = services.payment_mark_paid(
            by=membership, payment=payment, paid_on=serializer.validated_data["paid_on"]
        )
        return Response(PaymentOutputSerializer(paid).data)


class PaymentRescheduleApi(APIView):
    class RescheduleSerializer(StrictSerializer):
        due_on = DayField()

    @extend_schema(
        request=RescheduleSerializer,
        responses=PaymentOutputSerializer,
        summary="Move an unpaid payment's due date (a capped fee is decided again there)",
    )
    def post(self, request: Request, payment_id: int) -> Response:
        membership, payment = _payment_for_member(request, payment_id)
        serializer = self.RescheduleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        moved = services.payment_reschedule(
            by=membership, payment=payment, due_on=serializer.validated_data["due_on"]
        )
        return Response(PaymentOutputSerializer(moved).data)


# Expense claims ------------------------------------------------------------------------------


class ExpenseItemOutputSerializer(serializers.ModelSerializer):
    has_receipt = serializers.SerializerMethodField()

    class Meta:
        model = ExpenseItem
        fields = [
            "id", "category", "description", "spent_on", "miles", "amount", "status",
            "decision_reason", "decided_at", "payment", "has_receipt",
        ]  # fmt: skip
        read_only_fields = fields

    def get_has_receipt(self, item: ExpenseItem) -> bool:
        return hasattr(item, "receipt")


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


class ExpenseClaimListApi(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        responses=ExpenseClaimOutputSerializer(many=True), summary="Expense claims I can see"
    )
    def get(self, request: Request) -> Response:
        return _paginate(
            self,
            request,
            expense_claim_list(user=request_user(request)),
            ExpenseClaimOutputSerializer,
        )

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
        responses={201: ExpenseClaimOutputSerializer},
        summary="Claim expenses (contributors); attach receipt_N for item N",
    )
    def post(self, request: Request) -> Response:
        from opportunities.models import Engagement
        from organisations.models import Organisation

        user = request_user(request)
        if user.account_type != AccountType.CONTRIBUTOR:
            raise PermissionDenied("Only contributors can claim expenses.")
        if not isinstance(request.data, Mapping):
            raise ApplicationError("Send the claim as a JSON object or as form fields.")
        raw: dict[str, Any] = {
            key: request.data.get(key) for key in ("organisation", "engagement", "note")
        }
        raw = {k: v for k, v in raw.items() if v not in (None, "")}
        items = request.data.get("items")
        if isinstance(items, str):
            try:
                items = json.loads(items)
            except (json.JSONDecodeError, RecursionError) as exc:
                raise ApplicationError(
                    "The items are not in the right format.",
                    fields={"items": ["Send the items as a JSON list."]},
                ) from exc
        raw["items"] = items
        serializer = ExpenseClaimInputSerializer(data=raw)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = Organisation.objects.filter(pk=data["organisation"]).first()
        if organisation is None:
            raise ApplicationError(
                "There is no such organisation.",
                fields={"organisation": ["Choose an organisation you work with."]},
            )
        engagement = None
        if data.get("engagement"):
            engagement = Engagement.objects.filter(pk=data["engagement"], contributor=user).first()
            if engagement is None:
                raise NotFound("There is no engagement with that id that you can see.")
        receipts = {}
        for name, upload in request.FILES.items():
            if not name.startswith("receipt_") or not name.removeprefix("receipt_").isdigit():
                raise ApplicationError(
                    "Unexpected file.",
                    fields={name: ["Name receipt files receipt_0, receipt_1 and so on."]},
                )
            receipts[int(name.removeprefix("receipt_"))] = upload
        claim = expense_claim_submit(
            contributor=user,
            organisation=organisation,
            engagement=engagement,
            note=data.get("note", ""),
            items=[ItemInput(**item) for item in data["items"]],
            receipts=receipts,
            idempotency_key=request.headers.get("Idempotency-Key", "").strip()[:200] or None,
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


class ReceiptApi(APIView):
    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        summary="Download a receipt",
    )
    def get(self, request: Request, claim_id: int, item_id: int) -> FileResponse:
        user = request_user(request)
        claim = expense_claim_get(user=user, claim_id=claim_id)
        if claim.contributor_id != user.pk:
            membership = membership_get(user=user, organisation_id=claim.organisation_id)
            if membership.role not in FINANCE_ROLES:
                raise NotFound("There is no receipt with that id that you can see.")
        item = claim.items.filter(pk=item_id).select_related("receipt").first()
        if item is None or not hasattr(item, "receipt"):
            raise NotFound("There is no receipt for that item.")
        receipt = item.receipt
        return FileResponse(
            receipt.file.open("rb"),
            as_attachment=True,
            filename=f"receipt-{claim.pk}-{item.pk}.{receipt.file.name.rsplit('.', 1)[-1]}",
            content_type=receipt.content_type,
        )


# Payment runs --------------------------------------------------------------------------------


class PaymentRunOutputSerializer(serializers.ModelSerializer):
    payment_count = serializers.SerializerMethodField()
    total = serializers.SerializerMethodField()

    class Meta:
        model = PaymentRun
        fields = [
            "id",
            "organisation",
            "reference",
            "status",
            "created_at",
            "exported_at",
            "pay_on",
            "paid_on",
            "payment_count",
            "total",
        ]
        read_only_fields = fields

    def get_payment_count(self, run: PaymentRun) -> int:
        return run.payments.count()

    def get_total(self, run: PaymentRun) -> str:
        return f"{sum((p.payable for p in run.payments.all()), start=0):.2f}"


class PaymentRunListApi(APIView):
    class RunCreateSerializer(StrictSerializer):
        payments = serializers.ListField(
            child=IdField(), required=False, allow_empty=False, max_length=MAX_IDS_PER_REQUEST
        )
        pay_on = DayField(
            required=False,
            help_text="The day finance plans to pay the run; its payments count on that day.",
        )

    @extend_schema(
        responses=PaymentRunOutputSerializer(many=True), summary="Payment runs (finance)"
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        require_role(membership, FINANCE_ROLES, action="see payment runs")
        return _paginate(
            self, request, payment_run_list(membership=membership), PaymentRunOutputSerializer
        )

    @extend_schema(
        request=RunCreateSerializer,
        responses={
            201: PaymentRunOutputSerializer,
            409: OpenApiResponse(description="A fee would pass a cap on the pay date"),
        },
        summary="Batch approved payments into a run (finance)",
    )
    def post(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        serializer = self.RunCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        run = services.payment_run_create(
            by=membership,
            payment_ids=serializer.validated_data.get("payments"),
            pay_on=serializer.validated_data.get("pay_on"),
        )
        return Response(PaymentRunOutputSerializer(run).data, status=status.HTTP_201_CREATED)


class PaymentRunDetailApi(APIView):
    @extend_schema(responses=PaymentRunOutputSerializer, summary="One payment run (finance)")
    def get(self, request: Request, organisation_id: int, run_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        require_role(membership, FINANCE_ROLES, action="see payment runs")
        return Response(
            PaymentRunOutputSerializer(payment_run_get(membership=membership, run_id=run_id)).data
        )


class PaymentRunExportApi(APIView):
    @extend_schema(
        responses={(200, "text/csv"): OpenApiTypes.STR}, summary="Export a run as CSV (finance)"
    )
    def get(self, request: Request, organisation_id: int, run_id: int) -> HttpResponse:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        require_role(membership, FINANCE_ROLES, action="export payment runs")
        run = payment_run_get(membership=membership, run_id=run_id)
        content = services.payment_run_export(by=membership, run=run)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{run.reference}.csv"'
        return response


class PayOnSerializer(serializers.Serializer):
    pay_on = DayField()


class PaymentRunScheduleApi(APIView):
    @extend_schema(
        request=PayOnSerializer,
        responses={
            200: PaymentRunOutputSerializer,
            409: OpenApiResponse(description="A fee would pass a cap on that day"),
        },
        summary="Give a run the day finance plans to pay it (finance)",
    )
    def post(self, request: Request, organisation_id: int, run_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        run = payment_run_get(membership=membership, run_id=run_id)
        serializer = PayOnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        planned = services.payment_run_schedule(
            by=membership, run=run, pay_on=serializer.validated_data["pay_on"]
        )
        return Response(PaymentRunOutputSerializer(planned).data)


class PreviewFeeSerializer(serializers.Serializer):
    payment_id = serializers.IntegerField()
    contributor_reference = serializers.CharField()
    payable = serializers.DecimalField(max_digits=12, decimal_places=2)
    fits = serializers.BooleanField()
    fits_from = serializers.DateField(allow_null=True)
    message = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(
        choices=["ok", "near", "over"],
        allow_null=True,
        help_text="For contributors who share headroom: their status if paid on that day.",
    )


class PaymentRunPreviewApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("paid_on", date, required=True, description="The pay date to try"),
            OpenApiParameter(
                "payment_ids",
                int,
                many=True,
                description="Payments to try (default: approved payments not in a run)",
            ),
        ],
        responses=PreviewFeeSerializer(many=True),
        summary="Which fees fit their caps if paid on a day, and which are held (finance)",
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        from .planning import payment_run_preview

        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        require_role(membership, FINANCE_ROLES, action="plan payment runs")
        query = PreviewQuerySerializer(
            data={
                "paid_on": request.GET.get("paid_on"),
                "payment_ids": request.GET.getlist("payment_ids") or None,
            }
        )
        query.is_valid(raise_exception=True)
        rows = payment_run_preview(
            membership=membership,
            paid_on=query.validated_data["paid_on"],
            payment_ids=query.validated_data.get("payment_ids"),
        )
        return _paginate(self, request, rows, PreviewFeeSerializer)


class PreviewQuerySerializer(serializers.Serializer):
    paid_on = DayField()
    payment_ids = serializers.ListField(
        child=IdField(), required=False, allow_null=True, max_length=MAX_IDS_PER_REQUEST
    )


class PaymentRunMarkPaidApi(APIView):
    @extend_schema(
        request=PaidOnSerializer,
        responses=PaymentRunOutputSerializer,
        summary="Mark every payment in a run paid (finance)",
    )
    def post(self, request: Request, organisation_id: int, run_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        run = payment_run_get(membership=membership, run_id=run_id)
        serializer = PaidOnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        paid = services.payment_run_mark_paid(
            by=membership, run=run, paid_on=serializer.validated_data["paid_on"]
        )
        return Response(PaymentRunOutputSerializer(paid).data)


class FinanceSettingsSerializer(StrictSerializer):
    mileage_rate = MoneyInput(max_value=5)
    monthly_budget = MoneyInput(
        required=False, allow_null=True, max_value=10_000_000, max_digits=12
    )
    tax_year_budget = MoneyInput(
        required=False, allow_null=True, max_value=10_000_000, max_digits=12
    )
    receipts_required = serializers.BooleanField(required=False)


class FinanceSettingsApi(APIView):
    @extend_schema(
        responses=FinanceSettingsSerializer, summary="Mileage rate, receipts and budgets"
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        return Response(
            FinanceSettingsSerializer(finance_settings_for(membership.organisation)).data
        )

    @extend_schema(
        request=FinanceSettingsSerializer,
        responses=FinanceSettingsSerializer,
        summary="Change finance settings (finance, admins)",
    )
    def put(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        serializer = FinanceSettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        settings = services.finance_settings_set(
            by=membership, data=dict(serializer.validated_data)
        )
        return Response(FinanceSettingsSerializer(settings).data)


class SpendSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    fees = serializers.DecimalField(max_digits=12, decimal_places=2)
    expenses = serializers.DecimalField(max_digits=12, decimal_places=2)
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    budget = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    remaining = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)


class DashboardSessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    opportunity_id = serializers.IntegerField()
    opportunity_title = serializers.CharField()
    date = serializers.DateField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()


class DashboardSerializer(serializers.Serializer):
    this_month = SpendSerializer()
    this_tax_year = SpendSerializer()
    pending_approvals = serializers.IntegerField()
    pending_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    approved_not_in_run = serializers.IntegerField()
    open_expense_items = serializers.IntegerField()
    next_sessions = DashboardSessionSerializer(many=True)


class DashboardApi(APIView):
    @extend_schema(
        responses=DashboardSerializer, summary="Spend, budgets, approvals and next sessions"
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        from .dashboard import organisation_dashboard

        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        return Response(
            DashboardSerializer(organisation_dashboard(organisation=membership.organisation)).data
        )
