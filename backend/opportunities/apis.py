from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from accounts.requests import request_user
from coproduce.api.dates import DayField
from coproduce.api.errors import ApplicationError, NotFound, PermissionDenied
from coproduce.api.ids import IdField
from coproduce.api.pagination import StandardPagination
from coproduce.api.serializers import StrictSerializer
from coproduce.money import MoneyInput, format_gbp
from organisations.models import Membership
from organisations.selectors import membership_get
from payments.apis import ChoiceOutputSerializer, ChoiceSerializer
from payments.services import engagement_choice_set

from .models import (
    Application,
    ApplicationStatus,
    Attendance,
    EngagementStatus,
    Expense,
    InvolvementType,
    Opportunity,
    OpportunityStatus,
    PayUnit,
    Session,
)
from .selectors import (
    application_get,
    application_list,
    attendance_list,
    can_see_online_links,
    engagement_get,
    engagement_list,
    membership_for,
    opportunity_get,
    opportunity_list,
    pay_rate_list,
    session_list,
)
from .services import (
    application_accept,
    application_decline,
    application_submit,
    application_withdraw,
    attendance_log,
    engagement_status_set,
    opportunity_archive,
    opportunity_close,
    opportunity_create,
    opportunity_publish,
    opportunity_update,
    pay_rate_create,
    session_create,
)
from .text import PlainTextField


def _user_or_none(request: Request) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _membership_or_404(user: User, organisation_id: int) -> Membership:
    """Writes need a membership of the role's organisation; to anyone else it is not there."""
    membership = membership_for(user=user, organisation_id=organisation_id)
    if membership is None:
        raise NotFound("There is no role with that id that you can change.")
    return membership


def pay_summary(rate: Decimal | None, unit: str) -> str:
    if rate is None:
        return "Unpaid: expenses only"
    words = {
        PayUnit.HOUR: "an hour",
        PayUnit.HALF_DAY: "a half day (up to 4 hours)",
        PayUnit.DAY: "a day (up to 8 hours)",
        PayUnit.SESSION: "a session",
        PayUnit.FIXED: "for the whole role",
    }
    return f"{format_gbp(rate)} {words.get(PayUnit(unit), '')}".strip()


# Opportunities ------------------------------------------------------------------------------


class OpportunityOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    is_verified = serializers.BooleanField()


class OpportunityOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = OpportunityOrganisationSerializer()
    title = serializers.CharField()
    summary = serializers.CharField()
    description = serializers.CharField()
    involvement_type = serializers.ChoiceField(choices=InvolvementType.choices)
    location = serializers.CharField()
    is_remote = serializers.BooleanField()
    accessibility = serializers.CharField()
    places = serializers.IntegerField()
    places_filled = serializers.IntegerField()
    places_left = serializers.SerializerMethodField()
    closing_date = serializers.DateField()
    status = serializers.ChoiceField(choices=OpportunityStatus.choices)
    pay_rate = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    pay_unit = serializers.ChoiceField(
        choices=PayUnit.choices, allow_blank=True, help_text="Empty when the role is unpaid."
    )
    pay_summary = serializers.SerializerMethodField()
    expenses_covered = serializers.ListField(child=serializers.ChoiceField(choices=Expense.choices))
    expenses_notes = serializers.CharField()
    session_count = serializers.IntegerField(allow_null=True)
    hours_per_session = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)

    def get_places_left(self, opportunity: Opportunity) -> int:
        filled: int = getattr(opportunity, "places_filled", 0)
        return max(opportunity.places - filled, 0)

    def get_pay_summary(self, opportunity: Opportunity) -> str:
        return pay_summary(opportunity.pay_rate, opportunity.pay_unit)


def _opportunity_out(opportunity: Opportunity) -> dict[str, Any]:
    if not hasattr(opportunity, "places_filled"):
        opportunity.places_filled = opportunity.engagements.filter(  # type: ignore[attr-defined]
            status=EngagementStatus.ACTIVE
        ).count()
    return dict(OpportunityOutputSerializer(opportunity).data)


_TYPE_MESSAGE = "Choose a type of involvement from the list."
_PAY_UNIT_MESSAGE = "Say what the pay rate is for: hour, half day, day, session or fixed fee."


class OpportunityInputSerializer(StrictSerializer):
    title = PlainTextField(max_length=200)
    summary = PlainTextField(max_length=500)
    description = PlainTextField(required=False, allow_blank=True, max_length=20000)
    involvement_type = serializers.ChoiceField(
        choices=InvolvementType.choices, error_messages={"invalid_choice": _TYPE_MESSAGE}
    )
    location = PlainTextField(required=False, allow_blank=True, max_length=200)
    is_remote = serializers.BooleanField(required=False)
    accessibility = PlainTextField(required=False, allow_blank=True, max_length=5000)
    places = serializers.IntegerField(
        min_value=1,
        max_value=10000,
        error_messages={"min_value": "There must be at least 1 place."},
    )
    closing_date = DayField()
    pay_rate = MoneyInput(
        required=False,
        allow_null=True,
        help_text="Leave out to use the organisation's default rate; null if unpaid.",
    )
    pay_unit = serializers.ChoiceField(
        choices=PayUnit.choices,
        required=False,
        allow_blank=True,
        error_messages={"invalid_choice": "Choose hour, half_day, day, session or fixed."},
    )
    expenses_covered = serializers.ListField(
        child=serializers.ChoiceField(
            choices=Expense.choices,
            error_messages={
                "invalid_choice": "Choose from travel, care, meals, internet_phone, other."
            },
        ),
        required=False,
    )
    expenses_notes = PlainTextField(required=False, allow_blank=True, max_length=5000)
    session_count = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=1000
    )
    hours_per_session = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=Decimal("0.25"),
        max_value=Decimal(24),
        error_messages={
            "min_value": "Enter at least 0.25 hours.",
            "max_value": "Enter no more than 24 hours.",
        },
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # On PATCH the role's current unit may apply; the service checks the result.
        if not self.partial and attrs.get("pay_rate") is not None and not attrs.get("pay_unit"):
            raise serializers.ValidationError({"pay_unit": [_PAY_UNIT_MESSAGE]})
        return attrs


class OpportunityCreateInputSerializer(OpportunityInputSerializer):
    organisation = IdField(help_text="The organisation posting the role.")


_OPPORTUNITY_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words to search for"),
    OpenApiParameter(
        "involvement_type", OpenApiTypes.STR, enum=InvolvementType.values, many=True, explode=True
    ),
    OpenApiParameter("remote", OpenApiTypes.BOOL, description="Only remote (or only in person)"),
    OpenApiParameter("place", OpenApiTypes.STR, description="Words in the role's place"),
    OpenApiParameter(
        "paid", OpenApiTypes.BOOL, description="Only paid roles (or only expenses-only roles)"
    ),
    OpenApiParameter("organisation", OpenApiTypes.INT),
    OpenApiParameter("closing_after", OpenApiTypes.DATE, description="Closing on or after"),
    OpenApiParameter(
        "status",
        OpenApiTypes.STR,
        enum=OpportunityStatus.values,
        many=True,
        explode=True,
        description="Members see their own organisation's drafts, closed and archived roles.",
    ),
    OpenApiParameter(
        "ordering",
        OpenApiTypes.STR,
        enum=["closing_date", "-closing_date", "created_at", "-created_at", "title", "-title"],
        description="Default: closing date, soonest first.",
    ),
    OpenApiParameter("page", OpenApiTypes.INT),
    OpenApiParameter("page_size", OpenApiTypes.INT),
]


class OpportunityListApi(APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method == "GET":
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(
        parameters=_OPPORTUNITY_PARAMETERS,
        responses=OpportunityOutputSerializer(many=True),
        summary="Find roles (published and open; members also see their organisation's roles)",
    )
    def get(self, request: Request) -> Response:
        queryset = opportunity_list(user=_user_or_none(request), filters=request.query_params)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        data = OpportunityOutputSerializer(page, many=True).data
        return paginator.get_paginated_response(data)

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
        opportunity = opportunity_get(user=_user_or_none(request), opportunity_id=opportunity_id)
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


class SessionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    opportunity_id = serializers.IntegerField()
    date = serializers.DateField()
    start_time = serializers.TimeField(help_text="UK local time (Europe/London)")
    end_time = serializers.TimeField(help_text="UK local time (Europe/London)")
    location = serializers.CharField()
    online_link = serializers.SerializerMethodField(
        help_text="Only for the organisation and contributors taking part; otherwise empty."
    )
    planned_hours = serializers.DecimalField(max_digits=5, decimal_places=2)

    def get_online_link(self, session: Session) -> str:
        return session.online_link if self.context.get("show_links") else ""


class SessionInputSerializer(StrictSerializer):
    date = DayField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    location = PlainTextField(required=False, allow_blank=True, max_length=200)
    online_link = serializers.URLField(required=False, allow_blank=True, max_length=200)
    planned_hours = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal(24),
        error_messages={
            "min_value": "Enter hours more than 0.",
            "max_value": "Enter no more than 24 hours.",
        },
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["end_time"] <= attrs["start_time"]:
            raise serializers.ValidationError(
                {"end_time": ["Choose an end time after the start time."]}
            )
        return attrs


class SessionListApi(APIView):
    def get_permissions(self) -> list[BasePermission]:
        if self.request.method == "GET":
            return [AllowAny()]
        return [IsAuthenticated()]

    @extend_schema(
        responses=SessionOutputSerializer(many=True),
        summary="Sessions of a role",
    )
    def get(self, request: Request, opportunity_id: int) -> Response:
        user = _user_or_none(request)
        opportunity = opportunity_get(user=user, opportunity_id=opportunity_id)
        show = can_see_online_links(user=user, opportunity=opportunity)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(session_list(opportunity=opportunity), request, self)
        data = SessionOutputSerializer(page, many=True, context={"show_links": show}).data
        return paginator.get_paginated_response(data)

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


# Applications -------------------------------------------------------------------------------


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
        queryset: QuerySet[Application] = application_list(
            user=request_user(request), filters=request.query_params
        ).select_related("engagement")
        paginator = StandardPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(ApplicationOutputSerializer(page, many=True).data)


class ApplicationDetailApi(APIView):
    @extend_schema(responses=ApplicationOutputSerializer, summary="One application")
    def get(self, request: Request, application_id: int) -> Response:
        application = application_get(user=request_user(request), application_id=application_id)
        return Response(ApplicationOutputSerializer(application).data)


class _ApplicationDecisionApi(APIView):
    def decide(self, membership: Membership, application: Application) -> None:
        raise NotImplementedError

    def post(self, request: Request, application_id: int) -> Response:
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
        user = request_user(request)
        application = application_get(user=user, application_id=application_id)
        application_withdraw(contributor=user, application=application)
        application = application_get(user=user, application_id=application_id)
        return Response(ApplicationOutputSerializer(application).data)


# Engagements and attendance ------------------------------------------------------------------


class EngagementOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    opportunity = OpportunityBriefSerializer()
    contributor = PersonSerializer()
    application_id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=EngagementStatus.choices)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    payment_choice = serializers.SerializerMethodField()

    @extend_schema_field(ChoiceOutputSerializer(allow_null=True))
    def get_payment_choice(self, engagement: Any) -> dict[str, Any] | None:
        """The contributor's choice for this engagement, if it overrides their default. The
        organisation sees only which choice it is: a cap's amount and period can hint at a
        benefit (a weekly £20 cap, an assessment period), and fees are worked out for them."""
        override = getattr(engagement, "payment_choice", None)
        if override is None:
            return None
        choice = override.as_dict()
        viewer = self.context.get("user")
        if viewer is None or viewer.pk != engagement.contributor_id:
            choice.update(reduced_amount=None, cap_amount=None, cap_period="")
        return choice


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


_ENGAGEMENT_PARAMETERS = [
    OpenApiParameter("opportunity", OpenApiTypes.INT),
    OpenApiParameter("organisation", OpenApiTypes.INT),
    OpenApiParameter(
        "status", OpenApiTypes.STR, enum=EngagementStatus.values, many=True, explode=True
    ),
    OpenApiParameter("page", OpenApiTypes.INT),
    OpenApiParameter("page_size", OpenApiTypes.INT),
]


class EngagementListApi(APIView):
    @extend_schema(
        parameters=_ENGAGEMENT_PARAMETERS,
        responses=EngagementOutputSerializer(many=True),
        summary="Engagements: contributors see their own; members see their organisation's",
    )
    def get(self, request: Request) -> Response:
        queryset = engagement_list(user=request_user(request), filters=request.query_params)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(
            EngagementOutputSerializer(page, many=True, context={"user": request.user}).data
        )


class EngagementDetailApi(APIView):
    @extend_schema(responses=EngagementOutputSerializer, summary="One engagement")
    def get(self, request: Request, engagement_id: int) -> Response:
        engagement = engagement_get(user=request_user(request), engagement_id=engagement_id)
        return Response(EngagementOutputSerializer(engagement, context={"user": request.user}).data)

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
        if "payment_choice" in serializer.validated_data:
            if engagement.contributor_id != user.pk:
                raise PermissionDenied("Only the contributor can choose how they are paid.")
            choice = serializer.validated_data["payment_choice"]
            engagement_choice_set(
                contributor=user, engagement=engagement, data=dict(choice) if choice else None
            )
        if "status" in serializer.validated_data:
            engagement_status_set(
                by=user, engagement=engagement, status=serializer.validated_data["status"]
            )
        engagement = engagement_get(user=user, engagement_id=engagement_id)
        return Response(EngagementOutputSerializer(engagement, context={"user": request.user}).data)


class AttendanceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    engagement_id = serializers.IntegerField()
    session_id = serializers.IntegerField(allow_null=True)
    date = serializers.DateField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=2)
    offered_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
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


class AttendanceApi(APIView):
    @extend_schema(
        responses=AttendanceOutputSerializer(many=True), summary="Attendance logged so far"
    )
    def get(self, request: Request, engagement_id: int) -> Response:
        engagement = engagement_get(user=request_user(request), engagement_id=engagement_id)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(attendance_list(engagement=engagement), request, self)
        return paginator.get_paginated_response(AttendanceOutputSerializer(page, many=True).data)

    @extend_schema(
        request=AttendanceInputSerializer,
        responses={201: AttendanceOutputSerializer},
        summary="Log hours given, against a session or a date (coordinators); records the "
        "offered fee",
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        user = request_user(request)
        engagement = engagement_get(user=user, engagement_id=engagement_id)
        membership = membership_for(
            user=user, organisation_id=engagement.opportunity.organisation_id
        )
        if membership is None:
            raise NotFound("There is no engagement with that id that you can change.")
        serializer = AttendanceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        session = None
        if data.get("session") is not None:
            session = Session.objects.filter(
                pk=data["session"], opportunity_id=engagement.opportunity_id
            ).first()
            if session is None:
                raise ApplicationError(
                    "That session is not part of this role.",
                    fields={"session": ["Choose a session of this role."]},
                )
        attendance: Attendance = attendance_log(
            by=membership,
            engagement=engagement,
            date=data["date"],
            hours=data["hours"],
            session=session,
        )
        return Response(AttendanceOutputSerializer(attendance).data, status=status.HTTP_201_CREATED)


# Rate card ----------------------------------------------------------------------------------


class PayRateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    unit = serializers.ChoiceField(choices=PayUnit.choices)
    is_default = serializers.BooleanField()


class PayRateInputSerializer(StrictSerializer):
    name = PlainTextField(max_length=200)
    description = PlainTextField(required=False, allow_blank=True, max_length=2000)
    amount = MoneyInput()
    unit = serializers.ChoiceField(choices=PayUnit.choices)
    is_default = serializers.BooleanField(required=False, default=False)


class PayRateListApi(APIView):
    @extend_schema(
        responses=PayRateOutputSerializer(many=True),
        summary="The organisation's rate card (members); the default is suggested for new roles",
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        rates = pay_rate_list(organisation=membership.organisation)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(rates, request, view=self)
        return paginator.get_paginated_response(PayRateOutputSerializer(page, many=True).data)

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
