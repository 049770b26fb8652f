"""The request and answer shapes of roles, their sessions and the rate card."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from coproduce.api.dates import DayField
from coproduce.api.ids import IdField
from coproduce.api.serializers import StrictSerializer
from coproduce.money import MoneyInput, MoneyOutput, format_gbp

from ..models import (
    Expense,
    InvolvementType,
    Opportunity,
    OpportunityStatus,
    PayUnit,
    Session,
    SessionStatus,
)
from ..text import PlainTextField


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
    pay_rate = MoneyOutput(allow_null=True)
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


OPPORTUNITY_PARAMETERS = [
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
    status = serializers.ChoiceField(choices=SessionStatus.choices)
    cancelled_reason = serializers.CharField(
        help_text="Why it was cancelled, as the people booked were told."
    )
    cancelled_at = serializers.DateTimeField(allow_null=True)

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


class SessionUpdateInputSerializer(StrictSerializer):
    """Any of a session's details. A new date, time or place moves it: the people booked are
    told, with an updated calendar file."""

    date = DayField(required=False)
    start_time = serializers.TimeField(required=False)
    end_time = serializers.TimeField(required=False)
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


class SessionCancelInputSerializer(StrictSerializer):
    reason = PlainTextField(
        max_length=2000,
        help_text="Why the session is cancelled: the people booked are told this.",
        error_messages={
            "required": "Enter why the session is cancelled.",
            "blank": "Enter why the session is cancelled.",
        },
    )


class OpportunityCopyInputSerializer(StrictSerializer):
    title = PlainTextField(
        required=False, max_length=200, help_text='The copy\'s title (default "Copy of ...").'
    )


class PayRateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    amount = MoneyOutput()
    unit = serializers.ChoiceField(choices=PayUnit.choices)
    is_default = serializers.BooleanField()


class PayRateInputSerializer(StrictSerializer):
    name = PlainTextField(max_length=200)
    description = PlainTextField(required=False, allow_blank=True, max_length=2000)
    amount = MoneyInput()
    unit = serializers.ChoiceField(choices=PayUnit.choices)
    is_default = serializers.BooleanField(required=False, default=False)
