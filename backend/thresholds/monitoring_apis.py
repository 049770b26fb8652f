"""Earnings and alerts for the contributor; headroom for organisations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import AccountType, User
from coproduce.api.dates import EARLIEST, LATEST, OUT_OF_RANGE
from coproduce.api.errors import ApplicationError, NotFound, PermissionDenied
from coproduce.api.pagination import StandardPagination
from opportunities.models import Engagement, EngagementStatus
from organisations.selectors import membership_get
from periods import uk_today

from .evaluation import PERSONAL_CAP, LimitStatus
from .models import ThresholdAlert
from .monitoring import ADVICE, CAP_CONSEQUENCE, alert_message, contributors_statuses
from .organisation_view import organisation_views


def _contributor(request: Request) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - IsAuthenticated guarantees it
    if user.account_type != AccountType.CONTRIBUTOR:
        raise PermissionDenied("Only contributors have earnings and alerts.")
    return user


class PeriodSerializer(serializers.Serializer):
    kind = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField()  # type: ignore[assignment]


class ForecastSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    level = serializers.CharField()
    booked_sessions = serializers.IntegerField()


class LimitSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    benefit = serializers.CharField(allow_blank=True)
    purpose = serializers.CharField(allow_blank=True)
    consequence = serializers.CharField(allow_blank=True)
    period = PeriodSerializer()
    paid = serializers.DecimalField(max_digits=12, decimal_places=2)
    committed = serializers.DecimalField(max_digits=12, decimal_places=2)
    counted = serializers.DecimalField(max_digits=12, decimal_places=2)
    limit = serializers.DecimalField(max_digits=12, decimal_places=2)
    headroom = serializers.DecimalField(max_digits=12, decimal_places=2)
    level = serializers.ChoiceField(choices=["ok", "approaching", "reached", "exceeded"])
    forecast = ForecastSerializer()
    vouchers_count = serializers.BooleanField()
    figure_status = serializers.CharField()
    source_title = serializers.CharField(allow_blank=True)
    source_url = serializers.CharField(allow_blank=True)
    unit = serializers.ChoiceField(
        choices=["money", "hours"],
        help_text="hours: counted and limit are hours of work in the benefit week, not pounds",
    )


class EarningsSerializer(serializers.Serializer):
    on = serializers.DateField()
    limits = LimitSerializer(many=True)
    note = serializers.CharField()


HOURS_PURPOSE = (
    "ESA's higher permitted work limit is for work of under 16 hours a week. This counts the "
    "hours organisations recorded for your fees in each benefit week. Fees recorded without "
    "hours (for example a papers review) are not in this total."
)
HOURS_CONSEQUENCE = (
    "Working 16 hours or more in a week can affect ESA, whatever you are paid. PW1 is the DWP "
    "form for telling them about permitted work; your work coach or an independent benefits "
    "adviser can tell you how it applies to you."
)


def _limit_data(status: LimitStatus) -> dict[str, Any]:
    rule = status.rule
    hours = status.unit == "hours"
    purpose = rule.purpose if rule else "A limit you set yourself on what you are paid."
    consequence = rule.consequence if rule else CAP_CONSEQUENCE
    return {
        "key": status.key,
        "title": status.title,
        "benefit": rule.get_benefit_display() if rule else "",
        "purpose": HOURS_PURPOSE if hours else purpose,
        "consequence": HOURS_CONSEQUENCE if hours else consequence,
        "period": {
            "kind": status.period.kind.value,
            "start": status.period.start,
            "end": status.period.end,
            "label": status.period.label,
        },
        "paid": status.paid,
        "committed": status.committed,
        "counted": status.counted,
        "limit": status.limit,
        "headroom": status.headroom,
        "level": status.level.value,
        "forecast": {
            "amount": status.forecast,
            "level": status.forecast_level.value,
            "booked_sessions": status.booked_sessions,
        },
        "vouchers_count": rule.vouchers_count if rule else True,
        "figure_status": status.figure_status,
        "source_title": rule.source_title if rule else "",
        "source_url": rule.source_url if rule else "",
        "unit": status.unit,
    }


UC_NO_ALLOWANCE = (
    "You told us you get Universal Credit without a work allowance. Universal Credit then goes "
    "down by 55p for each £1 you earn (after tax), from the first pound. This is a taper, not a "
    "cliff edge: your award gets smaller bit by bit, and you are still better off for each "
    "pound you earn."
)


def uc_without_work_allowance(*, contributor: User, on: date) -> dict[str, Any] | None:
    """A row for Universal Credit with no work allowance: a limit of £0.00 and a calm note of
    what earnings do, in the assessment period containing ``on``."""
    from contributors.models import BenefitCircumstances
    from payments.ledger import calendar_for, counted_total
    from periods import PeriodKind

    found = BenefitCircumstances.objects.filter(user=contributor).first()
    if found is None or not found.receives_uc or found.uc_work_allowance:
        return None
    period = calendar_for(contributor_id=contributor.pk).period(PeriodKind.UC_ASSESSMENT_PERIOD, on)
    counted = counted_total(contributor_id=contributor.pk, start=period.start, end=period.end)
    zero = Decimal("0.00")
    return {
        "key": "uc_no_work_allowance",
        "title": "Universal Credit: no work allowance",
        "benefit": "Universal Credit",
        "purpose": UC_NO_ALLOWANCE,
        "consequence": "Universal Credit goes down by 55p for each £1 of earnings after tax.",
        "period": {
            "kind": period.kind.value,
            "start": period.start,
            "end": period.end,
            "label": period.label,
        },
        "paid": zero,
        "committed": counted,
        "counted": counted,
        "limit": zero,
        "headroom": zero,
        "level": "ok" if counted == zero else "exceeded",
        "forecast": {"amount": counted, "level": "ok", "booked_sessions": 0},
        "vouchers_count": True,
        "figure_status": "confirmed",
        "source_title": "Universal Credit Regulations 2013, regulation 22",
        "source_url": "https://www.legislation.gov.uk/uksi/2013/376/regulation/22",
        "unit": "money",
    }


def _group(status: LimitStatus) -> int:
    if status.key == PERSONAL_CAP:
        return 1
    return 2 if status.rule is not None and status.rule.benefit == "tax" else 0


class EarningsApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("on", date, description="The date to look at (default today)")
        ],
        responses=EarningsSerializer,
        summary="My earnings against each limit that applies to me, across every organisation",
    )
    def get(self, request: Request) -> Response:
        user = _contributor(request)
        on = uk_today()
        if request.GET.get("on"):
            try:
                on = date.fromisoformat(request.GET["on"])
            except ValueError as exc:
                raise ApplicationError(
                    "The date is not right.", fields={"on": ["Enter a date like 2026-11-28."]}
                ) from exc
            if not EARLIEST <= on <= LATEST:
                raise ApplicationError("The date is not right.", fields={"on": [OUT_OF_RANGE]})
        statuses = contributors_statuses([user.pk], today=uk_today(), on=on, with_hours=True)[
            user.pk
        ]
        # Benefit limits first, then the contributor's own cap, then tax.
        statuses.sort(key=lambda s: (_group(s), s.period.start, s.title))
        limits = [_limit_data(s) for s in statuses]
        no_allowance = uc_without_work_allowance(contributor=user, on=on)
        if no_allowance is not None:
            limits.insert(0, no_allowance)
        note = (
            "Counted means fees that are paid, approved or waiting for approval, from every "
            "organisation. Expenses never count. Fees you gave to charity or waived do not count. "
            + ADVICE
        )
        return Response(EarningsSerializer({"on": on, "limits": limits, "note": note}).data)


class AlertSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField()
    active = serializers.SerializerMethodField(
        help_text="False once the condition no longer holds (see resolved_reason)."
    )

    class Meta:
        model = ThresholdAlert
        fields = [
            "id", "limit_key", "level", "period_kind", "period_start", "period_end", "counted",
            "forecast", "limit", "title", "message", "created_at", "acknowledged_at", "active",
            "resolved_at", "resolved_reason", "history",
        ]  # fmt: skip
        read_only_fields = fields

    def get_title(self, alert: ThresholdAlert) -> str:
        return alert_message(alert)[0]

    def get_message(self, alert: ThresholdAlert) -> str:
        return alert_message(alert)[1]

    def get_active(self, alert: ThresholdAlert) -> bool:
        return alert.resolved_at is None


class AlertListApi(APIView):
    @extend_schema(
        responses=AlertSerializer(many=True), summary="My threshold alerts, newest first"
    )
    def get(self, request: Request) -> Response:
        user = _contributor(request)
        alerts = (
            ThresholdAlert.objects.filter(contributor=user)
            .select_related("rule")
            .order_by("-created_at", "-id")
        )
        if request.GET.get("unacknowledged") in ("1", "true"):
            alerts = alerts.filter(acknowledged_at__isnull=True)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(alerts, request, view=self)
        return paginator.get_paginated_response(AlertSerializer(page, many=True).data)


class AlertAcknowledgeApi(APIView):
    @extend_schema(request=None, responses=AlertSerializer, summary="Mark an alert as seen")
    def post(self, request: Request, alert_id: int) -> Response:
        from .monitoring import alert_acknowledge

        user = _contributor(request)
        alert = ThresholdAlert.objects.filter(contributor=user, pk=alert_id).first()
        if alert is None:
            raise NotFound("There is no alert with that id.")
        return Response(AlertSerializer(alert_acknowledge(contributor=user, alert=alert)).data)


class NextFeeSerializer(serializers.Serializer):
    date = serializers.DateField(help_text="The day of the organisation's next booked session.")
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="The fee offered for that session."
    )
    fits = serializers.ChoiceField(
        choices=["fits", "part", "none"],
        help_text="Whether the fee fits within every limit the contributor tracks.",
    )
    fits_amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        allow_null=True,
        help_text="How much of it fits, when only part does and saying so reveals no limit.",
    )
    text = serializers.CharField()


class EngagedContributorSerializer(serializers.Serializer):
    contributor_id = serializers.IntegerField()
    name = serializers.CharField()
    active_engagements = serializers.IntegerField()
    shares_headroom = serializers.BooleanField()
    status = serializers.ChoiceField(choices=["ok", "near", "over"], allow_null=True)
    next_fee = NextFeeSerializer(
        allow_null=True,
        help_text="Room for your next fee: null without consent or without a booked paid session.",
    )


class OrganisationContributorsApi(APIView):
    @extend_schema(
        responses=EngagedContributorSerializer(many=True),
        summary="Contributors engaged with the organisation; status and room for your next fee "
        "where they allow it",
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        from contributors.models import ContributorProfile

        assert isinstance(request.user, User)  # noqa: S101
        membership = membership_get(user=request.user, organisation_id=organisation_id)
        rows = (
            Engagement.objects.filter(
                opportunity__organisation_id=membership.organisation_id,
                status=EngagementStatus.ACTIVE,
            )
            .values("contributor_id", "contributor__full_name")
            .annotate(active=Count("id"))
            .order_by("contributor__full_name", "contributor_id")
        )
        paginator = StandardPagination()
        page: list[dict[str, Any]] = (
            paginator.paginate_queryset(list(rows), request, view=self)  # type: ignore[arg-type]
            or []
        )
        ids = [row["contributor_id"] for row in page]
        sharing = set(
            ContributorProfile.objects.filter(user_id__in=ids, share_headroom=True).values_list(
                "user_id", flat=True
            )
        )
        views = organisation_views(
            organisation_id=membership.organisation_id,
            contributors={
                row["contributor_id"]: row["contributor__full_name"]
                for row in page
                if row["contributor_id"] in sharing
            },
        )
        data = []
        for row in page:
            view = views.get(row["contributor_id"])
            next_fee = view.next_fee if view else None
            data.append(
                {
                    "contributor_id": row["contributor_id"],
                    "name": row["contributor__full_name"],
                    "active_engagements": row["active"],
                    "shares_headroom": row["contributor_id"] in sharing,
                    "status": view.status if view else None,
                    "next_fee": (
                        {
                            "date": next_fee.on,
                            "amount": next_fee.amount,
                            "fits": next_fee.fits,
                            "fits_amount": next_fee.fits_amount,
                            "text": next_fee.text,
                        }
                        if next_fee
                        else None
                    ),
                }
            )
        return paginator.get_paginated_response(EngagedContributorSerializer(data, many=True).data)
