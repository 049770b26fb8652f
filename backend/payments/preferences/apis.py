"""Payment choices: the contributor's default (``me/payment-preference/``) and their choice
for one engagement, read and changed with the engagement (``engagements/``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.requests import request_user
from coproduce.api.pagination import paginated_response
from coproduce.api.serializers import StrictSerializer
from coproduce.money import MoneyInput, MoneyOutput
from opportunities.engagements.selectors import engagement_get, engagement_list
from opportunities.models import Engagement, EngagementStatus
from opportunities.serializers import ENGAGEMENT_PARAMETERS, EngagementBaseSerializer

from ..models import CAP_PERIODS, PaymentChoice, PaymentMethod
from .selectors import engagement_choice_for, preference_get
from .services import UNCHANGED, engagement_update, preference_set


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
    reduced_amount = MoneyOutput(allow_null=True)
    cap_amount = MoneyOutput(allow_null=True)
    cap_period = serializers.CharField(allow_blank=True)
    charity_name = serializers.CharField(allow_blank=True)
    method = serializers.ChoiceField(choices=PaymentMethod.choices)


class PreferenceOutputSerializer(ChoiceOutputSerializer):
    is_set = serializers.BooleanField()


class PaymentPreferenceApi(APIView):
    @extend_schema(responses=PreferenceOutputSerializer, summary="My default payment choice")
    def get(self, request: Request) -> Response:
        user = request_user(request)
        return Response(PreferenceOutputSerializer(preference_get(contributor=user)).data)

    @extend_schema(
        request=ChoiceSerializer,
        responses=PreferenceOutputSerializer,
        summary="Set my default payment choice (full, reduced, capped, expenses only, donate)",
    )
    def put(self, request: Request) -> Response:
        user = request_user(request)
        serializer = ChoiceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        preference_set(contributor=user, data=dict(serializer.validated_data))
        return Response(PreferenceOutputSerializer(preference_get(contributor=user)).data)


class EngagementOutputSerializer(EngagementBaseSerializer):
    payment_choice = serializers.SerializerMethodField()

    @extend_schema_field(ChoiceOutputSerializer(allow_null=True))
    def get_payment_choice(self, engagement: Engagement) -> dict[str, Any] | None:
        """The contributor's choice for this engagement, if it overrides their default (the
        organisation sees only which choice it is)."""
        return engagement_choice_for(viewer=self.context.get("user"), engagement=engagement)


class EngagementUpdateInputSerializer(StrictSerializer):
    status = serializers.ChoiceField(
        choices=[
            (EngagementStatus.COMPLETED, "Completed"),
            (EngagementStatus.WITHDRAWN, "Withdrawn"),
        ],
        required=False,
        error_messages={"invalid_choice": "Choose completed or withdrawn."},
    )
    payment_choice = ChoiceSerializer(
        required=False,
        allow_null=True,
        help_text="The contributor's choice for this engagement; null to use their default.",
    )


def _viewer(request: Request) -> User | None:
    return request.user if isinstance(request.user, User) else None


class EngagementListApi(APIView):
    @extend_schema(
        parameters=ENGAGEMENT_PARAMETERS,
        responses=EngagementOutputSerializer(many=True),
        summary="Engagements: contributors see their own; members see their organisation's",
    )
    def get(self, request: Request) -> Response:
        queryset = engagement_list(user=request_user(request), filters=request.query_params)
        return paginated_response(
            self, request, queryset, EngagementOutputSerializer, {"user": _viewer(request)}
        )


class EngagementDetailApi(APIView):
    @extend_schema(responses=EngagementOutputSerializer, summary="One engagement")
    def get(self, request: Request, engagement_id: int) -> Response:
        engagement = engagement_get(user=request_user(request), engagement_id=engagement_id)
        return Response(
            EngagementOutputSerializer(engagement, context={"user": _viewer(request)}).data
        )

    @extend_schema(
        request=EngagementUpdateInputSerializer,
        responses=EngagementOutputSerializer,
        summary="Change an engagement: contributors may withdraw; coordinators may complete "
        "or withdraw",
    )
    def patch(self, request: Request, engagement_id: int) -> Response:
        user = request_user(request)
        engagement = engagement_get(user=user, engagement_id=engagement_id)
        serializer = EngagementUpdateInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        choice = data.get("payment_choice", UNCHANGED)
        engagement_update(
            by=user,
            engagement=engagement,
            payment_choice=dict(choice) if isinstance(choice, Mapping) else choice,
            status=data.get("status"),
        )
        engagement = engagement_get(user=user, engagement_id=engagement_id)
        return Response(EngagementOutputSerializer(engagement, context={"user": user}).data)
