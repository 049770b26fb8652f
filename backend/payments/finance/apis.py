"""Finance settings and the organisation dashboard."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.errors import NotFound
from coproduce.api.serializers import StrictSerializer
from coproduce.money import MoneyInput, MoneyOutput
from organisations.selectors import membership_get

from ..models import FinanceSettings, MileageRate
from .selectors import finance_settings_for, mileage_rate_list, organisation_dashboard
from .services import finance_settings_set, mileage_rate_remove, mileage_rate_set

# The tax years a rate may be set for (as the database constraint allows).
MIN_TAX_YEAR, MAX_TAX_YEAR = 2000, 2100


class FinanceSettingsSerializer(StrictSerializer):
    mileage_rate = MoneyInput(max_value=5)
    monthly_budget = MoneyInput(
        required=False, allow_null=True, max_value=10_000_000, max_digits=12
    )
    tax_year_budget = MoneyInput(
        required=False, allow_null=True, max_value=10_000_000, max_digits=12
    )
    receipts_required = serializers.BooleanField(required=False)


class MileageRateOutputSerializer(serializers.Serializer):
    tax_year = serializers.IntegerField(
        help_text="The year the tax year starts in: 2026 is 6 April 2026 to 5 April 2027."
    )
    tax_year_label = serializers.SerializerMethodField()
    rate = MoneyOutput()

    def get_tax_year_label(self, row: MileageRate) -> str:
        return f"{row.tax_year} to {row.tax_year + 1}"


class FinanceSettingsOutputSerializer(serializers.Serializer):
    mileage_rate = MoneyOutput(
        help_text="Pounds per mile for journeys in a tax year without its own rate."
    )
    mileage_rates = serializers.SerializerMethodField()
    monthly_budget = MoneyOutput(allow_null=True)
    tax_year_budget = MoneyOutput(allow_null=True)
    receipts_required = serializers.BooleanField()

    @extend_schema_field(MileageRateOutputSerializer(many=True))
    def get_mileage_rates(self, settings: FinanceSettings) -> list[dict[str, Any]]:
        rows = mileage_rate_list(organisation=settings.organisation)
        return list(MileageRateOutputSerializer(rows, many=True).data)


class FinanceSettingsApi(APIView):
    @extend_schema(
        responses=FinanceSettingsOutputSerializer,
        summary="Mileage rates, receipts and budgets",
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        return Response(
            FinanceSettingsOutputSerializer(finance_settings_for(membership.organisation)).data
        )

    @extend_schema(
        request=FinanceSettingsSerializer,
        responses=FinanceSettingsOutputSerializer,
        summary="Change finance settings (finance, admins)",
    )
    def put(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        serializer = FinanceSettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        settings = finance_settings_set(by=membership, data=dict(serializer.validated_data))
        return Response(FinanceSettingsOutputSerializer(settings).data)


class MileageRateInputSerializer(StrictSerializer):
    rate = MoneyInput(max_value=5, help_text="Pounds per mile, for example 0.45.")


class MileageRateApi(APIView):
    @extend_schema(
        request=MileageRateInputSerializer,
        responses=MileageRateOutputSerializer,
        summary="Set the mileage rate for a tax year (finance, admins)",
    )
    def put(self, request: Request, organisation_id: int, tax_year: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        if not MIN_TAX_YEAR <= tax_year <= MAX_TAX_YEAR:
            raise NotFound("There is no such tax year.")
        serializer = MileageRateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = mileage_rate_set(
            by=membership, tax_year=tax_year, rate=serializer.validated_data["rate"]
        )
        return Response(MileageRateOutputSerializer(row).data)

    @extend_schema(
        responses={204: None},
        summary="Remove a tax year's mileage rate: the default rate applies (finance, admins)",
    )
    def delete(self, request: Request, organisation_id: int, tax_year: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        mileage_rate_remove(by=membership, tax_year=tax_year)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SpendSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    fees = MoneyOutput()
    expenses = MoneyOutput()
    total = MoneyOutput()
    budget = MoneyOutput(allow_null=True)
    remaining = MoneyOutput(allow_null=True)


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
    pending_total = MoneyOutput()
    approved_not_in_run = serializers.IntegerField()
    open_expense_items = serializers.IntegerField()
    next_sessions = DashboardSessionSerializer(many=True)


class DashboardApi(APIView):
    @extend_schema(
        responses=DashboardSerializer, summary="Spend, budgets, approvals and next sessions"
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        return Response(
            DashboardSerializer(organisation_dashboard(organisation=membership.organisation)).data
        )
