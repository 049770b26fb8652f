"""Checking a letter: anyone with its reference (or the PDF) can see whether it is genuine and
still in force, never whom it is about or the amounts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from coproduce.api.errors import ApplicationError, ErrorCode

from .models import Letter, LetterKind, LetterStatus
from .selectors import letter_get_by_reference
from .services import MAX_UPLOAD_BYTES, letter_file_matches


class VerifyThrottle(ScopedRateThrottle):
    """The "verify" scope's rate from settings, or 60 a minute until settings name one."""

    default_rate = "60/min"

    def get_rate(self) -> str | None:
        try:
            return super().get_rate()
        except ImproperlyConfigured:
            return self.default_rate


VerifyOutputSerializer = inline_serializer(
    name="LetterVerification",
    fields={
        "reference": serializers.CharField(),
        "status": serializers.ChoiceField(choices=["issued", "revoked", "superseded"]),
        "message": serializers.CharField(),
        "kind": serializers.ChoiceField(choices=LetterKind.choices),
        "kind_label": serializers.CharField(),
        "organisation": serializers.CharField(help_text="The organisation that issued it."),
        "issued_on": serializers.DateField(),
        "revoked_on": serializers.DateField(allow_null=True),
        "superseded_on": serializers.DateField(allow_null=True),
        "replaced_by": serializers.CharField(
            allow_null=True, help_text="The reference of the letter that replaces this one."
        ),
    },
)
VerifyFileOutputSerializer = inline_serializer(
    name="LetterFileVerification",
    fields={
        "matches": serializers.BooleanField(),
        "reference": serializers.CharField(),
        "status": serializers.ChoiceField(choices=["issued", "revoked", "superseded"]),
        "message": serializers.CharField(),
    },
)
VerifyFileInputSerializer = inline_serializer(
    name="LetterFileUpload", fields={"file": serializers.FileField()}
)


def _verification(letter: Letter) -> dict[str, Any]:
    """What anyone may know about a letter: never the person's name, address or amounts."""
    issued_on = timezone.localdate(letter.issued_at) if letter.issued_at else None
    revoked_on = timezone.localdate(letter.revoked_at) if letter.revoked_at else None
    newer = getattr(letter, "superseded_by", None)
    superseded_on = timezone.localdate(newer.created_at) if newer is not None else None
    organisation = letter.organisation.name
    replaced_by = newer.reference if newer is not None else None
    if letter.status == LetterStatus.REVOKED:
        state = "revoked"
        message = (
            f"{organisation} withdrew this letter on {revoked_on:%-d %B %Y}. Do not rely on it."
        )
        if replaced_by:
            message += f" It was replaced by the letter with reference {replaced_by}."
    elif newer is not None:
        state = "superseded"
        message = (
            f"{organisation} replaced this letter with a corrected one on "
            f"{superseded_on:%-d %B %Y}. The new letter's reference is {replaced_by}. "
            "Ask for the newer letter."
        )
    else:
        state = "issued"
        message = f"This letter is genuine. {organisation} issued it on {issued_on:%-d %B %Y}."
    return {
        "reference": letter.reference,
        "status": state,
        "message": message,
        "kind": letter.kind,
        "kind_label": letter.get_kind_display(),
        "organisation": organisation,
        "issued_on": issued_on,
        "revoked_on": revoked_on,
        "superseded_on": superseded_on,
        "replaced_by": replaced_by,
    }


class VerifyApi(APIView):
    """Public: anyone with a reference can check a letter. No sign-in, so no CSRF either."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser]
    throttle_classes = [VerifyThrottle]
    throttle_scope = "verify"

    @extend_schema(
        responses=VerifyOutputSerializer,
        summary="Check a letter by its reference (public)",
        auth=[],
    )
    def get(self, request: Request, reference: str) -> Response:
        letter = letter_get_by_reference(reference=reference)
        return Response(_verification(letter))

    @extend_schema(
        request={"multipart/form-data": VerifyFileInputSerializer},
        responses={200: VerifyFileOutputSerializer, 413: OpenApiResponse(description="Too big")},
        summary="Check that a PDF is exactly the letter that was issued (public)",
        auth=[],
    )
    def post(self, request: Request, reference: str) -> Response:
        # Refuse an oversized body before parsing it; multipart overhead is a few hundred bytes.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_UPLOAD_BYTES + 64 * 1024:
            raise _too_large()
        letter = letter_get_by_reference(reference=reference)
        upload = request.FILES.get("file")
        if upload is None:
            raise ApplicationError(
                "Choose the PDF file to check.", fields={"file": ["Choose a PDF file."]}
            )
        if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
            raise _too_large()
        matches = letter_file_matches(letter=letter, upload=upload)
        summary = _verification(letter)
        if matches:
            message = "This file is exactly the letter that was issued. " + summary["message"]
        else:
            message = (
                "This file is not the letter that was issued with this reference. "
                "It may have been changed. Ask the organisation for a copy."
            )
        return Response(
            {
                "matches": matches,
                "reference": letter.reference,
                "status": summary["status"],
                "message": message,
            }
        )


def _too_large() -> ApplicationError:
    return ApplicationError(
        f"The file is too large. The most we accept is {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
        code=ErrorCode.REQUEST_TOO_LARGE,
        fields={"file": ["Upload a file of 10 MB or less."]},
        status_code=413,
    )
