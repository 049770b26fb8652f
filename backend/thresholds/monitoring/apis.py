"""Earnings and alerts for the contributor; headroom for organisations."""

from __future__ import annotations

from datetime import date
from functools import partial

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.dates import EARLIEST, LATEST, OUT_OF_RANGE
from coproduce.api.errors import ApplicationError
from coproduce.api.pagination import paginated_response
from coproduce.money import MoneyOutput
from periods import uk_today
from thresholds.models import ThresholdAlert

from .alerts import alert_acknowledge
from .messages import alert_message
from .selectors import (
    EARNINGS_NOTE,
    alert_get,
    alert_list,
    earnings_limits,
    engaged_contributors,
    engaged_contributors_detail,
)


class PeriodSerializer(serializers.Serializer):
    kind = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField()  # type: ignore[assignment]


class ForecastSerializer(serializers.Serializer):
    amount = MoneyOutput()
    level = serializers.CharField()
    booked_sessions = serializers.IntegerField()


class LimitSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    benefit = serializers.CharField(allow_blank=True)
    purpose = serializers.CharField(allow_blank=True)
    consequence = serializers.CharField(allow_blank=True)
    period = PeriodSerializer()
    paid = MoneyOutput()
    committed = MoneyOutput()
    counted = MoneyOutput()
    limit = MoneyOutput()
    headroom = MoneyOutput()
    level = serializers.ChoiceField(choices=["ok", "approaching", "reached", "exceeded"])
    forecast = ForecastSerializer()
    vouchers_count = serializers.BooleanField()
    figure_status = serializers.CharField()
    source_title = serializers.CharField(allow_blank=True)
    source_url = serializers.CharField(allow_blank=True)
    unit = serializers.ChoiceField(
        choices=["money", "hours"],
        help_text="hours: counted and limit are hours of work in the benefit week, not pounds",
    )


class EarningsSerializer(serializers.Serializer):
    on = serializers.DateField()
    limits = LimitSerializer(many=True)
    note = serializers.CharField()


def _day(request: Request) -> date:
    """The ``on`` query parameter (default today)."""
    if not request.GET.get("on"):
        return uk_today()
    try:
        on = date.fromisoformat(request.GET["on"])
    except ValueError as exc:
        raise ApplicationError(
            "The date is not right.", fields={"on": ["Enter a date like 2026-11-28."]}
        ) from exc
    if not EARLIEST <= on <= LATEST:
        raise ApplicationError("The date is not right.", fields={"on": [OUT_OF_RANGE]})
    return on


class EarningsApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("on", date, description="The date to look at (default today)")
        ],
        responses=EarningsSerializer,
        summary="My earnings against each limit that applies to me, across every organisation",
    )
    def get(self, request: Request) -> Response:
        on = _day(request)
        limits = earnings_limits(user=request_user(request), on=on)
        return Response(
            EarningsSerializer({"on": on, "limits": limits, "note": EARNINGS_NOTE}).data
        )


class AlertSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField()
    active = serializers.SerializerMethodField(
        help_text="False once the condition no longer holds (see resolved_reason)."
    )

    class Meta:
        model = ThresholdAlert
        fields = [
            "id", "limit_key", "level", "period_kind", "period_start", "period_end", "counted",
            "forecast", "limit", "title", "message", "created_at", "acknowledged_at", "active",
            "resolved_at", "resolved_reason", "history",
        ]  # fmt: skip
        read_only_fields = fields

    def get_title(self, alert: ThresholdAlert) -> str:
        return alert_message(alert)[0]

    def get_message(self, alert: ThresholdAlert) -> str:
        return alert_message(alert)[1]

    def get_active(self, alert: ThresholdAlert) -> bool:
        return alert.resolved_at is None


class AlertListApi(APIView):
    @extend_schema(
        responses=AlertSerializer(many=True), summary="My threshold alerts, newest first"
    )
    def get(self, request: Request) -> Response:
        alerts = alert_list(
            user=request_user(request),
            unacknowledged=request.GET.get("unacknowledged") in ("1", "true"),
        )
        return paginated_response(self, request, alerts, AlertSerializer)


class AlertAcknowledgeApi(APIView):
    @extend_schema(request=None, responses=AlertSerializer, summary="Mark an alert as seen")
    def post(self, request: Request, alert_id: int) -> Response:
        user = request_user(request)
        alert = alert_get(user=user, alert_id=alert_id)
        return Response(AlertSerializer(alert_acknowledge(contributor=user, alert=alert)).data)


class NextFeeSerializer(serializers.Serializer):
    date = serializers.DateField(help_text="The day of the organisation's next booked session.")
    amount = MoneyOutput(help_text="The fee offered for that session.")
    fits = serializers.ChoiceField(
        choices=["fits", "part", "none"],
        help_text="Whether the fee fits within every limit the contributor tracks.",
    )
    fits_amount = MoneyOutput(
        allow_null=True,
        help_text="How much of it fits, when only part does and saying so reveals no limit.",
    )
    text = serializers.CharField()


class EngagedContributorSerializer(serializers.Serializer):
    contributor_id = serializers.IntegerField()
    name = serializers.CharField()
    active_engagements = serializers.IntegerField()
    shares_headroom = serializers.BooleanField()
    status = serializers.ChoiceField(choices=["ok", "near", "over"], allow_null=True)
    next_fee = NextFeeSerializer(
        allow_null=True,
        help_text="Room for your next fee: null without consent or without a booked paid session.",
    )


class OrganisationContributorsApi(APIView):
    @extend_schema(
        responses=EngagedContributorSerializer(many=True),
        summary="Contributors engaged with the organisation; status and room for your next fee "
        "where they allow it",
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        rows = engaged_contributors(user=request_user(request), organisation_id=organisation_id)
        return paginated_response(
            self,
            request,
            rows,
            EngagedContributorSerializer,
            page=partial(engaged_contributors_detail, organisation_id=organisation_id),
        )
