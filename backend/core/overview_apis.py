"""GET organisations/{id}/overview/: the organisation overview page in one request."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from organisations.selectors import membership_get
from payments.finance.apis import DashboardSerializer

from .overview import organisation_overview

TASK_KINDS = ["applications", "registers", "approvals", "expense_items", "payment_run", "letters"]


class NeedsCareSerializer(serializers.Serializer):
    contributor_id = serializers.IntegerField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=["near", "over"])


class TaskSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=TASK_KINDS)
    count = serializers.IntegerField(min_value=1)


class OverviewSerializer(DashboardSerializer):
    letters_waiting = serializers.IntegerField(
        help_text="Letters contributors asked for that are not issued yet."
    )
    contributors_needing_care = NeedsCareSerializer(
        many=True,
        help_text=(
            "Contributors engaged here who share their headroom and are near or over a limit "
            "today: the status only."
        ),
    )
    today = TaskSerializer(many=True, help_text="What this member's role has to do today.")


class OverviewApi(APIView):
    @extend_schema(
        responses=OverviewSerializer,
        summary="The organisation overview: spend, what waits, who needs care, what to do today",
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        return Response(OverviewSerializer(organisation_overview(membership=membership)).data)
