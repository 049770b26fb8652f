from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import renderers, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.models import User
from accounts.requests import request_user
from coproduce.api.dates import DayField
from coproduce.api.errors import ApplicationError, Conflict, ErrorCode, PermissionDenied
from coproduce.api.ids import IdField
from coproduce.api.pagination import StandardPagination
from coproduce.api.serializers import StrictSerializer
from organisations.models import Organisation

from .models import Letter, LetterKind, LetterStatus
from .selectors import letter_get, letter_get_by_reference, letter_list
from .services import (
    MAX_UPLOAD_BYTES,
    letter_file_matches,
    letter_reissue,
    letter_request,
    letter_revoke,
    not_engaged_error,
)
from .snapshot import DEFAULT_GROUPING, GROUPINGS


class LetterOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class LetterContributorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()


class LetterOutputSerializer(serializers.ModelSerializer):
    organisation = LetterOrganisationSerializer()
    contributor = LetterContributorSerializer()
    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")
    supersedes = serializers.SerializerMethodField()
    superseded_by = serializers.SerializerMethodField()
    grouping = serializers.SerializerMethodField(
        help_text="How the letter groups fees, as the contributor chose. Shown only to them."
    )

    class Meta:
        model = Letter
        fields = [
            "id",
            "reference",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "organisation",
            "contributor",
            "period_start",
            "period_end",
            "template_version",
            "sha256",
            "issued_by",
            "issued_at",
            "revoked_at",
            "revoked_reason",
            "supersedes",
            "superseded_by",
            "grouping",
            "created_at",
        ]
        read_only_fields = fields

    def get_grouping(self, letter: Letter) -> str | None:
        request = self.context.get("request")
        viewer = getattr(request, "user", None)
        if viewer is None or getattr(viewer, "pk", None) != letter.contributor_id:
            return None
        return str(letter.snapshot.get("grouping") or DEFAULT_GROUPING)

    def get_supersedes(self, letter: Letter) -> str | None:
        older = letter.supersedes
        return older.reference if older is not None else None

    def get_superseded_by(self, letter: Letter) -> str | None:
        newer = getattr(letter, "superseded_by", None)
        return newer.reference if newer is not None else None


class LetterRequestInputSerializer(StrictSerializer):
    organisation = IdField()
    contributor = IdField(required=False, help_text="Leave out to ask for a letter about yourself.")
    kind = serializers.ChoiceField(choices=LetterKind.choices)
    period_start = DayField()
    period_end = DayField()
    grouping = serializers.ChoiceField(
        choices=GROUPINGS,
        required=False,
        help_text="How fees are grouped: calendar_month (the default), benefit_week or "
        "uc_assessment_period. Only the person the letter is about may choose it.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["period_end"] < attrs["period_start"]:
            raise serializers.ValidationError(
                {"period_end": ["Enter an end date on or after the start date."]}
            )
        return attrs


class LetterListApi(APIView):
    @extend_schema(responses=LetterOutputSerializer(many=True), summary="Letters I can see")
    def get(self, request: Request) -> Response:
        paginator = StandardPagination()
        letters = letter_list(user=request_user(request))
        page = paginator.paginate_queryset(letters, request, view=self)
        return paginator.get_paginated_response(
            LetterOutputSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        request=LetterRequestInputSerializer,
        responses={202: LetterOutputSerializer},
        summary="Ask for a letter (organisation admins, or a contributor for themself)",
        description="The letter is made in the background: poll it until its status is issued.",
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        serializer = LetterRequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = Organisation.objects.filter(pk=data["organisation"]).first()
        if organisation is None:
            raise ApplicationError(
                "There is no organisation with that id.",
                fields={"organisation": ["There is no organisation with this id."]},
            )
        contributor_id = data.get("contributor") or user.pk
        contributor = User.objects.filter(pk=contributor_id, is_active=True).first()
        if contributor is None:
            raise not_engaged_error(organisation)
        letter = letter_request(
            requested_by=user,
            organisation=organisation,
            contributor=contributor,
            kind=data["kind"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            grouping=data.get("grouping"),
        )
        return Response(
            LetterOutputSerializer(letter, context={"request": request}).data,
            status=status.HTTP_202_ACCEPTED,
        )


class LetterDetailApi(APIView):
    @extend_schema(responses=LetterOutputSerializer, summary="One letter")
    def get(self, request: Request, letter_id: int) -> Response:
        letter = letter_get(user=request_user(request), letter_id=letter_id)
        return Response(LetterOutputSerializer(letter, context={"request": request}).data)


class PdfRenderer(renderers.BaseRenderer):
    """Lets a client ask for application/pdf; errors still leave as JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        return data if isinstance(data, bytes) else json.dumps(data).encode()


class LetterPdfApi(APIView):
    renderer_classes = [renderers.JSONRenderer, PdfRenderer]

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="Download the letter (the issuing organisation's admins and the contributor)",
    )
    def get(self, request: Request, letter_id: int) -> FileResponse:
        user = request_user(request)
        letter = letter_get(user=user, letter_id=letter_id)
        grouping = letter.snapshot.get("grouping") or DEFAULT_GROUPING
        if user.pk != letter.contributor_id and grouping != DEFAULT_GROUPING:
            # Grouped by the person's own weeks or periods, which can point to a benefit.
            raise PermissionDenied(
                f"{letter.contributor.full_name} chose how this letter groups their fees, so "
                "only they can download it. Ask them for a copy if you need one."
            )
        if letter.status != LetterStatus.ISSUED or not letter.pdf:
            if letter.status == LetterStatus.REVOKED:
                raise Conflict("This letter was withdrawn, so it cannot be downloaded.")
            raise Conflict("This letter is not ready yet. Try again in a minute.")
        return FileResponse(
            letter.pdf.open("rb"),
            as_attachment=True,
            filename=f"{letter.reference}.pdf",
            content_type="application/pdf",
        )


class LetterRevokeApi(APIView):
    class RevokeInputSerializer(StrictSerializer):
        reason = serializers.CharField(max_length=2000)

    @extend_schema(
        request=RevokeInputSerializer,
        responses=LetterOutputSerializer,
        summary="Withdraw an issued letter (the issuing organisation's admins)",
    )
    def post(self, request: Request, letter_id: int) -> Response:
        user = request_user(request)
        letter = letter_get(user=user, letter_id=letter_id)
        serializer = self.RevokeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        revoked = letter_revoke(by=user, letter=letter, reason=serializer.validated_data["reason"])
        return Response(LetterOutputSerializer(revoked).data)


class LetterReissueApi(APIView):
    @extend_schema(
        request=None,
        responses={202: LetterOutputSerializer},
        summary="Make a corrected letter to replace this one (the issuing organisation's admins)",
    )
    def post(self, request: Request, letter_id: int) -> Response:
        user = request_user(request)
        letter = letter_get(user=user, letter_id=letter_id)
        new = letter_reissue(by=user, letter=letter)
        return Response(LetterOutputSerializer(new).data, status=status.HTTP_202_ACCEPTED)


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
