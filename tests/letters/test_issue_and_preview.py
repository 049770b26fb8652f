"""Admins issue the letters contributors ask for, filter their organisation's letters, and
preview their letterhead on a letter that is clearly not real."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from letters.models import Letter, LetterStatus
from letters.services import letter_render, letter_sweep_stuck
from notifications.models import Notification
from organisations.models import Role
from tests.factories import MembershipFactory, OrganisationFactory

from . import pdf as read
from .conftest import Scene

Client = Callable[..., Any]


def _ask_as_contributor(
    scene: Scene, client_for: Client, request_body: Callable[..., dict[str, Any]]
) -> dict[str, Any]:
    body = request_body()
    del body["contributor"]
    response = client_for(scene.contributor).post("/api/v1/letters/", body)
    assert response.status_code == 202, response.json()
    return dict(response.json())


def test_a_letter_a_contributor_asks_for_waits_for_an_admin_and_the_admins_are_told(
    scene: Scene,
    client_for: Client,
    request_body: Callable[..., dict[str, Any]],
    django_capture_on_commit_callbacks: Callable[..., Any],
    letter_files: Callable[[], list[Path]],
) -> None:
    owner = MembershipFactory.create(organisation=scene.organisation, role=Role.OWNER).user
    with django_capture_on_commit_callbacks(execute=True):
        asked = _ask_as_contributor(scene, client_for, request_body)

    assert asked["status"] == "requested"
    assert asked["waiting_for_issue"] is True
    letter = Letter.objects.get(pk=asked["id"])
    assert letter.status == LetterStatus.REQUESTED and not letter.pdf
    assert letter_files() == []
    told = Notification.objects.filter(kind="letter_requested")
    assert sorted(n.user_id for n in told) == sorted([scene.admin.pk, owner.pk])
    assert told.first() is not None
    assert told.first().link == f"/organisations/{scene.organisation.pk}/letters/{letter.pk}"  # type: ignore[union-attr]


def test_an_admin_issues_the_letter_and_it_is_made_and_signed(
    scene: Scene,
    client_for: Client,
    request_body: Callable[..., dict[str, Any]],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    asked = _ask_as_contributor(scene, client_for, request_body)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(scene.admin).post(f"/api/v1/letters/{asked['id']}/issue/")

    assert response.status_code == 202, response.json()
    assert response.json()["waiting_for_issue"] is False
    letter = Letter.objects.get(pk=asked["id"])
    assert letter.status == LetterStatus.ISSUED
    assert letter.approved_by == scene.admin
    assert letter.issued_by == "Sam Signer, Involvement Lead"
    again = client_for(scene.admin).post(f"/api/v1/letters/{asked['id']}/issue/")
    assert again.status_code == 409


def test_only_the_organisations_admins_issue_letters(
    scene: Scene, client_for: Client, request_body: Callable[..., dict[str, Any]]
) -> None:
    asked = _ask_as_contributor(scene, client_for, request_body)
    url = f"/api/v1/letters/{asked['id']}/issue/"
    elsewhere = MembershipFactory.create(organisation=OrganisationFactory.create(), role="admin")

    assert client_for(scene.coordinator).post(url).status_code == 404
    assert client_for(elsewhere.user).post(url).status_code == 404
    assert client_for(scene.contributor).post(url).status_code == 404
    assert Letter.objects.get(pk=asked["id"]).is_waiting_for_issue


def test_a_letter_waiting_for_an_admin_is_neither_rendered_nor_swept(
    scene: Scene, client_for: Client, request_body: Callable[..., dict[str, Any]]
) -> None:
    asked = _ask_as_contributor(scene, client_for, request_body)
    Letter.objects.filter(pk=asked["id"]).update(updated_at=timezone.now() - timedelta(days=1))

    assert letter_sweep_stuck() == []
    assert letter_render(letter_id=asked["id"]).status == LetterStatus.REQUESTED
    assert Letter.objects.get(pk=asked["id"]).render_attempts == 0


def test_an_admin_lists_their_organisations_letters_by_status(
    scene: Scene,
    client_for: Client,
    request_body: Callable[..., dict[str, Any]],
    issued: Letter,
) -> None:
    waiting = _ask_as_contributor(scene, client_for, request_body)
    admin = client_for(scene.admin)
    base = f"/api/v1/letters/?organisation={scene.organisation.pk}"

    def ids(status: str) -> list[int]:
        response = admin.get(f"{base}&status={status}")
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert ids("requested") == [waiting["id"]]
    assert ids("issued") == [issued.pk]
    assert ids("withdrawn") == []
    refused = admin.get(f"{base}&status=lost")
    assert refused.status_code == 400 and "status" in refused.json()["fields"]
    other = OrganisationFactory.create()
    assert admin.get(f"/api/v1/letters/?organisation={other.pk}").json()["results"] == []


def test_the_preview_is_a_marked_pdf_with_the_unsaved_letterhead_and_is_not_stored(
    scene: Scene, client_for: Client, letter_files: Callable[[], list[Path]]
) -> None:
    response = client_for(scene.admin).post(
        f"/api/v1/organisations/{scene.organisation.pk}/letter-preview/",
        {
            "letterhead_text": "Together for better mental health",
            "signatory_name": "Robin Draft",
            "letterhead_colour": "#0b3d2e",
        },
        format="json",
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = read.text(response.content)
    assert text.count("Preview — not a real letter") >= 2
    assert "Together for better mental health" in text
    assert "Robin Draft" in text and "Sam Sample" in text
    assert "CP-" not in text
    assert read.qr_codes(response.content) == []
    assert letter_files() == [] and Letter.objects.count() == 0
    scene.organisation.refresh_from_db()
    assert scene.organisation.signatory_name == "Sam Signer"


def test_only_admins_preview_and_a_colour_too_light_to_read_is_refused(
    scene: Scene, client_for: Client
) -> None:
    url = f"/api/v1/organisations/{scene.organisation.pk}/letter-preview/"
    assert client_for(scene.coordinator).post(url, {}, format="json").status_code == 403
    assert client_for(scene.outsider).post(url, {}, format="json").status_code == 404

    pale = client_for(scene.admin).post(url, {"letterhead_colour": "#ffee99"}, format="json")

    assert pale.status_code == 400
    assert "darker" in pale.json()["fields"]["letterhead_colour"][0]
