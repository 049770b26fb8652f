from __future__ import annotations

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coproduce.money import MoneyOutput
from periods import uk_today
from thresholds.models import RuleStatus, ThresholdRule

from .book import tax_year_label
from .selectors import rules_in_force


class ThresholdRuleOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    benefit = serializers.CharField()
    benefit_name = serializers.CharField(source="get_benefit_display")
    purpose = serializers.CharField()
    consequence = serializers.CharField()
    limit = MoneyOutput()
    period_kind = serializers.CharField()
    period_name = serializers.CharField(source="get_period_kind_display")
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(allow_null=True)
    applies_by = serializers.CharField()
    vouchers_count = serializers.BooleanField()
    status = serializers.SerializerMethodField(
        help_text="confirmed, or estimated (including a figure carried forward past its year)"
    )
    status_note = serializers.SerializerMethodField(
        help_text='"confirmed", "estimated" or "carried forward, not yet confirmed for 2027/28"'
    )
    published_for_tax_year = serializers.CharField()
    source_title = serializers.CharField()
    source_url = serializers.URLField()
    note = serializers.CharField()
    data_version = serializers.CharField()

    def _carried(self, rule: ThresholdRule) -> bool:
        on: date = self.context["on"]
        published = rule.published_for_tax_year
        return bool(published) and tax_year_label(on) > published

    def get_status(self, rule: ThresholdRule) -> str:
        return RuleStatus.ESTIMATED if self._carried(rule) else rule.status

    def get_status_note(self, rule: ThresholdRule) -> str:
        if self._carried(rule):
            return f"carried forward, not yet confirmed for {tax_year_label(self.context['on'])}"
        return rule.status


class ThresholdListOutputSerializer(serializers.Serializer):
    on = serializers.DateField()
    advice = serializers.CharField()
    rules = ThresholdRuleOutputSerializer(many=True)


ADVICE = (
    "Coproduce keeps track of money against published limits. It cannot tell you what benefits "
    "you are entitled to. For free, independent advice, contact Citizens Advice, Turn2us or "
    "Disability Rights UK, or the NIHR Benefits Advice Service for Involvement."
)


class ThresholdListApi(APIView):
    permission_classes = [AllowAny]

    class FilterSerializer(serializers.Serializer):
        on = serializers.DateField(
            required=False,
            error_messages={"invalid": "Enter a date like 2026-04-06 (year-month-day)."},
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "on",
                OpenApiTypes.DATE,
                description="The date to show limits for (default: today, UK time).",
            )
        ],
        responses=ThresholdListOutputSerializer,
        summary="The benefit and tax limits in force on a date, with their sources",
        auth=[],
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        on: date = filters.validated_data.get("on") or uk_today()
        payload = {"on": on, "advice": ADVICE, "rules": list(rules_in_force(on=on))}
        return Response(ThresholdListOutputSerializer(payload, context={"on": on}).data)
