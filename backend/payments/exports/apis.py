"""A payment run's downloads (Xero, accounts payable, Excel, bank file...), the payees' bank
details as finance sees them (masked), and the organisation's export codes."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.errors import NotFound
from coproduce.api.pagination import paginated_response
from coproduce.api.serializers import StrictSerializer
from organisations.selectors import membership_get

from ..bank.selectors import run_payees_masked
from ..runs.selectors import payment_run_get
from .models import ExportFormat
from .services import (
    EXPORT_KINDS,
    KINDS_BY_FORMAT,
    export_filename,
    export_settings_get,
    export_settings_set,
    payment_run_export_as,
)


class RunExportSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=ExportFormat.choices)
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    filename = serializers.CharField()
    content_type = serializers.CharField()
    url = serializers.CharField(help_text="Where to download it (a path on this site).")


class PaymentRunExportListApi(APIView):
    @extend_schema(
        responses=RunExportSerializer(many=True),
        summary="The files a payment run can be downloaded as (finance)",
    )
    def get(self, request: Request, organisation_id: int, run_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        run = payment_run_get(membership=membership, run_id=run_id)
        rows = [
            {
                "format": kind.format.value,
                "label": kind.format.label,
                "filename": export_filename(run, kind),
                "content_type": kind.content_type,
                "url": reverse(
                    "payment-run-export-format",
                    kwargs={
                        "organisation_id": organisation_id,
                        "run_id": run.pk,
                        "export_format": kind.format.value,
                    },
                ),
            }
            for kind in EXPORT_KINDS
        ]
        return paginated_response(self, request, rows, RunExportSerializer)


class PaymentRunExportFormatApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "export_format",
                str,
                OpenApiParameter.PATH,
                enum=ExportFormat.values,
                description="Which file",
            )
        ],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): (
                OpenApiTypes.BINARY
            ),
        },
        summary="Download a payment run in one format (finance; every download is logged)",
    )
    def get(
        self, request: Request, organisation_id: int, run_id: int, export_format: str
    ) -> HttpResponse:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        run = payment_run_get(membership=membership, run_id=run_id)
        if export_format not in KINDS_BY_FORMAT:
            raise NotFound("There is no export in that format.")
        exported = payment_run_export_as(by=membership, run=run, format=export_format)
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        response["Cache-Control"] = "no-store"
        return response


class RunPayeeSerializer(serializers.Serializer):
    contributor_id = serializers.IntegerField()
    contributor_reference = serializers.CharField()
    payee_name = serializers.CharField()
    has_bank_details = serializers.BooleanField()
    sort_code_masked = serializers.CharField(allow_blank=True)
    account_number_masked = serializers.CharField(allow_blank=True)


class PaymentRunPayeesApi(APIView):
    @extend_schema(
        responses=RunPayeeSerializer(many=True),
        summary="Who a run pays by bank transfer, with bank details masked (finance; logged)",
    )
    def get(self, request: Request, organisation_id: int, run_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        run = payment_run_get(membership=membership, run_id=run_id)
        payees = run_payees_masked(membership=membership, run=run)
        return paginated_response(self, request, payees, RunPayeeSerializer)


def _code(help_text: str = "") -> serializers.CharField:
    return serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text=help_text or None
    )


class ExportSettingsSerializer(StrictSerializer):
    fee_nominal_code = _code("Nominal code for fees")
    travel_nominal_code = _code()
    mileage_nominal_code = _code()
    care_nominal_code = _code()
    meals_nominal_code = _code()
    internet_phone_nominal_code = _code()
    other_nominal_code = _code()
    cost_centre = serializers.CharField(max_length=40, required=False, allow_blank=True)
    tax_code = serializers.CharField(
        max_length=40,
        required=False,
        help_text="The tax rate's name in your finance system, such as 'No VAT' in Xero.",
        error_messages={"blank": "Enter the tax rate's name, such as No VAT."},
    )
    bank_reference = serializers.RegexField(
        r"^[A-Za-z0-9.&/\- ]*$",
        max_length=10,
        required=False,
        allow_blank=True,
        error_messages={
            "invalid": "Use only letters, numbers, spaces and . & / - (banks accept no others)."
        },
        help_text="Shown on payees' bank statements before their reference (up to 10).",
    )


class ExportSettingsApi(APIView):
    @extend_schema(
        responses=ExportSettingsSerializer,
        summary="Nominal codes, cost centre and tax code for exports (finance)",
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        return Response(ExportSettingsSerializer(export_settings_get(membership=membership)).data)

    @extend_schema(
        request=ExportSettingsSerializer,
        responses=ExportSettingsSerializer,
        summary="Change the codes used in exports (finance)",
    )
    def put(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        serializer = ExportSettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        codes = export_settings_set(by=membership, data=dict(serializer.validated_data))
        return Response(ExportSettingsSerializer(codes).data)
