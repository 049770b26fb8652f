from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError
from django.utils import timezone

from coproduce.api.errors import ApplicationError, Conflict, NotFound, PermissionDenied
from letters import rendering
from letters.models import Letter, LetterStatus
from letters.services import (
    MAX_RENDER_ATTEMPTS,
    letter_reissue,
    letter_render,
    letter_request,
    letter_revoke,
    letter_sweep_stuck,
)
from letters.tasks import render
from notifications.models import Notification
from tests.factories import ContributorFactory

from .conftest import FakeLedger, Scene

JAN_5 = date(2026, 1, 5)
JAN_25 = date(2026, 1, 25)


def _request(scene: Scene, *, by: Any = None, **changes: Any) -> Letter:
    args: dict[str, Any] = {
        "requested_by": by or scene.admin,
        "organisation": scene.organisation,
        "contributor": scene.contributor,
        "kind": "benefits_advisor",
        "period_start": JAN_5,
        "period_end": JAN_25,
    }
    args.update(changes)
    return letter_request(**args)


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


def test_rendering_issues_the_letter_with_its_file_and_hash(
    scene: Scene, letter_files: Callable[[], list[Path]]
) -> None:
    letter = _request(scene)

    issued = letter_render(letter_id=letter.pk)

    assert issued.status == LetterStatus.ISSUED
    assert issued.issued_at is not None
    assert issued.issued_by == "Sam Signer, Involvement Lead"
    assert issued.render_attempts == 1
    files = letter_files()
    assert [f.name for f in files] == [f"{letter.reference}.pdf"]
    assert hashlib.sha256(files[0].read_bytes()).hexdigest() == issued.sha256


def test_rendering_twice_keeps_one_letter_and_one_file(
    scene: Scene, letter_files: Callable[[], list[Path]]
) -> None:
    letter = _request(scene)
    first = letter_render(letter_id=letter.pk)

    second = letter_render(letter_id=letter.pk)

    assert second.sha256 == first.sha256
    assert second.issued_at == first.issued_at
    assert second.render_attempts == 1
    assert Letter.objects.count() == 1
    assert len(letter_files()) == 1


def test_a_render_left_half_done_by_a_dead_worker_is_finished_by_the_next_run(
    scene: Scene, letter_files: Callable[[], list[Path]]
) -> None:
    letter = _request(scene)
    Letter.objects.filter(pk=letter.pk).update(status=LetterStatus.RENDERING, render_attempts=1)

    issued = letter_render(letter_id=letter.pk)

    assert issued.pk == letter.pk
    assert issued.status == LetterStatus.ISSUED
    assert issued.render_attempts == 2
    assert Letter.objects.count() == 1
    assert len(letter_files()) == 1


def test_a_run_that_loses_the_race_leaves_the_first_file_alone(
    scene: Scene, monkeypatch: pytest.MonkeyPatch, letter_files: Callable[[], list[Path]]
) -> None:
    letter = _request(scene)
    real_pdf = rendering.letter_pdf

    def render_while_another_run_finishes(**kwargs: Any) -> bytes:
        monkeypatch.setattr(rendering, "letter_pdf", real_pdf)
        letter_render(letter_id=letter.pk)  # the other run, finishing first
        return b"%PDF-1.7 from the slower run"

    monkeypatch.setattr(rendering, "letter_pdf", render_while_another_run_finishes)

    result = letter_render(letter_id=letter.pk)

    files = letter_files()
    assert len(files) == 1
    assert not files[0].read_bytes().endswith(b"slower run")
    assert hashlib.sha256(files[0].read_bytes()).hexdigest() == result.sha256


def test_a_revoked_letter_is_never_rendered_again(
    scene: Scene, letter_files: Callable[[], list[Path]]
) -> None:
    letter = letter_render(letter_id=_request(scene).pk)
    letter_revoke(by=scene.admin, letter=letter, reason="Wrong dates")

    again = letter_render(letter_id=letter.pk)

    assert again.status == LetterStatus.REVOKED
    assert again.sha256 == letter.sha256


def test_the_contributor_is_notified_once_when_the_letter_is_ready(
    scene: Scene, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    letter = _request(scene)

    with django_capture_on_commit_callbacks(execute=True):
        letter_render(letter_id=letter.pk)
    with django_capture_on_commit_callbacks(execute=True):
        letter_render(letter_id=letter.pk)

    notes = Notification.objects.filter(user=scene.contributor)
    assert notes.count() == 1
    assert letter.reference in notes.get().body


def test_the_task_marks_a_letter_failed_when_rendering_breaks(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    letter = _request(scene)

    def broken(**kwargs: Any) -> bytes:
        raise ValueError("template exploded")

    monkeypatch.setattr(rendering, "letter_pdf", broken)

    with pytest.raises(ValueError, match="template exploded"):
        render.apply(args=(letter.pk,)).get()

    letter.refresh_from_db()
    assert letter.status == LetterStatus.FAILED
    assert "template exploded" in letter.last_error


def test_the_task_retries_a_transient_error_into_the_same_letter(
    scene: Scene, monkeypatch: pytest.MonkeyPatch, letter_files: Callable[[], list[Path]]
) -> None:
    letter = _request(scene)
    real_pdf = rendering.letter_pdf
    calls: list[int] = []

    def flaky(**kwargs: Any) -> bytes:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real_pdf(**kwargs)

    monkeypatch.setattr(rendering, "letter_pdf", flaky)

    render.apply(args=(letter.pk,), throw=False)

    letter.refresh_from_db()
    assert len(calls) == 2
    assert letter.status == LetterStatus.ISSUED
    assert Letter.objects.count() == 1
    assert len(letter_files()) == 1


def test_the_sweep_resends_letters_stuck_for_too_long(
    scene: Scene, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    stuck = _request(scene)
    fresh = _request(scene)
    long_ago = timezone.now() - timedelta(hours=1)
    Letter.objects.filter(pk=stuck.pk).update(status=LetterStatus.RENDERING, updated_at=long_ago)

    with django_capture_on_commit_callbacks() as callbacks:
        resent = letter_sweep_stuck(older_than=timedelta(minutes=10))

    assert resent == [stuck.pk]
    assert len(callbacks) == 1
    callbacks[0]()
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == LetterStatus.ISSUED  # the eager task rendered it
    assert fresh.status == LetterStatus.REQUESTED


def test_the_sweep_gives_up_on_a_letter_that_keeps_failing(scene: Scene) -> None:
    letter = _request(scene)
    Letter.objects.filter(pk=letter.pk).update(
        status=LetterStatus.RENDERING,
        render_attempts=MAX_RENDER_ATTEMPTS,
        updated_at=timezone.now() - timedelta(hours=1),
    )

    assert letter_sweep_stuck() == []

    letter.refresh_from_db()
    assert letter.status == LetterStatus.FAILED


def test_a_letter_redelivered_too_often_is_marked_failed_instead_of_rendered(
    scene: Scene, letter_files: Callable[[], list[Path]]
) -> None:
    letter = _request(scene)
    Letter.objects.filter(pk=letter.pk).update(
        status=LetterStatus.RENDERING, render_attempts=MAX_RENDER_ATTEMPTS
    )

    result = letter_render(letter_id=letter.pk)

    assert result.status == LetterStatus.FAILED
    assert "Gave up" in result.last_error
    assert letter_files() == []


def test_a_failed_letter_can_be_rendered_again_into_the_same_letter(
    scene: Scene, letter_files: Callable[[], list[Path]]
) -> None:
    letter = _request(scene)
    Letter.objects.filter(pk=letter.pk).update(
        status=LetterStatus.FAILED, render_attempts=MAX_RENDER_ATTEMPTS, last_error="boom"
    )

    result = letter_render(letter_id=letter.pk)

    assert result.status == LetterStatus.ISSUED
    assert result.last_error == ""
    assert len(letter_files()) == 1


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
