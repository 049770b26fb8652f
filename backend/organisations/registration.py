"""Creating an account from the sign-up form, and for an organisation account its
organisation (accounts knows nothing of organisations, so the two are put together here)."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.apis import MessageSerializer, _enforce_csrf
from accounts.models import AccountType
from accounts.services import REGISTER_MESSAGE, user_register
from accounts.signin import ClientAddressThrottle
from coproduce.api.serializers import StrictSerializer

from .models import OrganisationKind
from .services import organisation_create


@transaction.atomic
def organisation_account_register(
    *,
    email: str,
    password: str,
    full_name: str,
    account_type: str,
    organisation_name: str = "",
    organisation_kind: str = OrganisationKind.OTHER,
) -> None:
    """``accounts.services.user_register``; a new organisation account also gets its
    organisation (unverified), owned by the new user."""
    user = user_register(
        email=email,
        password=password,
        full_name=full_name,
        account_type=account_type,
        organisation_name=organisation_name,
    )
    if user is not None and account_type == AccountType.ORGANISATION:
        organisation_create(name=organisation_name.strip(), kind=organisation_kind, owner=user)


class RegisterApi(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ClientAddressThrottle]
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
        responses={202: MessageSerializer},
        summary="Create an account (and, for an organisation account, its organisation)",
        description="Answers the same whether or not the address already has an account. A new "
        "address gets an e-mail with a link to /confirm-email/{uid}/{token}; an address that "
        "has an account gets an e-mail saying someone tried.",
    )
    def post(self, request: Request) -> Response:
        _enforce_csrf(request)
        serializer = self.RegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation_account_register(**serializer.validated_data)
        return Response({"message": REGISTER_MESSAGE}, status=status.HTTP_202_ACCEPTED)
