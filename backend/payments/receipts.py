"""Receipt uploads: checked by their content, never by their name."""

from __future__ import annotations

import hashlib
import io
import uuid

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from coproduce.api.errors import ApplicationError

ALLOWED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


class ReceiptTooLarge(ApplicationError):
    status_code = 413


def receipt_check(upload: UploadedFile, *, field: str) -> tuple[bytes, str, str]:
    """Read and check one receipt. Returns (content, content type, new file name)."""
    limit: int = settings.RECEIPT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ReceiptTooLarge(
            "A receipt is too large.",
            code="request_too_large",
            fields={field: [f"Each receipt must be {limit // (1024 * 1024)} MB or smaller."]},
        )
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ReceiptTooLarge(
            "A receipt is too large.",
            code="request_too_large",
            fields={field: [f"Each receipt must be {limit // (1024 * 1024)} MB or smaller."]},
        )
    kind = filetype.guess(content)
    mime = kind.mime if kind is not None else ""
    bad = ApplicationError(
        "A receipt is not a PDF, JPEG or PNG file.",
        fields={field: ["Upload a photo (JPEG or PNG) or a PDF of the receipt."]},
    )
    if mime not in ALLOWED:
        raise bad
    try:
        if mime == "application/pdf":
            PdfReader(io.BytesIO(content)).get_num_pages()
        else:
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
    except (PdfReadError, UnidentifiedImageError, OSError, ValueError) as exc:
        raise bad from exc
    return content, mime, f"{uuid.uuid4().hex}.{ALLOWED[mime]}"


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
