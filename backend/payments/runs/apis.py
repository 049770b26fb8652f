"""Payment runs (finance): list, batch, give a pay date, preview which fees fit on a day,
export as CSV and mark paid."""

from __future__ import annotations

from datetime import date

import django_filters
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.dates import DayField
from coproduce.api.ids import IdField
from coproduce.api.pagination import paginated_response
from coproduce.api.serializers import StrictSerializer
from coproduce.money import MoneyOutput
from organisations.models import Membership
from organisations.selectors import membership_get

from ..exports.models import ExportFormat
from ..exports.services import payment_run_export_as
from ..fees.apis import MAX_IDS_PER_REQUEST, PaidOnSerializer, filtered
from ..models import PaymentRun, RunStatus
from .planning import payment_run_preview
from .selectors import payment_run_get, payment_run_list
from .services import (
    payment_run_create,
    payment_run_mark_paid,
    payment_run_schedule,
)


class PaymentRunOutputSerializer(serializers.ModelSerializer):
    # Counted in the one query that lists the runs (see runs.selectors).
    payment_count = serializers.IntegerField(read_only=True)
    total = MoneyOutput()

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


def _run_answer(membership: Membership, run_id: int, http_status: int = 200) -> Response:
    """A run as answered, read again with its count and total (see runs.selectors)."""
    run = payment_run_get(membership=membership, run_id=run_id)
    return Response(PaymentRunOutputSerializer(run).data, status=http_status)


class RunFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RunStatus.choices)

    class Meta:
        model = PaymentRun
        fields = ["status"]


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
        parameters=[OpenApiParameter("status", str, enum=RunStatus.values)],
        responses=PaymentRunOutputSerializer(many=True),
        summary="Payment runs (finance)",
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        runs = filtered(RunFilter(request.GET, queryset=payment_run_list(membership=membership)))
        return paginated_response(self, request, runs, PaymentRunOutputSerializer)

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
        run = payment_run_create(
            by=membership,
            payment_ids=serializer.validated_data.get("payments"),
            pay_on=serializer.validated_data.get("pay_on"),
        )
        return _run_answer(membership, run.pk, http_status=status.HTTP_201_CREATED)


class PaymentRunDetailApi(APIView):
    @extend_schema(responses=PaymentRunOutputSerializer, summary="One payment run (finance)")
    def get(self, request: Request, organisation_id: int, run_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        return _run_answer(membership, run_id)


class PaymentRunExportApi(APIView):
    @extend_schema(
        responses={(200, "text/csv"): OpenApiTypes.STR}, summary="Export a run as CSV (finance)"
    )
    def get(self, request: Request, organisation_id: int, run_id: int) -> HttpResponse:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        run = payment_run_get(membership=membership, run_id=run_id)
        # Logged like every other export (see payments.exports).
        exported = payment_run_export_as(by=membership, run=run, format=ExportFormat.CSV)
        response = HttpResponse(exported.content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{run.reference}.csv"'
        return response


class PayOnSerializer(StrictSerializer):
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
        payment_run_schedule(by=membership, run=run, pay_on=serializer.validated_data["pay_on"])
        return _run_answer(membership, run.pk)


class PreviewFeeSerializer(serializers.Serializer):
    payment_id = serializers.IntegerField()
    contributor_reference = serializers.CharField()
    contributor_name = serializers.CharField()
    description = serializers.CharField()
    payable = MoneyOutput()
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
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        StrictSerializer(data=request.data).is_valid(raise_exception=True)  # no body: a query
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
        return paginated_response(self, request, rows, PreviewFeeSerializer)


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
        payment_run_mark_paid(by=membership, run=run, paid_on=serializer.validated_data["paid_on"])
        return _run_answer(membership, run.pk)
