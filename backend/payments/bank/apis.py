"""``me/bank-details/``: a contributor's own bank details (sort code, account number, name)."""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.serializers import StrictSerializer

from .crypto import Account
from .selectors import bank_details_own
from .services import bank_details_remove, bank_details_set

_SEPARATORS = re.compile(r"[\s-]")


class BankDetailsInputSerializer(StrictSerializer):
    sort_code = serializers.CharField(
        max_length=10, help_text="6 digits; spaces and hyphens are ignored (12-34-56)."
    )
    account_number = serializers.CharField(max_length=12, help_text="8 digits; spaces are ignored.")
    account_name = serializers.CharField(
        max_length=60, help_text="The name on the account, as the bank knows it."
    )

    def validate_sort_code(self, value: str) -> str:
        digits = _SEPARATORS.sub("", value)
        if not re.fullmatch(r"\d{6}", digits):
            raise serializers.ValidationError("Enter a sort code like 30 94 57: 6 digits.")
        return digits

    def validate_account_number(self, value: str) -> str:
        digits = _SEPARATORS.sub("", value)
        if not re.fullmatch(r"\d{8}", digits):
            raise serializers.ValidationError(
                "Enter an account number like 00733445: 8 digits. If yours has 6 or 7, "
                "add zeros at the start."
            )
        return digits

    def validate_account_name(self, value: str) -> str:
        name = value.strip()
        if not re.search(r"[A-Za-z]", name):
            raise serializers.ValidationError("Enter the name on the account.")
        return name


class BankDetailsOutputSerializer(serializers.Serializer):
    is_set = serializers.BooleanField()
    sort_code = serializers.CharField(allow_blank=True)
    account_number = serializers.CharField(allow_blank=True)
    account_name = serializers.CharField(allow_blank=True)


def _answer(account: Account | None) -> dict[str, Any]:
    if account is None:
        return {"is_set": False, "sort_code": "", "account_number": "", "account_name": ""}
    return {
        "is_set": True,
        "sort_code": account.sort_code,
        "account_number": account.account_number,
        "account_name": account.account_name,
    }


class BankDetailsApi(APIView):
    @extend_schema(
        responses=BankDetailsOutputSerializer,
        summary="My bank details, for fees paid by bank transfer (each reading is logged)",
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        return Response(
            BankDetailsOutputSerializer(_answer(bank_details_own(contributor=user))).data
        )

    @extend_schema(
        request=BankDetailsInputSerializer,
        responses=BankDetailsOutputSerializer,
        summary="Enter or change my bank details (stored encrypted)",
    )
    def put(self, request: Request) -> Response:
        user = request_user(request)
        serializer = BankDetailsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        account = bank_details_set(contributor=user, account=Account(**serializer.validated_data))
        return Response(BankDetailsOutputSerializer(_answer(account)).data)

    @extend_schema(
        responses={204: OpenApiResponse(description="Removed")},
        summary="Remove my bank details",
    )
    def delete(self, request: Request) -> Response:
        bank_details_remove(contributor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
