from __future__ import annotations

from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from dataprotection.models import RetentionPolicy
from dataprotection.services import RETAINED_TEXT
from dataprotection.tasks import pseudonymise_expired
from letters.models import Letter
from payments.models import ExpenseItem, Payment
from tests.dataprotection.conftest import World, erase
from tests.factories import ContributorFactory
from workers.schedule import beat_schedule

pytestmark = pytest.mark.django_db


def _run_daily_task_on(day: str, django_capture_on_commit_callbacks) -> None:
    with (
        time_machine.travel(f"{day} 03:30 +00:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        pseudonymise_expired.apply().get()


def test_after_the_retention_period_kept_records_are_pseudonymised_too(
    world: World, django_capture_on_commit_callbacks
) -> None:
    pdf_path = Path(settings.MEDIA_ROOT) / world.letter.pdf.name
    held_copy = pdf_path.read_bytes()
    Payment.objects.filter(pk=world.paid_fee.pk).update(cancel_reason="", donated_to="A charity")
    erase(world.contributor)

    _run_daily_task_on("2033-01-10", django_capture_on_commit_callbacks)  # over 6 years on

    for payment in Payment.objects.filter(contributor=world.contributor):
        assert payment.description == RETAINED_TEXT
        assert payment.donated_to == "" and payment.choice_reason == ""
    history = Payment.history.model.objects.filter(id=world.paid_fee.pk)
    assert {row.description for row in history} == {RETAINED_TEXT}
    assert {item.description for item in ExpenseItem.objects.filter(claim_id=world.claim_id)} == {
        RETAINED_TEXT
    }
    letter = Letter.objects.get(pk=world.letter.pk)
    assert "Alex" not in str(letter.snapshot) and "Elm Road" not in str(letter.snapshot)
    assert letter.snapshot["contributor"]["name"] == f"Former contributor C-{world.contributor.pk}"
    assert not letter.pdf and not pdf_path.exists()
    # The money and the letter's fingerprint stay: a copy someone holds still verifies.
    assert Payment.objects.get(pk=world.paid_fee.pk).payable == world.paid_fee.payable
    check = APIClient().post(
        f"/api/v1/verify/{letter.reference}/",
        {"file": SimpleUploadedFile("l.pdf", held_copy, content_type="application/pdf")},
        format="multipart",
    )
    assert check.json()["matches"] is True


def test_within_the_retention_period_kept_records_keep_their_details(
    world: World, django_capture_on_commit_callbacks
) -> None:
    erase(world.contributor)

    _run_daily_task_on("2032-06-01", django_capture_on_commit_callbacks)  # under 6 years on

    assert Payment.objects.get(pk=world.paid_fee.pk).description != RETAINED_TEXT
    assert Letter.objects.get(pk=world.letter.pk).pdf


def test_an_organisations_own_retention_period_is_used(
    world: World, django_capture_on_commit_callbacks
) -> None:
    RetentionPolicy.objects.create(organisation=world.northfield.organisation, years=10)
    erase(world.contributor)

    _run_daily_task_on("2033-01-10", django_capture_on_commit_callbacks)
    kept = Payment.objects.get(pk=world.paid_fee.pk).description
    _run_daily_task_on("2037-01-10", django_capture_on_commit_callbacks)

    assert kept != RETAINED_TEXT
    assert Payment.objects.get(pk=world.paid_fee.pk).description == RETAINED_TEXT


def test_people_who_did_not_erase_their_account_are_left_alone(
    world: World, django_capture_on_commit_callbacks
) -> None:
    ContributorFactory.create()  # someone else erases nothing

    _run_daily_task_on("2040-01-10", django_capture_on_commit_callbacks)

    assert Payment.objects.get(pk=world.paid_fee.pk).description == world.paid_fee.description
    assert "Elm Road" in str(Letter.objects.get(pk=world.letter.pk).snapshot["contributor"])


def test_the_daily_task_is_scheduled_and_safe_to_run_twice(
    world: World, django_capture_on_commit_callbacks
) -> None:
    erase(world.contributor)
    entry = beat_schedule()["dataprotection-pseudonymise-expired"]
    assert entry["task"] == pseudonymise_expired.name

    _run_daily_task_on("2033-01-10", django_capture_on_commit_callbacks)
    first = list(Payment.objects.values_list("pk", "description", "payable"))
    snapshot = Letter.objects.get(pk=world.letter.pk).snapshot
    _run_daily_task_on("2033-01-11", django_capture_on_commit_callbacks)

    assert list(Payment.objects.values_list("pk", "description", "payable")) == first
    assert Letter.objects.get(pk=world.letter.pk).snapshot == snapshot
