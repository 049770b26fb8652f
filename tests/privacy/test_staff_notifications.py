"""Nothing an organisation's staff receive names a benefit: every kind of notification staff
get is produced here the way the service makes it, for contributors on ESA, Universal Credit
and Carer's Allowance, and each e-mail's sender, subject, text and HTML are read for a benefit."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from letters.services import letter_request
from notifications.kinds import STAFF_KINDS
from notifications.models import Notification
from opportunities.applications.services import application_submit
from payments.notices import finance_digests_send
from tests.opportunities.factories import OpportunityFactory

from .conftest import TODAY, Org, person

pytestmark = pytest.mark.django_db

BENEFIT_WORDS = re.compile(
    r"\bESA\b|employment and support|universal credit|\bUC\b|carer'?s allowance|\bPIP\b|"
    r"personal independence|permitted work|earnings limit|earnings disregard|work allowance|"
    r"taper|housing benefit|benefit|\bDWP\b|assessment period",
    re.IGNORECASE,
)


def test_no_staff_notification_or_email_names_a_benefit(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    north = Org("Northfield NHS Trust", "13.45")
    carer = person("Ellis Moor", receives_carers_allowance=True, benefit_week_start=2)
    esa = person("Avery Stone", receives_esa=True, esa_permitted_work_limit="lower")
    uc = person("Blake Reed", receives_uc=True, uc_assessment_start_day=14)
    role = OpportunityFactory.create(organisation=north.organisation, title="Ward design group")
    with django_capture_on_commit_callbacks(execute=True):
        for user in (carer, esa, uc):
            application_submit(contributor=user, opportunity=role, statement="I receive ESA.")
        north.book(north.engage(carer), TODAY)
        north.engage(esa)
        north.record(carer, "97.60", TODAY)  # close to the Carer's Allowance limit: a warning
        north.record(esa, "40.00", TODAY)
        letter_request(
            requested_by=esa,
            organisation=north.organisation,
            contributor=esa,
            kind="benefits_advisor",
            period_start=TODAY.replace(day=1),
            period_end=TODAY,
            grouping="benefit_week",
        )
        finance_digests_send(on=TODAY)

    staff = {user.pk: user for user in north.staff()}
    told = Notification.objects.filter(user_id__in=staff)
    assert set(told.values_list("kind", flat=True)) == STAFF_KINDS
    for note in told:
        assert not BENEFIT_WORDS.search(f"{note.title} {note.body} {note.link}"), note.kind
    emails = [m for m in mail.outbox if m.to[0] in {u.email for u in staff.values()}]
    assert len(emails) == told.count()  # no one here turned e-mails off
    for message in emails:
        assert isinstance(message, EmailMultiAlternatives)
        [(html, _)] = message.alternatives
        for part in (message.subject, message.from_email, message.body, html):
            assert not BENEFIT_WORDS.search(str(part)), (message.subject, part)
