"""Two-factor sign-in for the signed-in account: its status, and turning it on."""

from __future__ import annotations

import django_otp
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coproduce.api.serializers import StrictSerializer

from . import services, two_factor
from .requests import request_user


class TwoFactorApi(APIView):
    permission_classes = [IsAuthenticated]

    class ConfirmSerializer(StrictSerializer):
        code = serializers.CharField(max_length=32)

    class StatusSerializer(serializers.Serializer):
        enabled = serializers.BooleanField()
        is_required = serializers.BooleanField(
            help_text="Whether this account must use it (owners, admins, finance officers)"
        )
        recovery_codes_left = serializers.IntegerField()
        provisioning_uri = serializers.CharField(
            allow_null=True, help_text="otpauth:// address for the app (until set up)"
        )
        secret = serializers.CharField(
            allow_null=True, help_text="The same secret in base32, to type in (until set up)"
        )

    @extend_schema(
        responses=StatusSerializer,
        summary="Two-factor sign-in: status, and the secret to set up an app",
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        enabled = two_factor.two_factor_enabled(user=user)
        uri = secret = None
        if not enabled:
            device = services.two_factor_setup_start(user=user)
            uri = device.config_url
            secret = two_factor.base32_secret(device)
        return Response(
            {
                "enabled": enabled,
                "is_required": two_factor.two_factor_required(user=user),
                "recovery_codes_left": two_factor.recovery_codes_left(user=user),
                "provisioning_uri": uri,
                "secret": secret,
            }
        )

    @extend_schema(
        request=ConfirmSerializer,
        responses=inline_serializer(
            "TwoFactorEnabled",
            {"recovery_codes": serializers.ListField(child=serializers.CharField())},
        ),
        summary="Turn on two-factor sign-in with a code from the app",
        description="Answers the recovery codes once: keep them somewhere safe. Each works once.",
    )
    def post(self, request: Request) -> Response:
        serializer = self.ConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request_user(request)
        codes = services.two_factor_setup_confirm(user=user, code=serializer.validated_data["code"])
        if request.auth is None and request._request.user.is_authenticated:
            device = two_factor.two_factor_totp_device(user=user)
            if device is not None:
                django_otp.login(request._request, device)
        return Response({"recovery_codes": codes})
