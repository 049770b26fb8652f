from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.middleware.csrf import get_token
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from coproduce.api.errors import ApplicationError, ErrorCode
from coproduce.api.serializers import StrictSerializer
from organisations.models import OrganisationKind

from .models import AccountType, User
from .selectors import user_memberships
from .services import user_register


def _enforce_csrf(request: Request) -> None:
    """Session sign-in and sign-out from a browser must carry the CSRF token, even though the
    caller is not signed in yet (login CSRF)."""
    SessionAuthentication().enforce_csrf(request)


class MeOutputSerializer(serializers.Serializer):
    class MembershipSerializer(serializers.Serializer):
        organisation_id = serializers.IntegerField()
        organisation_name = serializers.CharField(source="organisation.name")
        organisation_slug = serializers.CharField(source="organisation.slug")
        organisation_verified = serializers.BooleanField(source="organisation.is_verified")
        role = serializers.CharField()

    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    account_type = serializers.ChoiceField(choices=AccountType.choices)
    is_platform_admin = serializers.BooleanField(source="is_staff")
    memberships = MembershipSerializer(many=True)


def _me_payload(user: User) -> dict[str, Any]:
    user_data = {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "account_type": user.account_type,
        "is_staff": user.is_staff,
        "memberships": list(user_memberships(user=user)),
    }
    return dict(MeOutputSerializer(user_data).data)


@method_decorator(ensure_csrf_cookie, name="dispatch")
class CsrfApi(APIView):
    """Sets the CSRF cookie and returns the token, for browser clients before they sign in."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(
        responses=inline_serializer("CsrfToken", {"csrf_token": serializers.CharField()}),
        summary="Get a CSRF token",
    )
    def get(self, request: Request) -> Response:
        return Response({"csrf_token": get_token(request)})


class RegisterApi(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "register"

    class RegisterInputSerializer(StrictSerializer):
        email = serializers.EmailField(max_length=254)
        password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)
        full_name = serializers.CharField(max_length=200)
        account_type = serializers.ChoiceField(choices=AccountType.choices)
        organisation_name = serializers.CharField(
            max_length=200, required=False, allow_blank=True, default=""
        )
        organisation_kind = serializers.ChoiceField(
            choices=OrganisationKind.choices, required=False, default=OrganisationKind.OTHER
        )

    @extend_schema(
        request=RegisterInputSerializer,
        responses={201: MeOutputSerializer},
        summary="Create an account (and, for an organisation account, its organisation)",
    )
    def post(self, request: Request) -> Response:
        _enforce_csrf(request)
        serializer = self.RegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = user_register(**serializer.validated_data)
        login(request._request, user, backend="django.contrib.auth.backends.ModelBackend")
        return Response(_me_payload(user), status=status.HTTP_201_CREATED)


class CredentialsSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


def _authenticate(request: Request, data: dict[str, str]) -> User:
    user = authenticate(
        request._request, email=data["email"].strip().lower(), password=data["password"]
    )
    if user is None or not isinstance(user, User):
        raise ApplicationError(
            "The e-mail address or password is not right.",
            code=ErrorCode.AUTHENTICATION_FAILED,
            status_code=400,
        )
    return user


class LoginApi(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        request=CredentialsSerializer, responses=MeOutputSerializer, summary="Sign in (session)"
    )
    def post(self, request: Request) -> Response:
        _enforce_csrf(request)
        serializer = CredentialsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = _authenticate(request, serializer.validated_data)
        login(request._request, user)
        return Response(_me_payload(user))


class LogoutApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: OpenApiResponse(description="Signed out")})
    def post(self, request: Request) -> Response:
        # A browser signed in by session already had its CSRF token checked by
        # SessionAuthentication; an API client signs out with its token.
        if request.auth is not None and isinstance(request.auth, Token):
            request.auth.delete()  # signing out of an API client ends its token
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        request=CredentialsSerializer,
        responses=inline_serializer("AuthToken", {"token": serializers.CharField()}),
        summary="Get a token for an API client",
    )
    def post(self, request: Request) -> Response:
        serializer = CredentialsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = _authenticate(request, serializer.validated_data)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class MeApi(APIView):
    @extend_schema(responses=MeOutputSerializer, summary="The signed-in account")
    def get(self, request: Request) -> Response:
        assert isinstance(request.user, User)  # noqa: S101 - IsAuthenticated guarantees it
        return Response(_me_payload(request.user))
