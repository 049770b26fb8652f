"""Applications: contributors apply and withdraw; the organisation accepts or declines."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.errors import NotFound
from coproduce.api.pagination import paginated_response
from coproduce.api.serializers import StrictSerializer
from organisations.models import Membership

from ..models import Application, ApplicationStatus
from ..roles.selectors import membership_for, opportunity_get
from ..serializers import OpportunityBriefSerializer, PersonSerializer
from ..text import PlainTextField
from .selectors import application_get, application_list
from .services import (
    application_accept,
    application_decline,
    application_submit,
    application_withdraw,
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
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_engagement_id(self, application: Application) -> int | None:
        engagement = getattr(application, "engagement", None)
        return engagement.pk if engagement is not None else None


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
    @extend_schema(responses=ApplicationOutputSerializer, summary="One application")
    def get(self, request: Request, application_id: int) -> Response:
        application = application_get(user=request_user(request), application_id=application_id)
        return Response(ApplicationOutputSerializer(application).data)


class _ApplicationDecisionApi(APIView):
    def decide(self, membership: Membership, application: Application) -> None:
        raise NotImplementedError

    def post(self, request: Request, application_id: int) -> Response:
        StrictSerializer(data=request.data).is_valid(raise_exception=True)  # takes no fields
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
    def decide(self, membership: Membership, application: Application) -> None:
        application_decline(by=membership, application=application)

    @extend_schema(request=None, responses=ApplicationOutputSerializer, summary="Decline")
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
