"""Receipts photographed on an iPhone arrive as HEIC: accepted, and kept as a JPEG that every
browser (and the organisation's finance officer) can open."""

from __future__ import annotations

import io

import pillow_heif
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import User
from payments.expenses import receipts
from payments.models import ExpenseClaim

from .conftest import Org
from .test_expenses import TRAIN, _as, _claim, _today  # noqa: F401  # _today is an autouse fixture

pytestmark = pytest.mark.django_db

EXIF_ORIENTATION = 0x0112
ROTATED_90 = 6  # the phone was held upright: the pixels are stored on their side


def heic(width: int = 40, height: int = 20, orientation: int | None = None) -> bytes:
    image = Image.new("RGB", (width, height), "white")
    exif = Image.Exif()
    if orientation:
        exif[EXIF_ORIENTATION] = orientation
    out = io.BytesIO()
    pillow_heif.from_pillow(image).save(out, quality=60, exif=exif.tobytes())
    return out.getvalue()


def _upload(content: bytes, name: str = "IMG_0001.HEIC") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/heic")


def test_a_heic_photo_is_kept_as_a_jpeg_turned_the_way_it_was_taken(
    northfield: Org, contributor: User
) -> None:
    response = _claim(
        _as(contributor), northfield, [TRAIN], {"receipt_0": _upload(heic(orientation=ROTATED_90))}
    )

    assert response.status_code == 201, response.json()
    claim = response.json()
    url = f"/api/v1/expense-claims/{claim['id']}/items/{claim['items'][0]['id']}/receipt/"
    served = _as(contributor).get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    content = b"".join(served.streaming_content)  # type: ignore[attr-defined]
    with Image.open(io.BytesIO(content)) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (20, 40)  # upright, as the phone showed it
        assert EXIF_ORIENTATION not in stored.getexif()  # no metadata kept


def test_a_heic_photo_with_too_many_pixels_is_refused_before_it_is_decoded(
    northfield: Org, contributor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(receipts, "RECEIPT_MAX_PIXELS", 40 * 20 - 1)
    decoded: list[bool] = []

    def to_pillow(self: pillow_heif.HeifFile) -> Image.Image:
        decoded.append(True)
        return Image.new("RGB", (1, 1))

    monkeypatch.setattr(pillow_heif.HeifFile, "to_pillow", to_pillow)

    response = _claim(_as(contributor), northfield, [TRAIN], {"receipt_0": _upload(heic())})

    assert response.status_code == 400
    assert response.json()["code"] == "image_too_large"
    assert decoded == []
    assert not ExpenseClaim.objects.exists()


def test_a_broken_heic_file_is_a_clear_400(northfield: Org, contributor: User) -> None:
    broken = heic()[:64]  # the file type box, then nothing

    response = _claim(_as(contributor), northfield, [TRAIN], {"receipt_0": _upload(broken)})

    assert response.status_code == 400
    assert "HEIC" in response.json()["fields"]["receipt_0"][0]
    assert not ExpenseClaim.objects.exists()
