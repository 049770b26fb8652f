"""API tokens for clients that are not a browser: get one with a password, list, revoke."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coproduce.api.errors import ApplicationError, ErrorCode
from coproduce.api.serializers import StrictSerializer

from . import services, two_factor
from .apis import CredentialsSerializer, _authenticate, _wrong_code
from .models import ApiToken
from .requests import request_user
from .selectors import api_token_list
from .signin import AccountThrottle, ClientAddressThrottle


class ApiTokenOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    key_prefix = serializers.CharField(help_text="The first characters of the key, to tell")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    is_active = serializers.BooleanField()


class NewApiTokenOutputSerializer(ApiTokenOutputSerializer):
    token = serializers.CharField(
        help_text="The key: shown only now. Send it as 'Authorization: Token <key>'."
    )


def _new_token_payload(token: ApiToken, key: str) -> dict[str, Any]:
    return {**ApiTokenOutputSerializer(token).data, "token": key}


class TokenApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    throttle_classes = [ClientAddressThrottle, AccountThrottle]
    throttle_scope = "login"

    class TokenInputSerializer(CredentialsSerializer):
        name = serializers.CharField(max_length=100, required=False, default="API client")
        code = serializers.CharField(
            max_length=32,
            required=False,
            allow_blank=True,
            default="",
            help_text="The authenticator app's code, for accounts with two-factor sign-in.",
        )

    @extend_schema(
        request=TokenInputSerializer,
        responses=NewApiTokenOutputSerializer,
        summary="Get a named token for an API client",
        description="Each call makes a new token that expires (API_TOKEN_LIFETIME_DAYS, "
        "default 30 days). Accounts with two-factor sign-in must send `code`.",
    )
    def post(self, request: Request) -> Response:
        serializer = self.TokenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = _authenticate(request, data)
        if two_factor.two_factor_enabled(user=user):
            if not data["code"]:
                raise ApplicationError(
                    "This account signs in with two-factor sign-in: send the code from the "
                    "authenticator app as well.",
                    code=ErrorCode.TWO_FACTOR_REQUIRED,
                    fields={"code": ["Enter the code from your authenticator app."]},
                )
            if two_factor.two_factor_check_code(user=user, code=data["code"]) is None:
                raise _wrong_code()
        token, key = services.api_token_create(user=user, name=data["name"])
        return Response(_new_token_payload(token, key))


class TokenListApi(APIView):
    permission_classes = [IsAuthenticated]

    class TokenCreateSerializer(StrictSerializer):
        name = serializers.CharField(max_length=100)

    @extend_schema(responses=ApiTokenOutputSerializer(many=True), summary="My API tokens")
    def get(self, request: Request) -> Response:
        tokens = api_token_list(user=request_user(request))
        return Response(ApiTokenOutputSerializer(tokens, many=True).data)

    @extend_schema(
        request=TokenCreateSerializer,
        responses={201: NewApiTokenOutputSerializer},
        summary="Make a named API token",
    )
    def post(self, request: Request) -> Response:
        serializer = self.TokenCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, key = services.api_token_create(
            user=request_user(request), name=serializer.validated_data["name"]
        )
        return Response(_new_token_payload(token, key), status=status.HTTP_201_CREATED)


class TokenDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: OpenApiResponse(description="Revoked")}, summary="Revoke")
    def delete(self, request: Request, token_id: int) -> Response:
        services.api_token_revoke(user=request_user(request), token_id=token_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
