from __future__ import annotations

import time
from typing import Any

import django_otp
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.middleware.csrf import get_token
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import (
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.errors import ApplicationError, ErrorCode
from coproduce.api.serializers import StrictSerializer

from . import services, two_factor
from .models import AccountType, ApiToken, User
from .selectors import active_user_get, user_memberships
from .signin import AccountThrottle, ClientAddressThrottle, lockout_message

_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# A sign-in waiting for its second factor: whose, and since when (seconds since the epoch).
_PENDING_USER = "two_factor_pending_user"
_PENDING_SINCE = "two_factor_pending_since"
_PENDING_SECONDS = 5 * 60


def _enforce_csrf(request: Request) -> None:
    """Session sign-in and sign-out from a browser must carry the CSRF token, even though the
    caller is not signed in yet (login CSRF)."""
    SessionAuthentication().enforce_csrf(request)


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField()


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
    two_factor_enabled = serializers.BooleanField(
        help_text="Whether this account signs in with an authenticator app as well."
    )
    two_factor_required = serializers.BooleanField(
        help_text="Whether this account must set up two-factor sign-in (owners, admins and "
        "finance officers of an organisation)."
    )
    memberships = MembershipSerializer(many=True)


def _me_payload(user: User) -> dict[str, Any]:
    user_data = {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "account_type": user.account_type,
        "is_staff": user.is_staff,
        "two_factor_enabled": two_factor.two_factor_enabled(user=user),
        "two_factor_required": two_factor.two_factor_required(user=user),
        "memberships": list(user_memberships(user=user)),
    }
    return dict(MeOutputSerializer(user_data).data)


class TwoFactorRequiredSerializer(serializers.Serializer):
    two_factor_required = serializers.BooleanField(
        help_text="Always true: send the code from the authenticator app to "
        "POST /api/v1/auth/login/two-factor/ to finish signing in."
    )


_LOGIN_RESULT = PolymorphicProxySerializer(
    component_name="LoginResult",
    serializers=[MeOutputSerializer, TwoFactorRequiredSerializer],
    resource_type_field_name=None,
)


@method_decorator(ensure_csrf_cookie, name="dispatch")
class CsrfApi(APIView):
    """Sets the CSRF cookie and returns the token, for browser clients before they sign in.
    The cookie cannot be read by scripts: use the token this returns."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(
        responses=inline_serializer("CsrfToken", {"csrf_token": serializers.CharField()}),
        summary="Get a CSRF token",
    )
    def get(self, request: Request) -> Response:
        return Response({"csrf_token": get_token(request)})


class LinkSerializer(StrictSerializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)


class RegisterConfirmApi(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ClientAddressThrottle]
    throttle_scope = "register"

    @extend_schema(
        request=LinkSerializer,
        responses=MeOutputSerializer,
        summary="Confirm a new account's e-mail address (signs in)",
    )
    def post(self, request: Request) -> Response:
        _enforce_csrf(request)
        serializer = LinkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_register_confirm(**serializer.validated_data)
        login(request._request, user, backend=_MODEL_BACKEND)
        return Response(_me_payload(user))


class CredentialsSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


def _authenticate(request: Request, data: dict[str, str]) -> User:
    user = authenticate(
        request._request, email=data["email"].strip().lower(), password=data["password"]
    )
    if getattr(request._request, "axes_locked_out", False):
        raise ApplicationError(lockout_message(), code=ErrorCode.LOCKED_OUT, status_code=429)
    if user is None or not isinstance(user, User):
        raise ApplicationError(
            "The e-mail address or password is not right.",
            code=ErrorCode.AUTHENTICATION_FAILED,
            status_code=400,
        )
    return user


def _wrong_code() -> ApplicationError:
    return ApplicationError(
        "That code did not work. Enter the 6 numbers your authenticator app shows now, "
        "or one of your recovery codes.",
        code=ErrorCode.TWO_FACTOR_CODE_WRONG,
        fields={"code": ["That code did not work."]},
    )


class LoginApi(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ClientAddressThrottle, AccountThrottle]
    throttle_scope = "login"

    @extend_schema(
        request=CredentialsSerializer,
        responses=_LOGIN_RESULT,
        summary="Sign in (session)",
        description='An account with two-factor sign-in answers {"two_factor_required": '
        "true} and is not signed in until POST /api/v1/auth/login/two-factor/ with the code. "
        "Repeated failures lock the account and address out for a while (429 locked_out).",
    )
    def post(self, request: Request) -> Response:
        _enforce_csrf(request)
        serializer = CredentialsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = _authenticate(request, serializer.validated_data)
        if two_factor.two_factor_enabled(user=user):
            session = request._request.session
            session.cycle_key()
            session[_PENDING_USER] = user.pk
            session[_PENDING_SINCE] = int(time.time())
            return Response({"two_factor_required": True})
        login(request._request, user)
        return Response(_me_payload(user))


class LoginTwoFactorApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    throttle_classes = [ClientAddressThrottle]
    throttle_scope = "login"

    class CodeSerializer(StrictSerializer):
        code = serializers.CharField(max_length=32)

    @extend_schema(
        request=CodeSerializer,
        responses=MeOutputSerializer,
        summary="Finish signing in with the authenticator app's code or a recovery code",
    )
    def post(self, request: Request) -> Response:
        _enforce_csrf(request)
        serializer = self.CodeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = request._request.session
        pending = session.get(_PENDING_USER)
        since = session.get(_PENDING_SINCE, 0)
        user = active_user_get(user_id=pending) if pending else None
        if user is None or time.time() - since > _PENDING_SECONDS:
            raise ApplicationError(
                "Sign in with your e-mail address and password first, then enter the code "
                "within 5 minutes.",
                code=ErrorCode.TWO_FACTOR_NOT_STARTED,
            )
        device = two_factor.two_factor_check_code(user=user, code=serializer.validated_data["code"])
        if device is None:
            raise _wrong_code()
        session.pop(_PENDING_USER, None)
        session.pop(_PENDING_SINCE, None)
        login(request._request, user, backend=_MODEL_BACKEND)
        django_otp.login(request._request, device)
        return Response(_me_payload(user))


class LogoutApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: OpenApiResponse(description="Signed out")})
    def post(self, request: Request) -> Response:
        # A browser signed in by session already had its CSRF token checked by
        # SessionAuthentication; an API client signs out with its token, which ends it.
        if isinstance(request.auth, ApiToken):
            services.api_token_revoke(user=request_user(request), token_id=request.auth.pk)
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetApi(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ClientAddressThrottle, AccountThrottle]
    throttle_scope = "password_reset"

    class EmailSerializer(StrictSerializer):
        email = serializers.EmailField(max_length=254)

    @extend_schema(
        request=EmailSerializer,
        responses={202: MessageSerializer},
        summary="E-mail a link to choose a new password",
        description="Answers the same whether or not the address has an account. The link is "
        "{PUBLIC_BASE_URL}/reset-password/{uid}/{token}.",
    )
    def post(self, request: Request) -> Response:
        _enforce_csrf(request)
        serializer = self.EmailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.password_reset_request(email=serializer.validated_data["email"])
        return Response(
            {"message": services.RESET_LINK_SENT_MESSAGE}, status=status.HTTP_202_ACCEPTED
        )


class PasswordResetConfirmApi(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ClientAddressThrottle]
    throttle_scope = "password_reset"

    class ResetSerializer(LinkSerializer):
        new_password = serializers.CharField(max_length=128, trim_whitespace=False)

    @extend_schema(
        request=ResetSerializer,
        responses=MessageSerializer,
        summary="Choose a new password with the e-mailed link",
        description="Ends every API token of the account; sign in again with the new password.",
    )
    def post(self, request: Request) -> Response:
        _enforce_csrf(request)
        serializer = self.ResetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.password_reset_confirm(**serializer.validated_data)
        return Response({"message": "Your password has been changed. You can sign in now."})


class PasswordChangeApi(APIView):
    permission_classes = [IsAuthenticated]

    class ChangeSerializer(StrictSerializer):
        current_password = serializers.CharField(max_length=128, trim_whitespace=False)
        new_password = serializers.CharField(max_length=128, trim_whitespace=False)

    @extend_schema(
        request=ChangeSerializer,
        responses=MessageSerializer,
        summary="Change my password",
        description="Keeps this browser signed in; ends other sessions and every API token.",
    )
    def post(self, request: Request) -> Response:
        serializer = self.ChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.password_change(user=request_user(request), **serializer.validated_data)
        if request.auth is None:
            update_session_auth_hash(request._request, user)
        return Response({"message": "Your password has been changed."})


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeOutputSerializer, summary="The signed-in account")
    def get(self, request: Request) -> Response:
        return Response(_me_payload(request_user(request)))
