"""Receipt uploads: checked by their content, never by their name."""

from __future__ import annotations

import hashlib
import io
import uuid
import warnings

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from coproduce.api.errors import ApplicationError, ErrorCode

ALLOWED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
# A photo of a receipt from any phone is well under this (50 megapixels). A file claiming more
# is refused from its header, before any pixel is decoded: a few bytes can claim billions.
RECEIPT_MAX_PIXELS = 50_000_000


class ReceiptTooLarge(ApplicationError):
    status_code = 413


def receipt_check(upload: UploadedFile, *, field: str) -> tuple[bytes, str, str]:
    """Read and check one receipt. Returns (content, content type, new file name)."""
    limit: int = settings.RECEIPT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ReceiptTooLarge(
            "A receipt is too large.",
            code=ErrorCode.REQUEST_TOO_LARGE,
            fields={field: [f"Each receipt must be {limit // (1024 * 1024)} MB or smaller."]},
        )
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ReceiptTooLarge(
            "A receipt is too large.",
            code=ErrorCode.REQUEST_TOO_LARGE,
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
            _check_image(content, field=field)
    except (PdfReadError, UnidentifiedImageError, OSError, ValueError) as exc:
        raise bad from exc
    return content, mime, f"{uuid.uuid4().hex}.{ALLOWED[mime]}"


def _too_many_pixels(field: str) -> ApplicationError:
    return ApplicationError(
        "A receipt image is too large to check.",
        code=ErrorCode.IMAGE_TOO_LARGE,
        fields={
            field: [
                "This image has too many pixels. Take a smaller photo, or save the receipt "
                "as a PDF, and upload it again."
            ]
        },
    )


def _check_image(content: bytes, *, field: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(content)) as image:  # reads the header only
                width, height = image.size
                if width * height > RECEIPT_MAX_PIXELS:
                    raise _too_many_pixels(field)
                image.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels(field) from exc


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
