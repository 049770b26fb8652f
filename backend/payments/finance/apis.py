"""Finance settings and the organisation dashboard."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.serializers import StrictSerializer
from coproduce.money import MoneyInput, MoneyOutput
from organisations.selectors import membership_get

from .selectors import finance_settings_for, organisation_dashboard
from .services import finance_settings_set


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
        settings = finance_settings_set(by=membership, data=dict(serializer.validated_data))
        return Response(FinanceSettingsSerializer(settings).data)


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
