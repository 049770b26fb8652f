"""Payments: list, record (Idempotency-Key), approve, cancel, mark paid, move the due date;
and logging attendance, which records the fee it earns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.dates import DayField
from coproduce.api.errors import ApplicationError
from coproduce.api.ids import IdField, IdFilter
from coproduce.api.pagination import LongListPagination, paginated_response
from coproduce.api.serializers import StrictSerializer
from coproduce.money import MoneyInput, MoneyOutput
from opportunities.engagements.selectors import (
    attendance_list,
    engagement_get,
    engagement_session_get,
    organisation_membership_for_engagement,
)
from opportunities.models import Attendance
from opportunities.serializers import AttendanceInputSerializer, AttendanceOutputSerializer
from organisations.models import Membership
from organisations.selectors import membership_get

from ..idempotency import HEADER, fingerprint, idempotency_key_from
from ..models import Payment, PaymentKind, PaymentMethod, PaymentStatus
from ..reasons import organisation_reason, reason_for
from .selectors import (
    organisation_engagement_get,
    payee_get,
    payment_for_member,
    payment_get,
    payment_list,
)
from .services import (
    attendance_record,
    payment_approve,
    payment_cancel,
    payment_mark_paid,
    payment_record,
    payment_reschedule,
)

# A payment run or a decision names at most this many payments or items at once.
MAX_IDS_PER_REQUEST = 1000


IDEMPOTENCY_PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Send the same key to retry safely: the first result is returned.",
)


def filtered(filterset: django_filters.FilterSet) -> Any:
    if not filterset.is_valid():
        raise ApplicationError(
            "Some of the filters are not right.",
            fields={k: [str(m) for m in v] for k, v in filterset.errors.items()},
        )
    return filterset.qs


class PaymentOutputSerializer(serializers.ModelSerializer):
    contributor_name = serializers.CharField(source="contributor.full_name")
    organisation_name = serializers.CharField(source="organisation.name")
    opportunity = serializers.IntegerField(
        source="engagement.opportunity_id", allow_null=True, default=None, read_only=True
    )
    opportunity_title = serializers.CharField(
        source="engagement.opportunity.title",
        allow_null=True,
        default=None,
        read_only=True,
        help_text="The role the payment is for, when it is for one.",
    )
    choice_reason = serializers.SerializerMethodField(
        help_text="Why the fee is this amount. The contributor reads the full reason; "
        "organisation staff read one that names no cap, limit, period or other organisation."
    )

    class Meta:
        model = Payment
        fields = [
            "id", "organisation", "organisation_name", "contributor", "contributor_name",
            "engagement", "opportunity", "opportunity_title", "attendance", "kind", "description",
            "offered", "payable", "waived", "choice", "choice_reason", "donated_to", "method",
            "due_on", "paid_on", "planned_on", "counts_on", "hours", "time_based", "status", "run",
            "created_at", "approved_at", "cancelled_at", "cancel_reason",
        ]  # fmt: skip
        read_only_fields = fields

    def get_choice_reason(self, payment: Payment) -> str:
        request = self.context.get("request")
        return reason_for(payment, viewer=getattr(request, "user", None))


class PaymentFilter(django_filters.FilterSet):
    organisation = IdFilter()
    contributor = IdFilter()
    engagement = IdFilter()
    opportunity = IdFilter(field_name="engagement__opportunity")
    run = IdFilter()
    status = django_filters.ChoiceFilter(choices=PaymentStatus.choices)
    kind = django_filters.ChoiceFilter(choices=PaymentKind.choices)
    counts_from = django_filters.DateFilter(field_name="counts_on", lookup_expr="gte")
    counts_to = django_filters.DateFilter(field_name="counts_on", lookup_expr="lte")
    in_run = django_filters.BooleanFilter(field_name="run", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Payment
        fields = ["organisation", "contributor", "engagement", "status", "kind"]


def _id(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, int, description=description)


PAYMENT_PARAMETERS = [
    _id("organisation", "Payments of this organisation"),
    _id("contributor", "Payments to this person"),
    _id("engagement", "Payments for this engagement"),
    _id("opportunity", "Payments for this role"),
    _id("run", "Payments in this payment run"),
    OpenApiParameter("status", str, enum=PaymentStatus.values),
    OpenApiParameter("kind", str, enum=PaymentKind.values),
    OpenApiParameter("counts_from", date, description="Counting on or after this day"),
    OpenApiParameter("counts_to", date, description="Counting on or before this day"),
    OpenApiParameter("in_run", bool, description="Only payments in a run (or only those not)"),
]


class PaymentRecordSerializer(StrictSerializer):
    organisation = IdField()
    contributor = IdField()
    engagement = IdField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=PaymentKind.choices)
    amount = MoneyInput()
    description = serializers.CharField(max_length=300)
    due_on = DayField()
    method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False)
    hours = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        required=False,
        allow_null=True,
        help_text="Hours of work the fee is for. Needed for a fee unless time_based is false.",
    )
    time_based = serializers.BooleanField(
        required=False,
        default=True,
        help_text="False for a fee that is not paid by time (a papers review): no hours needed.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if (
            attrs["kind"] == PaymentKind.FEE
            and attrs.get("time_based", True)
            and attrs.get("hours") is None
        ):
            raise serializers.ValidationError(
                {
                    "hours": [
                        "Enter the hours this fee is for, or say it is not time-based "
                        "(for example a papers review)."
                    ]
                }
            )
        return attrs


class PaymentListApi(APIView):
    @extend_schema(
        parameters=PAYMENT_PARAMETERS,
        responses=PaymentOutputSerializer(many=True),
        summary="Payments I can see (my organisations', or my own as a contributor)",
    )
    def get(self, request: Request) -> Response:
        queryset = filtered(
            PaymentFilter(request.GET, queryset=payment_list(user=request_user(request)))
        )
        return paginated_response(
            self, request, queryset, PaymentOutputSerializer, pagination=LongListPagination
        )

    @extend_schema(
        request=PaymentRecordSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: PaymentOutputSerializer, 409: OpenApiResponse(description="Key reused")},
        summary="Record a fee (the contributor's payment choice is applied) or an expense",
    )
    def post(self, request: Request) -> Response:
        serializer = PaymentRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        membership = membership_get(
            user=request_user(request), organisation_id=data["organisation"]
        )
        contributor = payee_get(contributor_id=data["contributor"])
        engagement = None
        if data.get("engagement") is not None:
            engagement = organisation_engagement_get(
                membership=membership, engagement_id=data["engagement"]
            )
        key = idempotency_key_from(request)
        result = payment_record(
            by=membership,
            contributor=contributor,
            kind=data["kind"],
            amount=data["amount"],
            description=data["description"],
            due_on=data["due_on"],
            method=data.get("method"),
            engagement=engagement,
            idempotency_key=key,
            fingerprint=fingerprint(data),
            hours=data.get("hours"),
            time_based=data.get("time_based", True),
        )
        response = Response(
            PaymentOutputSerializer(result.payment).data, status=status.HTTP_201_CREATED
        )
        if result.replayed:
            response["Idempotent-Replayed"] = "true"
        return response


class PaymentDetailApi(APIView):
    @extend_schema(responses=PaymentOutputSerializer, summary="One payment")
    def get(self, request: Request, payment_id: int) -> Response:
        return Response(
            PaymentOutputSerializer(
                payment_get(user=request_user(request), payment_id=payment_id),
                context={"request": request},
            ).data
        )


class PaidOnSerializer(StrictSerializer):
    paid_on = DayField()


# POST payments/{id}/<action>/: the payment, the caller's membership of its organisation,
# the action's fields (``fields``; none by default) and one service. (A comment, not a
# docstring: a view's docstring would become each operation's description in the schema.)
class _PaymentActionApi(APIView):
    fields: type[StrictSerializer] = StrictSerializer

    def act(self, membership: Membership, payment: Payment, data: dict[str, Any]) -> Payment:
        raise NotImplementedError

    def post(self, request: Request, payment_id: int) -> Response:
        membership, payment = payment_for_member(user=request_user(request), payment_id=payment_id)
        serializer = self.fields(data=request.data)
        serializer.is_valid(raise_exception=True)
        done = self.act(membership, payment, dict(serializer.validated_data))
        return Response(PaymentOutputSerializer(done).data)


class PaymentApproveApi(_PaymentActionApi):
    def act(self, membership: Membership, payment: Payment, data: dict[str, Any]) -> Payment:
        return payment_approve(by=membership, payment=payment)

    @extend_schema(
        request=None, responses=PaymentOutputSerializer, summary="Approve a payment (finance)"
    )
    def post(self, request: Request, payment_id: int) -> Response:
        return super().post(request, payment_id)


class CancelSerializer(StrictSerializer):
    reason = serializers.CharField(max_length=1000)


class PaymentCancelApi(_PaymentActionApi):
    fields = CancelSerializer

    def act(self, membership: Membership, payment: Payment, data: dict[str, Any]) -> Payment:
        return payment_cancel(by=membership, payment=payment, reason=data["reason"])

    @extend_schema(
        request=CancelSerializer,
        responses=PaymentOutputSerializer,
        summary="Cancel a payment (finance)",
    )
    def post(self, request: Request, payment_id: int) -> Response:
        return super().post(request, payment_id)


class PaymentMarkPaidApi(_PaymentActionApi):
    fields = PaidOnSerializer

    def act(self, membership: Membership, payment: Payment, data: dict[str, Any]) -> Payment:
        return payment_mark_paid(by=membership, payment=payment, paid_on=data["paid_on"])

    @extend_schema(
        request=PaidOnSerializer,
        responses=PaymentOutputSerializer,
        summary="Mark a payment paid (finance)",
    )
    def post(self, request: Request, payment_id: int) -> Response:
        return super().post(request, payment_id)


class RescheduleSerializer(StrictSerializer):
    due_on = DayField()


class PaymentRescheduleApi(_PaymentActionApi):
    fields = RescheduleSerializer

    def act(self, membership: Membership, payment: Payment, data: dict[str, Any]) -> Payment:
        return payment_reschedule(by=membership, payment=payment, due_on=data["due_on"])

    @extend_schema(
        request=RescheduleSerializer,
        responses=PaymentOutputSerializer,
        summary="Move an unpaid payment's due date (a capped fee is decided again there)",
    )
    def post(self, request: Request, payment_id: int) -> Response:
        return super().post(request, payment_id)


class RecordedFeeSerializer(serializers.Serializer):
    """The fee an attendance earned, as the organisation's staff may read it."""

    payment_id = serializers.IntegerField(source="pk")
    status = serializers.ChoiceField(choices=PaymentStatus.choices)
    offered = MoneyOutput(help_text="The fee the role's pay offer gives for these hours.")
    payable = MoneyOutput(help_text="What will be paid, after the contributor's choice.")
    waived = MoneyOutput(help_text="What will not be paid, at the contributor's request.")
    reason = serializers.SerializerMethodField(
        help_text="Why the fee is this amount, in words that name no benefit, limit or cap."
    )
    donated_to = serializers.CharField(allow_blank=True)
    due_on = serializers.DateField()

    def get_reason(self, payment: Payment) -> str:
        return organisation_reason(payment)


def recorded_fee(attendance: Attendance) -> dict[str, Any] | None:
    """The fee recorded for an attendance (None: the role is unpaid, or the fixed fee was
    earned at an earlier attendance)."""
    payment = Payment.objects.filter(attendance=attendance).first()
    return None if payment is None else dict(RecordedFeeSerializer(payment).data)


class AttendanceWithFeeSerializer(AttendanceOutputSerializer):
    fee = serializers.SerializerMethodField()

    @extend_schema_field(RecordedFeeSerializer(allow_null=True))
    def get_fee(self, attendance: Attendance) -> dict[str, Any] | None:
        return recorded_fee(attendance)


class AttendanceApi(APIView):
    @extend_schema(
        responses=AttendanceWithFeeSerializer(many=True),
        summary="Attendance logged so far, each with the fee it recorded",
    )
    def get(self, request: Request, engagement_id: int) -> Response:
        engagement = engagement_get(user=request_user(request), engagement_id=engagement_id)
        return paginated_response(
            self, request, attendance_list(engagement=engagement), AttendanceWithFeeSerializer
        )

    @extend_schema(
        request=AttendanceInputSerializer,
        responses={201: AttendanceWithFeeSerializer},
        summary="Log hours given, against a session or a date (coordinators); answers with "
        "the fee recorded: offered, payable, waived and why",
    )
    def post(self, request: Request, engagement_id: int) -> Response:
        user = request_user(request)
        engagement = engagement_get(user=user, engagement_id=engagement_id)
        membership = organisation_membership_for_engagement(user=user, engagement=engagement)
        serializer = AttendanceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        attendance = attendance_record(
            by=membership,
            engagement=engagement,
            date=data["date"],
            hours=data["hours"],
            session=engagement_session_get(engagement=engagement, session_id=data.get("session")),
        )
        return Response(
            AttendanceWithFeeSerializer(attendance).data, status=status.HTTP_201_CREATED
        )
