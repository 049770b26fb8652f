from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.serializers import StrictModelSerializer, StrictSerializer, replacing

from .models import (
    CIRCUMSTANCE_FIELDS,
    PROFILE_FIELDS,
    BenefitCircumstances,
    ContactPreference,
    ContributorProfile,
    EsaPermittedWork,
    HousingBenefitCategory,
    PensionCreditCategory,
)
from .permissions import require_contributor
from .selectors import circumstances_for
from .services import circumstances_set, profile_get_or_create, profile_update

NO_EARNINGS_RULE = (
    "PIP, DLA, Attendance Allowance and Adult Disability Payment have no earnings limit, so "
    "Coproduce does not track a limit for them. Working can still lead to a review of your "
    "needs."
)


class ProfileSerializer(StrictModelSerializer):
    contact_preference = serializers.ChoiceField(
        choices=ContactPreference.choices,
        required=False,
        error_messages={"invalid_choice": "Choose e-mail, phone or post."},
    )
    postcode = serializers.RegexField(
        r"^\s{0,3}[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s{0,3}[0-9][A-Za-z]{2}\s{0,3}$",
        required=False,
        allow_blank=True,
        error_messages={"invalid": "Enter a UK postcode, like SW1A 1AA."},
    )

    class Meta:
        model = ContributorProfile
        fields = [*PROFILE_FIELDS, "updated_at"]
        read_only_fields = ["updated_at"]
        extra_kwargs = {name: {"required": False} for name in fields}


class ProfileApi(APIView):
    @extend_schema(responses=ProfileSerializer, summary="My contributor profile")
    def get(self, request: Request) -> Response:
        profile = profile_get_or_create(user=request_user(request))
        return Response(ProfileSerializer(profile).data)

    @extend_schema(
        request=replacing(ProfileSerializer),
        responses=ProfileSerializer,
        summary="Replace my contributor profile: send every field (PATCH changes some)",
    )
    def put(self, request: Request) -> Response:
        return self._update(request, partial=False)

    @extend_schema(
        request=ProfileSerializer,
        responses=ProfileSerializer,
        summary="Change some of my contributor profile (and whether organisations may see my "
        "headroom)",
    )
    def patch(self, request: Request) -> Response:
        return self._update(request, partial=True)

    def _update(self, request: Request, *, partial: bool) -> Response:
        user = request_user(request)
        require_contributor(user, action="have a contributor profile")
        serializer_class = ProfileSerializer if partial else replacing(ProfileSerializer)
        serializer = serializer_class(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        profile = profile_update(user=user, data=dict(serializer.validated_data))
        return Response(ProfileSerializer(profile).data)


def _choice(choices: Any, message: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices,
        required=False,
        allow_blank=True,
        error_messages={"invalid_choice": message},
    )


class BenefitCircumstancesInputSerializer(StrictSerializer):
    receives_esa = serializers.BooleanField(required=False, default=False)
    esa_permitted_work_limit = _choice(
        EsaPermittedWork.choices, "Choose lower, higher or supported."
    )
    receives_uc = serializers.BooleanField(required=False, default=False)
    uc_housing_element = serializers.BooleanField(required=False, default=False)
    uc_work_allowance = serializers.BooleanField(required=False, default=False)
    receives_carers_allowance = serializers.BooleanField(required=False, default=False)
    receives_carer_support_payment_scotland = serializers.BooleanField(
        required=False, default=False
    )
    receives_pension_credit = serializers.BooleanField(required=False, default=False)
    pension_credit_category = _choice(
        PensionCreditCategory.choices, "Choose single, couple or higher."
    )
    receives_housing_benefit = serializers.BooleanField(required=False, default=False)
    housing_benefit_category = _choice(
        HousingBenefitCategory.choices, "Choose single, couple or lone_parent."
    )
    receives_legacy_income_support_jsa = serializers.BooleanField(required=False, default=False)
    receives_pip_dla_adp = serializers.BooleanField(required=False, default=False)
    benefit_week_start = serializers.IntegerField(
        required=False,
        default=0,
        min_value=0,
        max_value=6,
        error_messages={
            "invalid": "Choose a day of the week: 0 is Monday and 6 is Sunday.",
            "min_value": "Choose a day of the week: 0 is Monday and 6 is Sunday.",
            "max_value": "Choose a day of the week: 0 is Monday and 6 is Sunday.",
        },
    )
    uc_assessment_start_day = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=31,
        error_messages={
            "invalid": "Enter a day of the month from 1 to 31.",
            "min_value": "Enter a day of the month from 1 to 31.",
            "max_value": "Enter a day of the month from 1 to 31.",
        },
    )
    track_tax_year = serializers.BooleanField(required=False, default=True)


class BenefitCircumstancesOutputSerializer(serializers.ModelSerializer):
    no_earnings_rule_note = serializers.SerializerMethodField()

    class Meta:
        model = BenefitCircumstances
        fields = [*CIRCUMSTANCE_FIELDS, "no_earnings_rule_note", "updated_at"]
        read_only_fields = fields

    def get_no_earnings_rule_note(self, circumstances: BenefitCircumstances) -> str:
        return NO_EARNINGS_RULE if circumstances.receives_pip_dla_adp else ""


class BenefitCircumstancesApi(APIView):
    """Private to the contributor: no organisation can ever read this."""

    @extend_schema(
        responses=BenefitCircumstancesOutputSerializer,
        summary="The benefits I get (private to me)",
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        require_contributor(user, action="tell us about the benefits they get")
        circumstances = circumstances_for(contributor=user) or BenefitCircumstances(user=user)
        return Response(BenefitCircumstancesOutputSerializer(circumstances).data)

    @extend_schema(
        request=replacing(BenefitCircumstancesInputSerializer),
        responses=BenefitCircumstancesOutputSerializer,
        summary="Tell us which benefits I get (private to me): send every field (PATCH changes "
        "some)",
    )
    def put(self, request: Request) -> Response:
        return self._update(request, partial=False)

    @extend_schema(
        request=BenefitCircumstancesInputSerializer,
        responses=BenefitCircumstancesOutputSerializer,
        summary="Change some of what I told you about my benefits (private to me)",
    )
    def patch(self, request: Request) -> Response:
        return self._update(request, partial=True)

    def _update(self, request: Request, *, partial: bool) -> Response:
        user = request_user(request)
        require_contributor(user, action="tell us about the benefits they get")
        serializer_class = (
            BenefitCircumstancesInputSerializer
            if partial
            else replacing(BenefitCircumstancesInputSerializer)
        )
        serializer = serializer_class(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        circumstances = circumstances_set(user=user, data=dict(serializer.validated_data))
        return Response(BenefitCircumstancesOutputSerializer(circumstances).data)
