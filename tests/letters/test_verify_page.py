"""The page a work coach opens from the QR code: plain English, no personal details."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from letters.models import Letter
from letters.services import letter_reissue, letter_revoke

from .conftest import Scene

PRIVATE = ("Alex", "Example", "Low Road", "£", "25.00")


def test_the_page_says_a_genuine_letter_is_genuine_and_nothing_personal(issued: Letter) -> None:
    response = Client().get(f"/verify/{issued.reference}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "This letter is genuine" in html
    assert "Northfield Mind" in html
    assert issued.reference in html
    for private in PRIVATE:
        assert private not in html


def test_the_page_says_a_revoked_letter_is_withdrawn(issued: Letter, scene: Scene) -> None:
    letter_revoke(by=scene.admin, letter=issued, reason="Wrong dates")

    html = Client().get(f"/verify/{issued.reference}/").content.decode()

    assert "This letter has been withdrawn" in html


def test_typing_a_reference_opens_its_page_and_an_unknown_one_says_so(issued: Letter) -> None:
    client = Client()

    start = client.get("/verify/")
    typed = client.get("/verify/", {"reference": issued.reference.lower()})
    unknown = client.get("/verify/CP-AAAAAAAAAAAA/")

    assert start.status_code == 200 and 'name="reference"' in start.content.decode()
    assert typed.status_code == 302 and typed["Location"] == f"/verify/{issued.reference}/"
    assert unknown.status_code == 404 and "no issued letter" in unknown.content.decode()


def test_uploading_the_pdf_on_the_page_says_whether_it_matches(issued: Letter) -> None:
    with issued.pdf.open("rb") as handle:
        original = handle.read()
    tampered = bytearray(original)
    tampered[len(tampered) // 2] ^= 0x01  # one bit changed
    client = Client()

    good = client.post(
        f"/verify/{issued.reference}/", {"file": SimpleUploadedFile("l.pdf", original)}
    )
    bad = client.post(
        f"/verify/{issued.reference}/", {"file": SimpleUploadedFile("l.pdf", bytes(tampered))}
    )
    not_pdf = client.post(
        f"/verify/{issued.reference}/", {"file": SimpleUploadedFile("l.pdf", b"MZ...")}
    )

    assert "The file matches" in good.content.decode()
    assert "The file does not match" in bad.content.decode()
    assert not_pdf.status_code == 400 and "error-message" in not_pdf.content.decode()


def test_a_tampered_file_shows_only_the_red_panel_first(issued: Letter) -> None:
    with issued.pdf.open("rb") as handle:
        tampered = bytearray(handle.read())
    tampered[len(tampered) // 2] ^= 0x01

    html = (
        Client()
        .post(
            f"/verify/{issued.reference}/", {"file": SimpleUploadedFile("l.pdf", bytes(tampered))}
        )
        .content.decode()
    )

    assert "The file does not match" in html
    assert "This letter is genuine" not in html
    assert 'class="panel ok"' not in html
    assert html.index("The file does not match") < html.index("Upload the letter")


def test_a_matching_file_leads_the_page_then_the_letter_status(issued: Letter) -> None:
    with issued.pdf.open("rb") as handle:
        original = handle.read()

    html = (
        Client()
        .post(f"/verify/{issued.reference}/", {"file": SimpleUploadedFile("l.pdf", original)})
        .content.decode()
    )

    assert html.index("The file matches") < html.index("This letter is genuine")


def test_a_withdrawn_letter_shows_when_and_its_replacement(issued: Letter, scene: Scene) -> None:

    letter_revoke(by=scene.admin, letter=issued, reason="Wrong dates")
    new = letter_reissue(by=scene.admin, letter=issued)
    new.issued_at = new.created_at
    new.sha256 = "0" * 64
    new.status = "issued"
    new.save()

    html = Client().get(f"/verify/{issued.reference}/").content.decode()

    assert "This letter has been withdrawn" in html
    assert "Withdrawn on" in html
    assert f'Replaced by</dt><dd><a href="/verify/{new.reference}/">{new.reference}</a>' in html
