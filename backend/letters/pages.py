"""The public page a benefits adviser or work coach opens from a letter's QR code: is this
letter genuine and still in force? No sign-in; no personal details or amounts shown."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponseRedirect
from django.urls import reverse
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import TemplateHTMLRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coproduce.api.errors import ApplicationError, NotFound

from .selectors import letter_get_by_reference
from .services import letter_file_matches
from .verify_apis import MAX_UPLOAD_BYTES, VerifyThrottle, _verification


class VerifyPage(APIView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    renderer_classes = [TemplateHTMLRenderer]
    parser_classes = [MultiPartParser, FormParser]
    throttle_classes = [VerifyThrottle]
    throttle_scope = "verify"
    template_name = "letters/verify_page.html"
    schema = None  # a page for people, not part of the API

    def _page(self, context: dict[str, Any], status: int = 200) -> Response:
        return Response(context, status=status, template_name=self.template_name)

    def get(
        self, request: Request, reference: str | None = None
    ) -> Response | HttpResponseRedirect:
        if reference is None:
            typed = (request.query_params.get("reference") or "").strip().upper()
            if typed:
                return HttpResponseRedirect(
                    reverse("letter-verify-page", kwargs={"reference": typed})
                )
            return self._page({"reference": ""})
        try:
            letter = letter_get_by_reference(reference=reference)
        except NotFound as exc:
            return self._page({"reference": reference, "not_found": exc.message}, status=404)
        return self._page({"reference": letter.reference, "letter": _verification(letter)})

    def post(self, request: Request, reference: str) -> Response:
        try:
            letter = letter_get_by_reference(reference=reference)
        except NotFound as exc:
            return self._page({"reference": reference, "not_found": exc.message}, status=404)
        context: dict[str, Any] = {"reference": letter.reference, "letter": _verification(letter)}
        upload = request.FILES.get("file")
        if upload is None:
            context["file_error"] = "Choose the PDF file of the letter to check."
            return self._page(context, status=400)
        if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
            context["file_error"] = "The file is too large. Upload a file of 10 MB or less."
            return self._page(context, status=413)
        try:
            context["matches"] = letter_file_matches(letter=letter, upload=upload)
        except ApplicationError as exc:
            context["file_error"] = exc.fields.get("file", [exc.message])[0]
            return self._page(context, status=400)
        return self._page(context)
