from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import User
from contributors.models import BenefitCircumstances, ContributorProfile
from dataprotection.models import ErasureRecord
from letters.models import Letter
from letters.services import letter_request
from notifications.models import Notification
from opportunities.models import Application
from organisations.models import Membership, Role
from payments.models import (
    EngagementPaymentChoice,
    ExpenseClaim,
    Payment,
    PaymentPreference,
    Receipt,
)
from tests.dataprotection.conftest import EMAIL, NAME, World, as_user, erase
from tests.factories import TEST_PASSWORD, ContributorFactory, MembershipFactory
from thresholds.models import ThresholdAlert
from thresholds.monitoring.alerts import contributors_evaluate

pytestmark = pytest.mark.django_db


def _history(model: type[Model]) -> Any:
    return model.history.model  # type: ignore[attr-defined]


def test_erasure_removes_benefit_circumstances_and_their_history(world: World) -> None:
    person = world.contributor
    assert _history(BenefitCircumstances).objects.filter(user_id=person.pk).count() == 2
    EngagementPaymentChoice.objects.create(engagement=world.engagement, choice="expenses_only")

    response = erase(person)

    assert response.status_code == 200, response.json()
    assert not BenefitCircumstances.objects.filter(user_id=person.pk).exists()
    assert not _history(BenefitCircumstances).objects.filter(user_id=person.pk).exists()
    assert not ContributorProfile.objects.filter(user_id=person.pk).exists()
    assert not _history(ContributorProfile).objects.filter(user_id=person.pk).exists()
    assert not PaymentPreference.objects.filter(contributor_id=person.pk).exists()
    assert not _history(PaymentPreference).objects.filter(contributor_id=person.pk).exists()
    assert not EngagementPaymentChoice.objects.filter(engagement=world.engagement).exists()
    choices = _history(EngagementPaymentChoice).objects.filter(engagement_id=world.engagement.pk)
    assert not choices.exists()


def test_erasure_removes_receipts_and_their_files(
    world: World, django_capture_on_commit_callbacks
) -> None:
    receipt = Receipt.objects.get(item__claim_id=world.claim_id)
    path = Path(settings.MEDIA_ROOT) / receipt.file.name
    assert path.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        assert erase(world.contributor).status_code == 200

    assert not Receipt.objects.filter(item__claim_id=world.claim_id).exists()
    assert not path.exists()
    assert ExpenseClaim.objects.get(pk=world.claim_id).note == ""


def test_erasure_removes_alerts_notifications_statements_and_memberships(world: World) -> None:
    person = world.contributor
    MembershipFactory.create(user=person, role=Role.VIEWER)
    assert ThresholdAlert.objects.filter(contributor=person).exists()

    assert erase(person).status_code == 200

    assert not ThresholdAlert.objects.filter(contributor=person).exists()
    assert not Notification.objects.filter(user=person).exists()
    assert not Membership.objects.filter(user=person).exists()
    statements = Application.objects.filter(contributor=person).values_list("statement", flat=True)
    assert set(statements) == {""}
    old = _history(Application).objects.filter(contributor_id=person.pk)
    assert set(old.values_list("statement", flat=True)) == {""}


def test_ledger_is_kept_under_a_pseudonym(world: World) -> None:
    person = world.contributor
    Payment.objects.filter(pk=world.paid_fee.pk).update(
        description=f"Panel fee for {NAME}", cancel_reason="Alex asked to move it"
    )

    body = erase(person).json()

    user = User.objects.get(pk=person.pk)
    assert user.full_name == f"Former contributor C-{person.pk}" == body["pseudonym"]
    assert NAME not in user.email and user.email != EMAIL
    assert not user.is_active and not user.has_usable_password()
    kept = Payment.objects.filter(contributor_id=person.pk)
    assert {p.pk for p in kept} == {world.paid_fee.pk, world.pending_fee.pk}
    paid = kept.get(pk=world.paid_fee.pk)
    assert paid.payable == world.paid_fee.payable and paid.status == "paid"
    assert paid.description == f"Panel fee for Former contributor C-{person.pk}"
    assert paid.cancel_reason == f"Former contributor C-{person.pk} asked to move it"
    assert paid.choice_snapshot == {}  # the private cap (amount and period) is gone
    history = _history(Payment).objects.filter(id=world.paid_fee.pk)
    assert history.count() == 3
    assert all(row.choice_snapshot == {} for row in history)
    # The organisation still sees the payment, now under the pseudonym.
    seen = world.northfield.client("finance").get(f"/api/v1/payments/{world.paid_fee.pk}/")
    assert seen.json()["contributor_name"] == body["pseudonym"]
    assert body["payments_kept"] == 2 and body["letters_kept"] == 1


def test_a_contributor_with_unpaid_fees_can_erase_and_is_told_what_organisations_keep(
    world: World,
) -> None:
    assert world.pending_fee.status == "pending"

    response = erase(world.contributor)

    assert response.status_code == 200
    body = response.json()
    assert body["unpaid_payments_kept"] == 1
    assert "contact them directly" in body["message"]
    assert "6 years" in body["message"]
    assert "no-store" in response["Cache-Control"]
    assert Payment.objects.get(pk=world.pending_fee.pk).status == "pending"


def test_issued_letters_still_verify_after_erasure(world: World) -> None:
    pdf = (Path(settings.MEDIA_ROOT) / world.letter.pdf.name).read_bytes()

    assert erase(world.contributor).status_code == 200

    anyone = APIClient()
    status = anyone.get(f"/api/v1/verify/{world.letter.reference}/").json()
    assert status["status"] == "issued"
    upload = SimpleUploadedFile("letter.pdf", pdf, content_type="application/pdf")
    check = anyone.post(
        f"/api/v1/verify/{world.letter.reference}/", {"file": upload}, format="multipart"
    )
    assert check.status_code == 200, check.json()
    assert check.json()["matches"] is True
    assert hashlib.sha256(pdf).hexdigest() == world.letter.sha256


def test_erased_person_cannot_sign_in_and_their_sessions_and_tokens_end(world: World) -> None:
    browser = APIClient()
    browser.force_login(world.contributor)
    token = Token.objects.create(user=world.contributor)
    assert Session.objects.count() == 1

    response = browser.post(
        "/api/v1/me/erase/", {"password": TEST_PASSWORD, "confirm": True}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert Session.objects.count() == 0
    assert not Token.objects.filter(pk=token.pk).exists()
    assert browser.get("/api/v1/me/").status_code in (401, 403)
    login = APIClient().post(
        "/api/v1/auth/token/", {"email": EMAIL, "password": TEST_PASSWORD}, format="json"
    )
    assert login.status_code == 400
    with_token = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert with_token.get("/api/v1/me/").status_code == 401


def test_erasure_is_audited_without_personal_data(world: World) -> None:
    person = world.contributor

    erase(person)

    record = ErasureRecord.objects.get(user_id=person.pk)
    assert record.erased_by_id == person.pk and record.erased_at is not None
    values = " ".join(str(getattr(record, f.attname)) for f in ErasureRecord._meta.fields)
    assert NAME not in values and EMAIL not in values


def test_erasure_needs_the_password_and_confirmation(world: World) -> None:
    me = as_user(world.contributor)

    wrong = me.post("/api/v1/me/erase/", {"password": "nope", "confirm": True}, format="json")
    unconfirmed = me.post(
        "/api/v1/me/erase/", {"password": TEST_PASSWORD, "confirm": False}, format="json"
    )

    assert wrong.status_code == 400 and "password" in wrong.json()["fields"]
    assert unconfirmed.status_code == 400 and "confirm" in unconfirmed.json()["fields"]
    assert User.objects.get(pk=world.contributor.pk).is_active
    assert BenefitCircumstances.objects.filter(user=world.contributor).exists()


def test_the_only_admin_of_an_organisation_cannot_erase_until_they_hand_over(
    world: World,
) -> None:
    admin = world.admin

    refused = erase(admin)
    MembershipFactory.create(organisation=world.northfield.organisation, role=Role.ADMIN)
    allowed = erase(admin)

    assert refused.status_code == 409
    assert "only admin" in refused.json()["message"]
    assert allowed.status_code == 200
    assert User.objects.get(pk=admin.pk).full_name == f"Former member M-{admin.pk}"


def test_erasing_one_person_leaves_others_alone(world: World) -> None:
    other = ContributorFactory.create()
    ContributorProfile.objects.create(user=other, town="Southdown")

    erase(world.contributor)

    assert ContributorProfile.objects.filter(user=other).exists()
    assert User.objects.get(pk=other.pk).is_active


def test_password_guesses_at_erasure_are_limited_like_sign_in(world: World) -> None:
    me = as_user(world.contributor)
    answers = [
        me.post("/api/v1/me/erase/", {"password": f"guess-{n}", "confirm": True}, format="json")
        for n in range(11)
    ]

    assert [a.status_code for a in answers[:10]] == [400] * 10
    assert answers[10].status_code == 429
    assert User.objects.get(pk=world.contributor.pk).is_active


def test_an_erased_persons_kept_fees_raise_no_alerts_or_e_mails(world: World) -> None:
    person = world.contributor
    assert erase(person).status_code == 200
    mail.outbox.clear()

    raised = contributors_evaluate(contributor_ids=[person.pk])

    assert raised == []
    assert not ThresholdAlert.objects.filter(contributor_id=person.pk).exists()
    assert not [m for m in mail.outbox if any("erased.invalid" in to for to in m.to)]


def test_erasure_refuses_unknown_fields_and_erases_nothing(world: World) -> None:
    person = world.contributor

    response = as_user(person).post(
        "/api/v1/me/erase/",
        {"password": TEST_PASSWORD, "confirm": True, "keep_payments": False},
        format="json",
    )

    assert response.status_code == 400
    assert "keep_payments" in response.json()["fields"]
    person.refresh_from_db()
    assert person.is_active and person.email == EMAIL


def test_a_letter_asked_for_and_never_issued_goes_with_the_erasure(world: World) -> None:
    waiting = letter_request(
        requested_by=world.contributor,
        organisation=world.letter.organisation,
        contributor=world.contributor,
        kind="payment_statement",
        period_start=world.letter.period_start,
        period_end=world.letter.period_end,
    )
    assert waiting.is_waiting_for_issue

    body = erase(world.contributor).json()

    assert not Letter.objects.filter(pk=waiting.pk).exists()
    assert Letter.objects.filter(pk=world.letter.pk).exists()
    assert body["letters_kept"] == 1
