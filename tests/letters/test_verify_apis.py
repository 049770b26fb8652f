"""Checking a letter through the API: by reference or by uploading the PDF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import User
from letters.models import Letter, LetterStatus

from .conftest import Scene

Client = Callable[[User], APIClient]


def _pdf(client: APIClient, letter: Letter) -> Any:
    return client.get(f"/api/v1/letters/{letter.pk}/pdf/")


def _verify_upload(api: APIClient, reference: str, content: bytes, name: str = "letter.pdf") -> Any:
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return api.post(f"/api/v1/verify/{reference}/", {"file": upload}, format="multipart")


def test_verifying_by_reference_says_who_issued_it_and_nothing_personal(
    issued: Letter, api: APIClient
) -> None:
    response = api.get(f"/api/v1/verify/{issued.reference}/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "issued"
    assert body["organisation"] == "Northfield Mind"
    assert body["kind"] == "benefits_advisor"
    assert body["issued_on"] is not None and body["revoked_on"] is None
    raw = response.content.decode()
    for private in ("Alex", "Example", "Low Road", "£", "25.00", "4.80", "contributor"):
        assert private not in raw


def test_verifying_an_unknown_or_unissued_reference_answers_404(
    scene: Scene, client_for: Client, request_body: Callable[..., Any], api: APIClient
) -> None:
    response = client_for(scene.admin).post("/api/v1/letters/", request_body())
    waiting = response.json()["reference"]

    assert api.get(f"/api/v1/verify/{waiting}/").status_code == 404
    assert api.get("/api/v1/verify/CP-AAAAAAAAAAAA/").status_code == 404


def test_the_issued_file_matches_and_a_tampered_copy_does_not(
    issued: Letter, api: APIClient
) -> None:
    with issued.pdf.open("rb") as handle:
        original = handle.read()
    tampered = bytearray(original)
    tampered[len(tampered) // 2] ^= 0x01  # one bit changed

    good = _verify_upload(api, issued.reference, original)
    bad = _verify_upload(api, issued.reference, bytes(tampered))

    assert good.status_code == 200 and good.json()["matches"] is True
    assert bad.status_code == 200 and bad.json()["matches"] is False
    assert "not the letter that was issued" in bad.json()["message"]


def test_a_revoked_letter_verifies_as_revoked_with_its_date(
    scene: Scene, issued: Letter, client_for: Client, api: APIClient
) -> None:
    response = client_for(scene.admin).post(
        f"/api/v1/letters/{issued.pk}/revoke/", {"reason": "The dates were wrong."}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "revoked"

    body = api.get(f"/api/v1/verify/{issued.reference}/").json()

    assert body["status"] == "revoked"
    assert body["revoked_on"] is not None
    assert "withdrew this letter" in body["message"]
    assert _pdf(client_for(scene.contributor), issued).status_code == 409


def test_an_upload_over_10_mb_answers_413(issued: Letter, api: APIClient) -> None:
    big = b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024)

    response = _verify_upload(api, issued.reference, big)

    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "request_too_large"
    assert "10 MB" in body["message"]
    assert set(body) == {"message", "code", "fields"}


def test_a_file_that_is_not_a_pdf_answers_400(issued: Letter, api: APIClient) -> None:
    response = _verify_upload(api, issued.reference, b"GIF89a not a letter", name="x.gif")

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "file": ["Upload the letter as the PDF file you were given."]
    }


def test_an_upload_without_a_file_answers_400(issued: Letter, api: APIClient) -> None:
    response = api.post(f"/api/v1/verify/{issued.reference}/", {}, format="multipart")

    assert response.status_code == 400
    assert "file" in response.json()["fields"]


def test_verification_is_throttled(issued: Letter, api: APIClient) -> None:
    url = f"/api/v1/verify/{issued.reference}/"
    statuses = [api.get(url).status_code for _ in range(61)]

    assert statuses[:60] == [200] * 60
    assert statuses[60] == 429
    assert api.get(url).json()["code"] == "throttled"


def test_letters_are_not_served_from_media_urls(issued: Letter, api: APIClient) -> None:
    assert issued.status == LetterStatus.ISSUED
    assert issued.pdf.name == f"letters/{issued.reference}.pdf"
    assert api.get(f"/media/{issued.pdf.name}").status_code == 404
    assert api.get(f"/{issued.pdf.name}").status_code == 404
