"""Output shapes shared by the role, application and engagement answers (and by the payments
app, which answers for engagements and attendance)."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from coproduce.api.dates import DayField
from coproduce.api.ids import IdField
from coproduce.api.serializers import StrictSerializer
from coproduce.money import MoneyOutput

from .models import EngagementStatus, OpportunityStatus


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    email = serializers.EmailField()


class OpportunityBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=OpportunityStatus.choices)
    organisation_id = serializers.IntegerField()
    organisation_name = serializers.CharField(source="organisation.name")


# An engagement as answered; payments adds the contributor's payment choice for it.
class EngagementBaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    opportunity = OpportunityBriefSerializer()
    contributor = PersonSerializer()
    application_id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=EngagementStatus.choices)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)


ENGAGEMENT_PARAMETERS = [
    OpenApiParameter("opportunity", OpenApiTypes.INT),
    OpenApiParameter("organisation", OpenApiTypes.INT),
    OpenApiParameter(
        "status", OpenApiTypes.STR, enum=EngagementStatus.values, many=True, explode=True
    ),
    OpenApiParameter("page", OpenApiTypes.INT),
    OpenApiParameter("page_size", OpenApiTypes.INT),
]


class AttendanceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    engagement_id = serializers.IntegerField()
    session_id = serializers.IntegerField(allow_null=True)
    date = serializers.DateField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=2)
    offered_amount = MoneyOutput()
    created_at = serializers.DateTimeField()


_HOURS_MESSAGE = "Enter hours more than 0 and no more than 24."


class AttendanceInputSerializer(StrictSerializer):
    session = IdField(required=False, allow_null=True)
    date = DayField()
    hours = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal(24),
        error_messages={
            "min_value": _HOURS_MESSAGE,
            "max_value": _HOURS_MESSAGE,
            "max_digits": _HOURS_MESSAGE,
            "max_whole_digits": _HOURS_MESSAGE,
            "invalid": "Enter a number of hours, like 2.5.",
        },
    )
