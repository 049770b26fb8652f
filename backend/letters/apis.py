from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import renderers, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.requests import request_user
from coproduce.api.dates import DayField
from coproduce.api.ids import IdField
from coproduce.api.pagination import paginated_response
from coproduce.api.renderers import PdfRenderer
from coproduce.api.serializers import StrictSerializer
from organisations.selectors import membership_get

from .models import Letter, LetterKind
from .preview import letter_preview_pdf
from .selectors import LETTER_FILTERS, letter_get, letter_get_for_download, letter_list
from .services import (
    letter_issue,
    letter_parties,
    letter_reissue,
    letter_request,
    letter_revoke,
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
    waiting_for_issue = serializers.BooleanField(
        source="is_waiting_for_issue",
        help_text="Asked for by the contributor and not issued by an admin yet.",
    )
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
            "waiting_for_issue",
            "organisation",
            "contributor",
            "period_start",
            "period_end",
            "template_version",
            "sha256",
            "issued_by",
            "approved_at",
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
    class FilterSerializer(serializers.Serializer):
        organisation = IdField(required=False)
        status = serializers.ChoiceField(choices=sorted(LETTER_FILTERS), required=False)

    @extend_schema(
        responses=LetterOutputSerializer(many=True),
        summary="Letters I can see",
        parameters=[
            OpenApiParameter(
                "organisation", int, description="Only this organisation's letters (admins)."
            ),
            OpenApiParameter(
                "status",
                str,
                enum=sorted(LETTER_FILTERS),
                description="requested: waiting for an admin to issue it; rendering: being "
                "made; issued; failed; withdrawn.",
            ),
            OpenApiParameter("page", OpenApiTypes.INT),
            OpenApiParameter("page_size", OpenApiTypes.INT),
        ],
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        letters = letter_list(
            user=request_user(request),
            organisation_id=filters.validated_data.get("organisation"),
            state=filters.validated_data.get("status"),
        )
        return paginated_response(self, request, letters, LetterOutputSerializer)

    @extend_schema(
        request=LetterRequestInputSerializer,
        responses={202: LetterOutputSerializer},
        summary="Ask for a letter (organisation admins, or a contributor for themself)",
        description="A letter an admin asks for is made in the background straight away: poll "
        "it until its status is issued. A letter a contributor asks for waits "
        "(waiting_for_issue) until one of the organisation's admins issues it "
        "(POST letters/{id}/issue/).",
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        serializer = LetterRequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation, contributor = letter_parties(
            user=user, organisation_id=data["organisation"], contributor_id=data.get("contributor")
        )
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


class LetterPdfApi(APIView):
    renderer_classes = [renderers.JSONRenderer, PdfRenderer]

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="Download the letter (the issuing organisation's admins and the contributor)",
    )
    def get(self, request: Request, letter_id: int) -> FileResponse:
        letter = letter_get_for_download(user=request_user(request), letter_id=letter_id)
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


class LetterIssueApi(APIView):
    @extend_schema(
        request=None,
        responses={202: LetterOutputSerializer},
        summary="Issue a letter a contributor asked for (the organisation's admins)",
        description="The letter is made in the background: poll it until its status is issued.",
    )
    def post(self, request: Request, letter_id: int) -> Response:
        user = request_user(request)
        letter = letter_get(user=user, letter_id=letter_id)
        issued = letter_issue(by=user, letter=letter)
        return Response(LetterOutputSerializer(issued).data, status=status.HTTP_202_ACCEPTED)


class LetterPreviewApi(APIView):
    renderer_classes = [renderers.JSONRenderer, PdfRenderer]

    class LetterPreviewInputSerializer(StrictSerializer):
        letterhead_text = serializers.CharField(
            required=False, allow_blank=True, max_length=2000, trim_whitespace=False
        )
        letterhead_colour = serializers.RegexField(
            r"^#[0-9a-fA-F]{6}$",
            required=False,
            error_messages={"invalid": "Enter a colour as # and six hex digits, like #1d4f91."},
        )
        signatory_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
        signatory_title = serializers.CharField(required=False, allow_blank=True, max_length=200)

    @extend_schema(
        request=LetterPreviewInputSerializer,
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="Preview the organisation's letter (admins)",
        description="A PDF with made-up details, marked 'Preview — not a real letter' on every "
        "page. Send letterhead or signatory values to see them before saving; leave them out "
        "for the saved ones. Nothing is stored and the preview cannot be checked.",
    )
    def post(self, request: Request, organisation_id: int) -> HttpResponse:
        membership = membership_get(user=request_user(request), organisation_id=organisation_id)
        serializer = self.LetterPreviewInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        pdf = letter_preview_pdf(membership=membership, changes=dict(serializer.validated_data))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="letter-preview.pdf"'
        response["Cache-Control"] = "no-store"
        return response
