"""Demo letters: one issued and one revoked, for the demo contributor on ESA at Northfield."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import ApplicationError
from organisations.models import Organisation

from .models import Letter, LetterKind
from .services import letter_render, letter_request, letter_revoke

DEMO_ORGANISATION = "northfield"
DEMO_ADMIN = "admin@northfield.demo.test"
DEMO_CONTRIBUTOR = "esa@contributors.demo.test"
REVOKED_REASON = "Demo: this letter gave the wrong dates, so we withdrew it."


@transaction.atomic
def seed() -> None:
    """Needs the organisations, users and roles from the other demo seeds. Safe to re-run."""
    organisation = Organisation.objects.filter(slug=DEMO_ORGANISATION).first()
    admin = User.objects.filter(email=DEMO_ADMIN).first()
    contributor = User.objects.filter(email=DEMO_CONTRIBUTOR).first()
    if organisation is None or admin is None or contributor is None:
        return
    if Letter.objects.filter(organisation=organisation, contributor=contributor).exists():
        return
    today = timezone.localdate()
    start = today - timedelta(days=30)
    try:
        issued = letter_request(
            requested_by=admin,
            organisation=organisation,
            contributor=contributor,
            kind=LetterKind.BENEFITS_ADVISOR,
            period_start=start,
            period_end=today,
        )
        withdrawn = letter_request(
            requested_by=admin,
            organisation=organisation,
            contributor=contributor,
            kind=LetterKind.INVOLVEMENT_CONFIRMATION,
            period_start=start,
            period_end=today,
        )
    except ApplicationError:
        return  # no involvement in the demo period: the roles seed has not run
    letter_render(letter_id=issued.pk)
    withdrawn = letter_render(letter_id=withdrawn.pk)
    letter_revoke(by=admin, letter=withdrawn, reason=REVOKED_REASON)
