"""Letter services: who may ask for which letter, the snapshot, revoking and reissuing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from coproduce.api.errors import ApplicationError, Conflict, NotFound, PermissionDenied
from letters import rendering
from letters.models import Letter, LetterStatus
from letters.services import (
    letter_reissue,
    letter_render,
    letter_revoke,
)
from tests.factories import ContributorFactory

from .conftest import JAN_5, JAN_25, FakeLedger, Scene
from .conftest import request_letter as _request


def test_an_admin_requests_a_letter_and_its_render_is_enqueued_on_commit(
    scene: Scene, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        letter = _request(scene)

    assert letter.status == LetterStatus.REQUESTED
    assert letter.reference.startswith("CP-") and len(letter.reference) == 15
    assert letter.snapshot["organisation"]["name"] == "Northfield Mind"
    assert letter.template_version == rendering.TEMPLATE_VERSION
    assert len(callbacks) == 1
    assert not letter.pdf


def test_a_contributor_requests_a_letter_about_themself(scene: Scene) -> None:
    letter = _request(scene, by=scene.contributor)

    assert letter.requested_by == scene.contributor


def test_references_are_unique_and_unguessable(scene: Scene) -> None:
    references = {_request(scene).reference for _ in range(5)}

    assert len(references) == 5
    assert all(len(set(r[3:])) > 3 for r in references)


def test_a_coordinator_cannot_request_letters(scene: Scene) -> None:
    with pytest.raises(PermissionDenied, match="owner or admin"):
        _request(scene, by=scene.coordinator)


def test_someone_outside_the_organisation_gets_not_found(scene: Scene) -> None:
    with pytest.raises(NotFound):
        _request(scene, by=scene.outsider)


def test_an_unverified_organisation_cannot_issue_letters(scene: Scene) -> None:
    scene.organisation.verified_at = None
    scene.organisation.save()

    with pytest.raises(PermissionDenied) as caught:
        _request(scene)

    assert caught.value.code == "organisation_not_verified"
    assert "has not been verified yet" in caught.value.message
    assert Letter.objects.count() == 0


def test_a_period_ending_before_it_starts_is_refused(scene: Scene) -> None:
    with pytest.raises(ApplicationError) as caught:
        _request(scene, period_start=JAN_25, period_end=JAN_5)

    assert "period_end" in caught.value.fields


def test_a_period_with_no_involvement_is_refused(scene: Scene, ledger: FakeLedger) -> None:
    ledger.has_involvement = False

    with pytest.raises(ApplicationError) as caught:
        _request(scene)

    assert caught.value.code == "no_involvement"
    assert Letter.objects.count() == 0


def test_a_contributor_not_engaged_with_the_organisation_is_refused(scene: Scene) -> None:
    stranger = ContributorFactory.create()

    with pytest.raises(ApplicationError) as caught:
        _request(scene, contributor=stranger)

    assert caught.value.code == "not_engaged"
    assert "contributor" in caught.value.fields


def test_a_contributor_cannot_ask_an_organisation_they_never_worked_with(
    scene: Scene,
) -> None:
    stranger = ContributorFactory.create()

    with pytest.raises(ApplicationError) as caught:
        _request(scene, by=stranger, contributor=stranger)

    assert caught.value.code == "not_engaged"


def test_an_organisation_without_a_signatory_is_asked_to_name_one(scene: Scene) -> None:
    scene.organisation.signatory_name = ""
    scene.organisation.save()

    with pytest.raises(ApplicationError) as caught:
        _request(scene)

    assert caught.value.code == "no_signatory"


def test_the_snapshot_is_taken_at_request_time(scene: Scene, ledger: FakeLedger) -> None:
    letter = _request(scene)
    scene.organisation.name = "Renamed later"
    scene.organisation.save()

    issued = letter_render(letter_id=letter.pk)

    assert ledger.builds == 1
    assert issued.snapshot["organisation"]["name"] == "Northfield Mind"


def test_an_admin_revokes_an_issued_letter_with_a_reason_that_is_kept_in_history(
    scene: Scene,
) -> None:
    letter = letter_render(letter_id=_request(scene).pk)

    revoked = letter_revoke(by=scene.admin, letter=letter, reason="  The dates were wrong. ")

    assert revoked.status == LetterStatus.REVOKED
    assert revoked.revoked_reason == "The dates were wrong."
    assert revoked.revoked_by == scene.admin
    assert revoked.revoked_at is not None
    latest = revoked.history.latest()
    assert latest.status == LetterStatus.REVOKED
    assert latest.history_change_reason == "revoked: The dates were wrong."


def test_only_admins_of_the_issuing_organisation_revoke(scene: Scene) -> None:
    letter = letter_render(letter_id=_request(scene).pk)

    with pytest.raises(PermissionDenied):
        letter_revoke(by=scene.coordinator, letter=letter, reason="no")
    with pytest.raises(NotFound):
        letter_revoke(by=scene.outsider, letter=letter, reason="no")
    with pytest.raises(NotFound):
        letter_revoke(by=scene.contributor, letter=letter, reason="no")


def test_revoking_needs_a_reason_and_an_issued_letter(scene: Scene) -> None:
    waiting = _request(scene)
    with pytest.raises(Conflict):
        letter_revoke(by=scene.admin, letter=waiting, reason="Too early")

    issued = letter_render(letter_id=waiting.pk)
    with pytest.raises(ApplicationError) as caught:
        letter_revoke(by=scene.admin, letter=issued, reason="   ")
    assert "reason" in caught.value.fields

    letter_revoke(by=scene.admin, letter=issued, reason="Wrong")
    with pytest.raises(Conflict):
        letter_revoke(by=scene.admin, letter=issued, reason="Again")


def test_reissue_makes_a_new_letter_that_supersedes_the_old(scene: Scene) -> None:
    old = letter_render(letter_id=_request(scene).pk)

    new = letter_reissue(by=scene.admin, letter=old)

    assert new.pk != old.pk
    assert new.reference != old.reference
    assert new.supersedes == old
    old.refresh_from_db()
    assert old.is_superseded
    assert old.superseded_by == new
    assert old.status == LetterStatus.ISSUED
    assert (new.kind, new.period_start, new.period_end) == (old.kind, JAN_5, JAN_25)
    with pytest.raises(Conflict):
        letter_reissue(by=scene.admin, letter=old)


def test_only_admins_reissue(scene: Scene) -> None:
    old = letter_render(letter_id=_request(scene).pk)

    with pytest.raises(NotFound):
        letter_reissue(by=scene.contributor, letter=old)
    with pytest.raises(PermissionDenied):
        letter_reissue(by=scene.coordinator, letter=old)
