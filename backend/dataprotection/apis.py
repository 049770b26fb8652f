from __future__ import annotations

from django.contrib.auth import logout
from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import renderers, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.renderers import ZipRenderer
from coproduce.api.serializers import StrictSerializer

from .export import personal_data_zip
from .services import account_erase, erasure_kept_summary


class ExportApi(APIView):
    renderer_classes = [renderers.JSONRenderer, ZipRenderer]

    @extend_schema(
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
        summary="Download everything Coproduce holds about me",
        description=(
            "One zip file: coproduce-data.json (account, profile, benefit circumstances and "
            "their history, payment preferences, applications, engagements, attendance, "
            "payments with their history, expense claims, alerts, notifications, memberships "
            "and letters), with letters' PDFs under letters/ and receipts under receipts/."
        ),
    )
    def get(self, request: Request) -> FileResponse:
        user = request_user(request)
        day = timezone.localdate().isoformat()
        response = FileResponse(
            personal_data_zip(user=user),
            as_attachment=True,
            filename=f"coproduce-my-data-{day}.zip",
            content_type="application/zip",
        )
        response["Cache-Control"] = "no-store"
        return response


class EraseApi(APIView):
    # The password is checked here, so guesses are limited like sign-in's.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    class InputSerializer(StrictSerializer):
        password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)
        confirm = serializers.BooleanField(
            help_text="Must be true: erasing an account cannot be undone."
        )

        def validate_confirm(self, value: bool) -> bool:
            if value is not True:
                raise serializers.ValidationError(
                    "Tick the box to confirm. Erasing your account cannot be undone."
                )
            return value

    class OutputSerializer(serializers.Serializer):
        erased = serializers.BooleanField()
        pseudonym = serializers.CharField(
            help_text="The code organisations' kept records now show instead of your name."
        )
        payments_kept = serializers.IntegerField()
        unpaid_payments_kept = serializers.IntegerField()
        letters_kept = serializers.IntegerField()
        message = serializers.CharField()

    @extend_schema(
        request=InputSerializer,
        responses=OutputSerializer,
        summary="Erase my account",
        description=(
            "Deletes your profile, benefit circumstances and their history, payment "
            "preferences, receipts, alerts, notifications, memberships, sessions and tokens, "
            "and what you wrote in applications and claims. Organisations keep the payments "
            "and issued letters they need for their accounts, under a code instead of your "
            "name, until their retention period ends. You are signed out and cannot sign in "
            "again."
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = account_erase(
            user=request_user(request), password=serializer.validated_data["password"]
        )
        logout(request._request)
        response = Response(
            self.OutputSerializer(
                {
                    "erased": True,
                    "pseudonym": result.record.pseudonym,
                    "payments_kept": result.payments_kept,
                    "unpaid_payments_kept": result.unpaid_payments_kept,
                    "letters_kept": result.letters_kept,
                    "message": erasure_kept_summary(result),
                }
            ).data
        )
        response["Cache-Control"] = "no-store"
        return response
