"""Letter notifications: admins hear when a contributor asks for a letter (without its kind),
the contributor when it is ready."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core import mail

from letters import services
from letters.notices import letter_issued_notify
from letters.services import letter_request
from notifications.models import Notification, NotificationPreference
from organisations.models import Role
from tests.factories import MembershipFactory

from .conftest import Scene

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_render(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "_enqueue_render", lambda letter_id: None)


def _ask(scene: Scene, by: Any) -> Any:
    return letter_request(
        requested_by=by,
        organisation=scene.organisation,
        contributor=scene.contributor,
        kind="benefits_advisor",
        period_start=date(2026, 1, 5),
        period_end=date(2026, 1, 25),
    )


def test_a_contributors_request_tells_the_admins_and_owners_once(
    scene: Scene, django_capture_on_commit_callbacks: Any
) -> None:
    owner = MembershipFactory.create(organisation=scene.organisation, role=Role.OWNER).user
    NotificationPreference.objects.create(user=owner, email_enabled=False)

    with django_capture_on_commit_callbacks(execute=True):
        letter = _ask(scene, scene.contributor)

    told = Notification.objects.filter(kind="letter_requested")
    assert {n.user_id for n in told} == {scene.admin.pk, owner.pk}
    note = told.get(user=scene.admin)
    assert note.title == "Alex Example has asked for a letter"
    assert "from 05 January 2026 to 25 January 2026" in note.body
    assert "benefit" not in note.body.lower()
    assert note.link == f"/organisations/{scene.organisation.pk}/letters/{letter.pk}"
    assert [m.to for m in mail.outbox] == [[scene.admin.email]]


def test_an_admins_own_request_tells_no_admin(scene: Scene) -> None:
    _ask(scene, scene.admin)

    assert not Notification.objects.filter(kind="letter_requested").exists()


def test_a_ready_letter_links_the_contributor_to_it_once(
    scene: Scene, django_capture_on_commit_callbacks: Any
) -> None:
    scene.organisation.contact_email = "letters@northfield.example.org"
    scene.organisation.save()
    letter = _ask(scene, scene.admin)  # rendering it is tested in test_render_and_sweep.py

    with django_capture_on_commit_callbacks(execute=True):
        letter_issued_notify(letter=letter)
        letter_issued_notify(letter=letter)

    note = Notification.objects.get(user=scene.contributor)
    assert note.kind == "letter_issued"
    assert note.link == f"/me/letters/{letter.pk}"
    [message] = mail.outbox
    assert message.reply_to == ["letters@northfield.example.org"]
    assert "Northfield Mind via Coproduce" in message.from_email
