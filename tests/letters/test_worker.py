"""The whole flow with real worker processes on the real broker (embedded or Redis)."""

from __future__ import annotations

import hashlib
import os
import signal
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from letters import services
from letters.models import Letter, LetterStatus
from tests.workers import running_worker, wait_for, worker_process
from workers.celery import app

from .conftest import Scene
from .factories import FEES, snapshot_dict


def _pdf_path(letter: Letter) -> Path:
    return Path(settings.MEDIA_ROOT) / "letters" / f"{letter.reference}.pdf"


@pytest.fixture
def send_to(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Route the render that a request enqueues on commit to a private worker's queue. (Unit
    tests run tasks eagerly in-process; here the task must go through the broker.)"""

    def route(queue: str) -> None:
        def enqueue(letter_id: int) -> None:
            transaction.on_commit(
                lambda: app.send_task("letters.render", args=[letter_id], queue=queue)
            )

        monkeypatch.setattr(services, "_enqueue_render", enqueue)

    return route


@pytest.fixture
def cleanup_pdfs() -> Iterator[list[Letter]]:
    """Real workers write to the shared MEDIA_ROOT: remove what the test made."""
    made: list[Letter] = []
    yield made
    for letter in made:
        _pdf_path(letter).unlink(missing_ok=True)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_issues_a_requested_letter_that_then_verifies(
    scene: Scene,
    client_for: Callable[[User], APIClient],
    request_body: Callable[..., dict[str, Any]],
    send_to: Callable[[str], None],
    cleanup_pdfs: list[Letter],
) -> None:
    api = APIClient()
    with running_worker() as queue:
        send_to(queue)

        response = client_for(scene.admin).post("/api/v1/letters/", request_body())

        assert response.status_code == 202
        letter = Letter.objects.get(pk=response.json()["id"])
        cleanup_pdfs.append(letter)
        wait_for(
            lambda: Letter.objects.get(pk=letter.pk).status == LetterStatus.ISSUED,
            what="the worker to issue the letter",
        )

    letter.refresh_from_db()
    verified = api.get(f"/api/v1/verify/{letter.reference}/").json()
    assert verified["status"] == "issued"
    download: Any = client_for(scene.contributor).get(f"/api/v1/letters/{letter.pk}/pdf/")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    upload = SimpleUploadedFile("letter.pdf", content, content_type="application/pdf")
    check = api.post(f"/api/v1/verify/{letter.reference}/", {"file": upload}, format="multipart")
    assert check.json()["matches"] is True


def _big_snapshot() -> dict[str, Any]:
    """A long statement (hundreds of fees over many pages), so rendering takes long enough
    for the test to see the letter in 'rendering' and kill the worker then."""
    fees = [dict(FEES[0], description=f"Panel meeting {n}") for n in range(600)]
    group = {
        "start": "2026-01-05",
        "end": "2026-01-11",
        "fees": fees,
        "total_received": "15000.00",
        "total_offered": "15000.00",
    }
    return snapshot_dict(kind="payment_statement", fees=fees, fee_groups=[group])


def _status(letter: Letter) -> str:
    return Letter.objects.values_list("status", flat=True).get(pk=letter.pk)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_mid_render_still_ends_with_exactly_one_issued_letter(
    scene: Scene, cleanup_pdfs: list[Letter], send_to: Callable[[str], None]
) -> None:
    letter = Letter.objects.create(
        kind="payment_statement",
        organisation=scene.organisation,
        contributor=scene.contributor,
        period_start="2026-01-05",
        period_end="2026-01-25",
        snapshot=_big_snapshot(),
        template_version="1",
        requested_by=scene.admin,
        approved_at=timezone.now(),
        approved_by=scene.admin,
    )
    cleanup_pdfs.append(letter)

    with worker_process() as (queue, worker):
        app.send_task("letters.render", args=[letter.pk], queue=queue)
        deadline = time.monotonic() + 120
        # Poll tightly (the window is short), reading the status once each time round.
        while (status := _status(letter)) != LetterStatus.RENDERING:
            assert time.monotonic() < deadline, "the worker never started rendering"
            assert status == LetterStatus.REQUESTED
            time.sleep(0.005)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()

    # The worker died mid-render: the letter is stuck and no file was written.
    assert _status(letter) == LetterStatus.RENDERING
    assert not _pdf_path(letter).exists()

    with running_worker() as queue:
        send_to(queue)
        # The periodic sweep finds it (here without waiting the usual minutes).
        with transaction.atomic():
            assert services.letter_sweep_stuck(older_than=timedelta(0)) == [letter.pk]
        wait_for(
            lambda: _status(letter) == LetterStatus.ISSUED,
            timeout=120,
            what="the new worker to issue the letter",
        )

    letter.refresh_from_db()
    assert Letter.objects.count() == 1
    assert letter.render_attempts == 2
    folder = _pdf_path(letter).parent
    assert sorted(p.name for p in folder.glob(f"{letter.reference}*")) == [
        f"{letter.reference}.pdf"
    ]
    assert not list(folder.glob(".tmp-*"))
    assert hashlib.sha256(_pdf_path(letter).read_bytes()).hexdigest() == letter.sha256
