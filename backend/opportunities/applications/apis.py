"""Applications: contributors apply and withdraw; the organisation accepts or declines."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.errors import NotFound
from coproduce.api.pagination import paginated_response
from coproduce.api.serializers import StrictSerializer
from coproduce.money import MoneyOutput
from organisations.models import Membership

from ..models import Application, ApplicationStatus
from ..roles.selectors import membership_for, opportunity_get
from ..serializers import OpportunityBriefSerializer, PersonSerializer
from ..signals import fee_fit_if_accepted
from ..text import PlainTextField
from .selectors import application_get, application_list
from .services import (
    application_accept,
    application_decline,
    application_submit,
    application_withdraw,
    decline_message_default,
)


class ApplicationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    opportunity = OpportunityBriefSerializer()
    contributor = PersonSerializer()
    statement = serializers.CharField()
    adjustments_requested = serializers.CharField()
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    engagement_id = serializers.SerializerMethodField()
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_message = serializers.CharField(
        help_text="What the organisation said when it declined (empty otherwise)."
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_engagement_id(self, application: Application) -> int | None:
        engagement = getattr(application, "engagement", None)
        return engagement.pk if engagement is not None else None


class FeeFitOutputSerializer(serializers.Serializer):
    """Whether the role's next fee would fit, as the organisation may see it: never a limit."""

    date = serializers.DateField(source="on", help_text="The date of the role's next paid session")
    amount = MoneyOutput(help_text="The fee offered for that session")
    fits = serializers.ChoiceField(
        choices=[("fits", "Fits"), ("part", "Only part fits"), ("none", "Does not fit")]
    )
    fits_amount = MoneyOutput(
        allow_null=True, help_text="How much fits, only when saying so reveals no limit"
    )
    text = serializers.CharField()


class ApplicationReviewOutputSerializer(ApplicationOutputSerializer):
    next_fee = serializers.SerializerMethodField(
        help_text=(
            "For the organisation, before it accepts: would the role's next fee fit within the "
            "limits the contributor tracks? Only if they share it; otherwise null."
        )
    )
    suggested_decline_message = serializers.SerializerMethodField(
        help_text="Kind default wording for a decline (organisation members; else empty)."
    )

    def _is_staff(self) -> bool:
        return bool(self.context.get("staff"))

    @extend_schema_field(FeeFitOutputSerializer(allow_null=True))
    def get_next_fee(self, application: Application) -> dict[str, Any] | None:
        if not self._is_staff() or application.status != ApplicationStatus.SUBMITTED:
            return None
        fit = fee_fit_if_accepted(
            organisation_id=application.opportunity.organisation_id,
            contributor_id=application.contributor_id,
            opportunity_id=application.opportunity_id,
            name=application.contributor.full_name,
        )
        return None if fit is None else dict(FeeFitOutputSerializer(fit).data)

    def get_suggested_decline_message(self, application: Application) -> str:
        if not self._is_staff() or application.status != ApplicationStatus.SUBMITTED:
            return ""
        return decline_message_default(application)


class ApplicationDeclineInputSerializer(StrictSerializer):
    message = PlainTextField(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text="A kind message the contributor is shown; empty for the default wording.",
    )


class ApplicationInputSerializer(StrictSerializer):
    statement = PlainTextField(
        max_length=5000, help_text="Why you are interested and what you would bring."
    )
    adjustments_requested = PlainTextField(required=False, allow_blank=True, max_length=5000)


class ApplicationCreateApi(APIView):
    @extend_schema(
        request=ApplicationInputSerializer,
        responses={201: ApplicationOutputSerializer},
        summary="Apply for a role (contributors)",
    )
    def post(self, request: Request, opportunity_id: int) -> Response:
        user = request_user(request)
        opportunity = opportunity_get(user=user, opportunity_id=opportunity_id)
        serializer = ApplicationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = application_submit(
            contributor=user, opportunity=opportunity, **serializer.validated_data
        )
        application = application_get(user=user, application_id=application.pk)
        return Response(
            ApplicationOutputSerializer(application).data, status=status.HTTP_201_CREATED
        )


_APPLICATION_PARAMETERS = [
    OpenApiParameter("opportunity", OpenApiTypes.INT),
    OpenApiParameter("organisation", OpenApiTypes.INT),
    OpenApiParameter(
        "status", OpenApiTypes.STR, enum=ApplicationStatus.values, many=True, explode=True
    ),
    OpenApiParameter("page", OpenApiTypes.INT),
    OpenApiParameter("page_size", OpenApiTypes.INT),
]


class ApplicationListApi(APIView):
    @extend_schema(
        parameters=_APPLICATION_PARAMETERS,
        responses=ApplicationOutputSerializer(many=True),
        summary="Applications: contributors see their own; members see their organisation's",
    )
    def get(self, request: Request) -> Response:
        queryset = application_list(
            user=request_user(request), filters=request.query_params
        ).select_related("engagement")
        return paginated_response(self, request, queryset, ApplicationOutputSerializer)


class ApplicationDetailApi(APIView):
    @extend_schema(
        responses=ApplicationReviewOutputSerializer,
        summary="One application (members also get whether the next fee would fit)",
    )
    def get(self, request: Request, application_id: int) -> Response:
        user = request_user(request)
        application = application_get(user=user, application_id=application_id)
        staff = (
            membership_for(user=user, organisation_id=application.opportunity.organisation_id)
            is not None
        )
        out = ApplicationReviewOutputSerializer(application, context={"staff": staff})
        return Response(out.data)


class _ApplicationDecisionApi(APIView):
    input_serializer: type[StrictSerializer] = StrictSerializer  # takes no fields
    data: dict[str, Any]

    def decide(self, membership: Membership, application: Application) -> None:
        raise NotImplementedError

    def post(self, request: Request, application_id: int) -> Response:
        serializer = self.input_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.data = dict(serializer.validated_data)
        user = request_user(request)
        application = application_get(user=user, application_id=application_id)
        membership = membership_for(
            user=user, organisation_id=application.opportunity.organisation_id
        )
        if membership is None:
            raise NotFound("There is no application with that id.")
        self.decide(membership, application)
        application = application_get(user=user, application_id=application_id)
        return Response(ApplicationOutputSerializer(application).data)


class ApplicationAcceptApi(_ApplicationDecisionApi):
    def decide(self, membership: Membership, application: Application) -> None:
        application_accept(by=membership, application=application)

    @extend_schema(
        request=None,
        responses=ApplicationOutputSerializer,
        summary="Accept: the contributor takes a place (409 when all places are filled)",
    )
    def post(self, request: Request, application_id: int) -> Response:
        return super().post(request, application_id)


class ApplicationDeclineApi(_ApplicationDecisionApi):
    input_serializer = ApplicationDeclineInputSerializer

    def decide(self, membership: Membership, application: Application) -> None:
        application_decline(
            by=membership, application=application, message=self.data.get("message")
        )

    @extend_schema(
        request=ApplicationDeclineInputSerializer,
        responses=ApplicationOutputSerializer,
        summary="Decline with a kind message the contributor is shown",
    )
    def post(self, request: Request, application_id: int) -> Response:
        return super().post(request, application_id)


class ApplicationWithdrawApi(APIView):
    @extend_schema(
        request=None,
        responses=ApplicationOutputSerializer,
        summary="Withdraw your application (contributors; also ends your place if accepted)",
    )
    def post(self, request: Request, application_id: int) -> Response:
        StrictSerializer(data=request.data).is_valid(raise_exception=True)  # takes no fields
        user = request_user(request)
        application = application_get(user=user, application_id=application_id)
        application_withdraw(contributor=user, application=application)
        application = application_get(user=user, application_id=application_id)
        return Response(ApplicationOutputSerializer(application).data)
