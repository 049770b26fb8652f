"""Roles: post, find, change, publish, close and archive; their sessions; the rate card."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.requests import request_user
from coproduce.api.errors import NotFound
from coproduce.api.pagination import LongListPagination, paginated_response
from coproduce.api.serializers import StrictSerializer
from organisations.models import Membership
from organisations.selectors import membership_get

from ..models import (
    EngagementStatus,
    Opportunity,
)
from .selectors import (
    can_see_online_links,
    membership_for,
    opportunity_get,
    opportunity_list,
    pay_rate_list,
    session_get,
    session_list,
)
from .serializers import (
    OPPORTUNITY_PARAMETERS,
    OpportunityCopyInputSerializer,
    OpportunityCreateInputSerializer,
    OpportunityInputSerializer,
    OpportunityOutputSerializer,
    PayRateInputSerializer,
    PayRateOutputSerializer,
    SessionCancelInputSerializer,
    SessionInputSerializer,
    SessionOutputSerializer,
    SessionUpdateInputSerializer,
)
from .services import (
    opportunity_archive,
    opportunity_close,
    opportunity_copy,
    opportunity_create,
    opportunity_publish,
    opportunity_update,
    pay_rate_create,
    pay_rate_delete,
    pay_rate_update,
    session_cancel,
    session_create,
    session_update,
)


def user_or_none(request: Request) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _membership_or_404(user: User, organisation_id: int) -> Membership:
    """Writes need a membership of the role's organisation; to anyone else it is not there."""
    membership = membership_for(user=user, organisation_id=organisation_id)
    if membership is None:
        raise NotFound("There is no role with that id that you can change.")
    return membership


def _opportunity_out(opportunity: Opportunity) -> dict[str, Any]:
    if not hasattr(opportunity, "places_filled"):
        opportunity.places_filled = opportunity.engagements.filter(  # type: ignore[attr-defined]
            status=EngagementStatus.ACTIVE
        ).count()
    return dict(OpportunityOutputSerializer(opportunity).data)


class OpportunityListApi(APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method == "GET":
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(
        parameters=OPPORTUNITY_PARAMETERS,
        responses=OpportunityOutputSerializer(many=True),
        summary="Find roles (published and open; members also see their organisation's roles)",
    )
    def get(self, request: Request) -> Response:
        queryset = opportunity_list(user=user_or_none(request), filters=request.query_params)
        return paginated_response(
            self, request, queryset, OpportunityOutputSerializer, pagination=LongListPagination
        )

    @extend_schema(
        request=OpportunityCreateInputSerializer,
        responses={201: OpportunityOutputSerializer},
        summary="Post a role as a draft (coordinators, admins, owners)",
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        serializer = OpportunityCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        membership = membership_get(user=user, organisation_id=data.pop("organisation"))
        opportunity = opportunity_create(by=membership, data=data)
        return Response(_opportunity_out(opportunity), status=status.HTTP_201_CREATED)


class OpportunityDetailApi(APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method == "GET":
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(
        responses=OpportunityOutputSerializer,
        summary="One role (drafts only for the organisation's members)",
    )
    def get(self, request: Request, opportunity_id: int) -> Response:
        opportunity = opportunity_get(user=user_or_none(request), opportunity_id=opportunity_id)
        return Response(_opportunity_out(opportunity))

    @extend_schema(
        request=OpportunityInputSerializer,
        responses=OpportunityOutputSerializer,
        summary="Change a role (coordinators, admins, owners)",
    )
    def patch(self, request: Request, opportunity_id: int) -> Response:
        user = request_user(request)
        opportunity = opportunity_get(user=user, opportunity_id=opportunity_id)
        membership = _membership_or_404(user, opportunity.organisation_id)
        serializer = OpportunityInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = opportunity_update(
            by=membership, opportunity=opportunity, data=dict(serializer.validated_data)
        )
        return Response(_opportunity_out(updated))


class _OpportunityActionApi(APIView):
    def act(self, membership: Membership, opportunity: Opportunity) -> Opportunity:
        raise NotImplementedError

    def post(self, request: Request, opportunity_id: int) -> Response:
        StrictSerializer(data=request.data).is_valid(raise_exception=True)  # takes no fields
        user = request_user(request)
        opportunity = opportunity_get(user=user, opportunity_id=opportunity_id)
        membership = _membership_or_404(user, opportunity.organisation_id)
        return Response(_opportunity_out(self.act(membership, opportunity)))


class OpportunityPublishApi(_OpportunityActionApi):
    def act(self, membership: Membership, opportunity: Opportunity) -> Opportunity:
        return opportunity_publish(by=membership, opportunity=opportunity)

    @extend_schema(
        request=None,
        responses=OpportunityOutputSerializer,
        summary="Publish a role (verified organisations; coordinators, admins, owners)",
    )
    def post(self, request: Request, opportunity_id: int) -> Response:
        return super().post(request, opportunity_id)


class OpportunityCloseApi(_OpportunityActionApi):
    def act(self, membership: Membership, opportunity: Opportunity) -> Opportunity:
        return opportunity_close(by=membership, opportunity=opportunity)

    @extend_schema(
        request=None, responses=OpportunityOutputSerializer, summary="Stop taking applications"
    )
    def post(self, request: Request, opportunity_id: int) -> Response:
        return super().post(request, opportunity_id)


class OpportunityArchiveApi(_OpportunityActionApi):
    def act(self, membership: Membership, opportunity: Opportunity) -> Opportunity:
        return opportunity_archive(by=membership, opportunity=opportunity)

    @extend_schema(
        request=None,
        responses=OpportunityOutputSerializer,
        summary="Archive a draft or closed role",
    )
    def post(self, request: Request, opportunity_id: int) -> Response:
        return super().post(request, opportunity_id)


# Sessions -----------------------------------------------------------------------------------


class SessionListApi(APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method == "GET":
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(
        responses=SessionOutputSerializer(many=True),
        summary="Sessions of a role (the organisation's members also see cancelled ones)",
    )
    def get(self, request: Request, opportunity_id: int) -> Response:
        user = user_or_none(request)
        opportunity = opportunity_get(user=user, opportunity_id=opportunity_id)
        show = can_see_online_links(user=user, opportunity=opportunity)
        member = membership_for(user=user, organisation_id=opportunity.organisation_id)
        return paginated_response(
            self,
            request,
            session_list(opportunity=opportunity, with_cancelled=member is not None),
            SessionOutputSerializer,
            {"show_links": show},
        )

    @extend_schema(
        request=SessionInputSerializer,
        responses={201: SessionOutputSerializer},
        summary="Schedule a session (coordinators, admins, owners)",
    )
    def post(self, request: Request, opportunity_id: int) -> Response:
        user = request_user(request)
        opportunity = opportunity_get(user=user, opportunity_id=opportunity_id)
        membership = _membership_or_404(user, opportunity.organisation_id)
        serializer = SessionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = session_create(
            by=membership, opportunity=opportunity, **serializer.validated_data
        )
        out = SessionOutputSerializer(session, context={"show_links": True})
        return Response(out.data, status=status.HTTP_201_CREATED)


class SessionDetailApi(APIView):
    @extend_schema(responses=SessionOutputSerializer, summary="One session (members)")
    def get(self, request: Request, opportunity_id: int, session_id: int) -> Response:
        user = request_user(request)
        opportunity = opportunity_get(user=user, opportunity_id=opportunity_id)
        session = session_get(user=user, opportunity=opportunity, session_id=session_id)
        return Response(SessionOutputSerializer(session, context={"show_links": True}).data)

    @extend_schema(
        request=SessionUpdateInputSerializer,
        responses=SessionOutputSerializer,
        summary=(
            "Change or move a session (coordinators, admins, owners); a new date, time or place "
            "tells the people booked, with a calendar file"
        ),
    )
    def patch(self, request: Request, opportunity_id: int, session_id: int) -> Response:
        user = request_user(request)
        opportunity = opportunity_get(user=user, opportunity_id=opportunity_id)
        session = session_get(user=user, opportunity=opportunity, session_id=session_id)
        membership = _membership_or_404(user, opportunity.organisation_id)
        serializer = SessionUpdateInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = session_update(
            by=membership, session=session, data=dict(serializer.validated_data)
        )
        return Response(SessionOutputSerializer(updated, context={"show_links": True}).data)


class SessionCancelApi(APIView):
    @extend_schema(
        request=SessionCancelInputSerializer,
        responses=SessionOutputSerializer,
        summary=(
            "Cancel a session with a reason (coordinators, admins, owners); the people booked "
            "are told, with a calendar file that removes it"
        ),
    )
    def post(self, request: Request, opportunity_id: int, session_id: int) -> Response:
        user = request_user(request)
        opportunity = opportunity_get(user=user, opportunity_id=opportunity_id)
        session = session_get(user=user, opportunity=opportunity, session_id=session_id)
        membership = _membership_or_404(user, opportunity.organisation_id)
        serializer = SessionCancelInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cancelled = session_cancel(
            by=membership, session=session, reason=serializer.validated_data["reason"]
        )
        return Response(SessionOutputSerializer(cancelled, context={"show_links": True}).data)


class OpportunityCopyApi(APIView):
    @extend_schema(
        request=OpportunityCopyInputSerializer,
        responses={201: OpportunityOutputSerializer},
        summary=(
            "Copy a role as a new draft: the same details, no sessions and no applicants "
            "(coordinators, admins, owners)"
        ),
    )
    def post(self, request: Request, opportunity_id: int) -> Response:
        user = request_user(request)
        opportunity = opportunity_get(user=user, opportunity_id=opportunity_id)
        membership = _membership_or_404(user, opportunity.organisation_id)
        serializer = OpportunityCopyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        copy = opportunity_copy(
            by=membership, opportunity=opportunity, title=serializer.validated_data.get("title")
        )
        return Response(_opportunity_out(copy), status=status.HTTP_201_CREATED)


class PayRateListApi(APIView):
    @extend_schema(
        responses=PayRateOutputSerializer(many=True),
        summary="The organisation's rate card (members); the default is suggested for new roles",
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        rates = pay_rate_list(organisation=membership.organisation)
        return paginated_response(self, request, rates, PayRateOutputSerializer)

    @extend_schema(
        request=PayRateInputSerializer,
        responses={201: PayRateOutputSerializer},
        summary="Add a rate to the rate card (coordinators, admins, owners)",
    )
    def post(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        serializer = PayRateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rate = pay_rate_create(by=membership, **serializer.validated_data)
        return Response(PayRateOutputSerializer(rate).data, status=status.HTTP_201_CREATED)


class PayRateDetailApi(APIView):
    @extend_schema(
        request=PayRateInputSerializer,
        responses=PayRateOutputSerializer,
        summary="Change a rate on the rate card (coordinators, admins, owners)",
        description="Roles already offered keep their pay. Making a rate the default replaces "
        "the old default.",
    )
    def patch(self, request: Request, organisation_id: int, rate_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        serializer = PayRateInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        rate = pay_rate_update(by=membership, rate_id=rate_id, data=dict(serializer.validated_data))
        return Response(PayRateOutputSerializer(rate).data)

    @extend_schema(
        responses={204: OpenApiResponse(description="Removed")},
        summary="Take a rate off the rate card (coordinators, admins, owners)",
    )
    def delete(self, request: Request, organisation_id: int, rate_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        pay_rate_delete(by=membership, rate_id=rate_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
