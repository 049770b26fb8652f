"""Making letters: rendering, the task and its retries, and the sweep for stuck letters."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError
from django.utils import timezone

from letters import rendering
from letters.models import Letter, LetterStatus
from letters.services import (
    MAX_RENDER_ATTEMPTS,
    letter_render,
    letter_revoke,
    letter_sweep_stuck,
)
from letters.tasks import render
from notifications.models import Notification

from .conftest import Scene
from .conftest import request_letter as _request


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
