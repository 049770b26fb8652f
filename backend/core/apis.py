from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .selectors import health_get


def _check_serializer(name: str) -> serializers.Serializer:
    return inline_serializer(
        name, {"ok": serializers.BooleanField(), "detail": serializers.CharField()}
    )


def _health_serializer() -> serializers.Serializer:
    return inline_serializer(
        "Health",
        {
            "status": serializers.ChoiceField(choices=["ok", "degraded"]),
            "reasons": serializers.ListField(child=serializers.CharField()),
            "database": _check_serializer("HealthDatabase"),
            "broker": _check_serializer("HealthBroker"),
            "worker": inline_serializer(
                "HealthWorker",
                {
                    "ok": serializers.BooleanField(),
                    "detail": serializers.CharField(),
                    "last_heartbeat": serializers.DateTimeField(allow_null=True),
                    "heartbeat_age_seconds": serializers.FloatField(allow_null=True),
                },
            ),
            "outbox": inline_serializer(
                "HealthOutbox",
                {
                    "ok": serializers.BooleanField(),
                    "detail": serializers.CharField(),
                    "waiting": serializers.IntegerField(),
                },
            ),
        },
    )


class HealthApi(APIView):
    """200 when the database and broker answer, a worker beat recently and no task has waited
    long in the outbox; otherwise 503, "degraded", with the reasons."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(
        responses={
            (200, "application/json"): _health_serializer(),
            (503, "application/json"): _health_serializer(),
        },
        summary="Is the system up?",
    )
    def get(self, request: Request) -> Response:
        health = health_get()
        body = {
            "status": "ok" if health.ok else "degraded",
            "reasons": health.reasons,
            "database": {"ok": health.database.ok, "detail": health.database.detail},
            "broker": {"ok": health.broker.ok, "detail": health.broker.detail},
            "worker": {
                "ok": health.worker.ok,
                "detail": health.worker.detail,
                "last_heartbeat": health.last_heartbeat,
                "heartbeat_age_seconds": (
                    round(health.heartbeat_age_seconds, 1)
                    if health.heartbeat_age_seconds is not None
                    else None
                ),
            },
            "outbox": {
                "ok": health.outbox.ok,
                "detail": health.outbox.detail,
                "waiting": health.outbox_waiting,
            },
        }
        return Response(body, status=200 if health.ok else 503)
