"""Renderers for endpoints that answer with a file."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rest_framework import renderers


class BinaryRenderer(renderers.BaseRenderer):
    """Lets a client ask for a file type (``media_type``); errors still leave as JSON."""

    charset = None
    render_style = "binary"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        return data if isinstance(data, bytes) else json.dumps(data).encode()


class PdfRenderer(BinaryRenderer):
    media_type = "application/pdf"
    format = "pdf"


class ZipRenderer(BinaryRenderer):
    media_type = "application/zip"
    format = "zip"
