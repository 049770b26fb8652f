"""A session's register (``sessions/{id}/register/``): who is booked and what is logged, and
logging it at once; and the organisation's sessions still waiting for one."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.errors import ApplicationError
from coproduce.api.ids import IdField
from coproduce.api.pagination import paginated_response
from coproduce.api.serializers import StrictSerializer
from opportunities.engagements.selectors import (
    register_engagements,
    register_entries_for,
    session_attendance_for,
    session_for_member,
    sessions_needing_register,
)
from opportunities.models import Engagement, EngagementStatus, Register, Session
from opportunities.serializers import AttendanceOutputSerializer
from organisations.selectors import membership_get
from periods import uk_today

from ..fees.apis import IDEMPOTENCY_PARAMETER, RecordedFeeSerializer
from ..idempotency import fingerprint, idempotency_key_from
from ..models import Payment
from .services import RegisterRow, register_record

MAX_ROWS = 500


class RegisterState:
    TO_LOG = "to_log"
    ATTENDED = "attended"
    ABSENT = "absent"


class SessionBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    planned_hours = serializers.DecimalField(max_digits=5, decimal_places=2)
    opportunity_id = serializers.IntegerField()
    opportunity_title = serializers.CharField(source="opportunity.title")
    paid = serializers.BooleanField(
        source="opportunity.is_paid", help_text="Whether the role pays a fee."
    )


class SessionRegisterRowSerializer(serializers.Serializer):
    engagement_id = serializers.IntegerField()
    contributor_id = serializers.IntegerField()
    name = serializers.CharField()
    engagement_status = serializers.ChoiceField(choices=EngagementStatus.choices)
    state = serializers.ChoiceField(
        choices=[RegisterState.TO_LOG, RegisterState.ATTENDED, RegisterState.ABSENT],
        help_text="to_log: nothing logged for this session yet; attended: their attendance is "
        "logged; absent: the register says they did not come.",
    )
    attendance = AttendanceOutputSerializer(allow_null=True)
    fee = RecordedFeeSerializer(allow_null=True)


class SessionRegisterSerializer(serializers.Serializer):
    session = SessionBriefSerializer()
    rows = SessionRegisterRowSerializer(many=True)


class RegisterRecordedSerializer(SessionRegisterSerializer):
    register_id = serializers.IntegerField()


class SessionWaitingSerializer(SessionBriefSerializer):
    waiting = serializers.IntegerField(help_text="How many booked people are still to log.")


class SessionRegisterRowInputSerializer(StrictSerializer):
    engagement = IdField()
    attended = serializers.BooleanField()
    hours = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=24,
        required=False,
        allow_null=True,
        help_text="Hours they gave; needed when they came.",
        error_messages={
            "min_value": "Enter hours more than 0 and no more than 24.",
            "max_value": "Enter hours more than 0 and no more than 24.",
            "invalid": "Enter a number of hours, like 2.5.",
        },
    )


class SessionRegisterInputSerializer(StrictSerializer):
    rows = serializers.ListField(
        child=SessionRegisterRowInputSerializer(),
        allow_empty=False,
        max_length=MAX_ROWS,
        help_text="One row per person: whether they came and, if so, their hours.",
    )


def _flat(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested errors (``{"rows": [{}, {"hours": [...]}]}``) as one message list per
    field path (``rows.1.hours``), the shape every form reads."""
    if isinstance(detail, dict):
        found: dict[str, list[str]] = {}
        for key, value in detail.items():
            found.update(_flat(value, f"{prefix}.{key}" if prefix else str(key)))
        return found
    if isinstance(detail, list) and detail and all(isinstance(d, (dict, list)) for d in detail):
        found = {}
        for index, value in enumerate(detail):
            found.update(_flat(value, f"{prefix}.{index}"))
        return found
    items = detail if isinstance(detail, list) else [detail]
    return {prefix: [str(item) for item in items]} if items else {}


def _rows(session: Session, engagements: list[Engagement]) -> list[dict[str, Any]]:
    attendance = session_attendance_for(session=session)
    entries = register_entries_for(session=session)
    fees = {p.attendance_id: p for p in Payment.objects.filter(attendance__session=session)}
    rows = []
    for engagement in engagements:
        logged = attendance.get(engagement.pk)
        state = (
            RegisterState.ATTENDED
            if logged is not None
            else RegisterState.ABSENT
            if engagement.pk in entries
            else RegisterState.TO_LOG
        )
        rows.append(
            {
                "engagement_id": engagement.pk,
                "contributor_id": engagement.contributor_id,
                "name": engagement.contributor.full_name,
                "engagement_status": engagement.status,
                "state": state,
                "attendance": logged,
                "fee": fees.get(logged.pk) if logged is not None else None,
            }
        )
    return rows


def _recorded(session: Session, register: Register) -> dict[str, Any]:
    ids = list(register.entries.values_list("engagement_id", flat=True))
    engagements = [e for e in register_engagements(session=session) if e.pk in ids]
    return {"register_id": register.pk, "session": session, "rows": _rows(session, engagements)}


class SessionRegisterApi(APIView):
    @extend_schema(
        responses=SessionRegisterSerializer,
        summary="A session's register: everyone booked, and what is logged for each",
    )
    def get(self, request: Request, session_id: int) -> Response:
        _, session = session_for_member(user=request_user(request), session_id=session_id)
        rows = _rows(session, list(register_engagements(session=session)))
        return Response(SessionRegisterSerializer({"session": session, "rows": rows}).data)

    @extend_schema(
        request=SessionRegisterInputSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={
            201: RegisterRecordedSerializer,
            409: OpenApiResponse(description="Key reused for a different register"),
        },
        summary="Log a session's register at once (coordinators): every attendance and fee, "
        "or nothing; answers with each fee recorded",
    )
    def post(self, request: Request, session_id: int) -> Response:
        membership, session = session_for_member(user=request_user(request), session_id=session_id)
        serializer = SessionRegisterInputSerializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except ValidationError as exc:
            raise ApplicationError(
                "Some of the register is not right.", fields=_flat(exc.detail)
            ) from exc
        rows = [
            RegisterRow(
                engagement_id=row["engagement"], attended=row["attended"], hours=row.get("hours")
            )
            for row in serializer.validated_data["rows"]
        ]
        result = register_record(
            by=membership,
            session=session,
            rows=rows,
            idempotency_key=idempotency_key_from(request),
            fingerprint=fingerprint({"session": session.pk, "rows": serializer.validated_data}),
        )
        response = Response(
            RegisterRecordedSerializer(_recorded(session, result.register)).data,
            status=status.HTTP_201_CREATED,
        )
        if result.replayed:
            response["Idempotent-Replayed"] = "true"
        return response


class RegistersWaitingApi(APIView):
    @extend_schema(
        responses=SessionWaitingSerializer(many=True),
        summary="The organisation's sessions up to today with attendance still to log",
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        sessions = sessions_needing_register(membership=membership, today=uk_today())
        return paginated_response(self, request, sessions, SessionWaitingSerializer)
