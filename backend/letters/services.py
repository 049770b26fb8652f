"""Requesting, rendering, revoking and re-issuing letters, and checking uploaded copies."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import ApplicationError, Conflict, ErrorCode, NotFound
from coproduce.tasks import enqueue_on_commit
from organisations.models import Membership, Organisation
from organisations.permissions import ADMIN_ROLES, require_role, require_verified

from . import rendering, snapshot
from .models import Letter, LetterKind, LetterStatus
from .notices import letter_issued_notify, letter_requested_notify
from .schedule import STUCK_AFTER_SECONDS

logger = logging.getLogger(__name__)

MAX_PERIOD_DAYS = 731
MAX_RENDER_ATTEMPTS = 5
STUCK_AFTER = timedelta(seconds=STUCK_AFTER_SECONDS)


def _enqueue_render(letter_id: int) -> None:
    enqueue_on_commit("letters.render", letter_id)


def _require_may_request(
    *, requested_by: User, organisation: Organisation, contributor: User
) -> None:
    """Admins of the organisation, or the contributor themself. Outsiders get a 404."""
    if requested_by.pk == contributor.pk:
        return
    membership = Membership.objects.filter(user=requested_by, organisation=organisation).first()
    if membership is None:
        raise NotFound("There is no organisation with that id that you belong to.")
    require_role(membership, ADMIN_ROLES, action="ask for letters")


def _check_period(period_start: date, period_end: date) -> None:
    if period_end < period_start:
        raise ApplicationError(
            "The end of the period is before its start.",
            fields={"period_end": ["Enter an end date on or after the start date."]},
        )
    if (period_end - period_start).days >= MAX_PERIOD_DAYS:
        raise ApplicationError(
            "The period is too long.",
            fields={"period_end": ["A letter can cover at most two years."]},
        )


def _check_grouping(grouping: str | None, *, requested_by: User, contributor: User) -> str:
    if not grouping:
        return snapshot.DEFAULT_GROUPING
    if grouping not in snapshot.GROUPINGS:
        raise ApplicationError(
            "That way of grouping fees does not exist.",
            fields={"grouping": ["Choose calendar months, benefit weeks or assessment periods."]},
        )
    if requested_by.pk != contributor.pk and grouping != snapshot.DEFAULT_GROUPING:
        raise ApplicationError(
            "Only the person the letter is about chooses how its fees are grouped.",
            code=ErrorCode.GROUPING_NOT_YOURS,
            fields={
                "grouping": [
                    "Leave this out. The person can ask for a letter grouped their way themself."
                ]
            },
        )
    if grouping == snapshot.GROUPINGS[2] and not snapshot.has_assessment_period(contributor):
        raise ApplicationError(
            "We do not know the day your assessment periods start.",
            code=ErrorCode.NO_ASSESSMENT_PERIOD,
            fields={
                "grouping": [
                    "Add the day your assessment period starts in your benefit details first."
                ]
            },
        )
    return grouping


def not_engaged_error(organisation: Organisation) -> ApplicationError:
    return ApplicationError(
        f"This person has not taken part in any work with {organisation.name}.",
        code=ErrorCode.NOT_ENGAGED,
        fields={"contributor": [f"This person is not engaged with {organisation.name}."]},
    )


def letter_parties(
    *, user: User, organisation_id: int, contributor_id: int | None
) -> tuple[Organisation, User]:
    """The organisation and the contributor (the user, if none is named) a letter is asked
    for; whether the user may ask is ``letter_request``'s to say."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise ApplicationError(
            "There is no organisation with that id.",
            fields={"organisation": ["There is no organisation with this id."]},
        )
    contributor = User.objects.filter(pk=contributor_id or user.pk, is_active=True).first()
    if contributor is None:
        raise not_engaged_error(organisation)
    return organisation, contributor


@transaction.atomic
def letter_request(
    *,
    requested_by: User,
    organisation: Organisation,
    contributor: User,
    kind: str,
    period_start: date,
    period_end: date,
    grouping: str | None = None,
) -> Letter:
    """Snapshot the ledger for the period now and enqueue the render once this commits.

    ``grouping`` (calendar months, benefit weeks or assessment periods) is the contributor's
    choice: an organisation issues a letter on request and never chooses it, so a letter an
    organisation asks for is grouped by calendar month, which implies no benefit."""
    if kind not in LetterKind.values:
        raise ApplicationError(
            "That kind of letter does not exist.", fields={"kind": ["Choose a kind of letter."]}
        )
    _require_may_request(
        requested_by=requested_by, organisation=organisation, contributor=contributor
    )
    require_verified(organisation, action="issue letters")
    _check_period(period_start, period_end)
    grouping = _check_grouping(grouping, requested_by=requested_by, contributor=contributor)
    if not contributor.is_contributor or not snapshot.contributor_is_engaged(
        organisation=organisation, contributor=contributor
    ):
        raise not_engaged_error(organisation)
    if not organisation.signatory_name.strip():
        raise ApplicationError(
            f"{organisation.name} needs to name who signs its letters first. "
            "An admin can add a signatory in the organisation's details.",
            code=ErrorCode.NO_SIGNATORY,
        )
    data = snapshot.letter_snapshot_build(
        organisation=organisation,
        contributor=contributor,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        grouping=grouping,
    )
    if not data.get("has_involvement"):
        raise ApplicationError(
            "There was no involvement work and no payment in this period.",
            code=ErrorCode.NO_INVOLVEMENT,
            fields={"period_start": ["Choose a period when this person took part or was paid."]},
        )
    by_contributor = requested_by.pk == contributor.pk
    letter = Letter.objects.create(
        kind=kind,
        organisation=organisation,
        contributor=contributor,
        period_start=period_start,
        period_end=period_end,
        snapshot=data,
        template_version=rendering.TEMPLATE_VERSION,
        requested_by=requested_by,
        approved_at=None if by_contributor else timezone.now(),
        approved_by=None if by_contributor else requested_by,
    )
    if by_contributor:
        # The organisation signs the letter, so one of its admins issues it.
        letter_requested_notify(letter=letter)
    else:
        _enqueue_render(letter.pk)
    return letter


@transaction.atomic
def letter_issue(*, by: User, letter: Letter) -> Letter:
    """An admin issues a letter the contributor asked for: it is made in the background, from
    the snapshot taken when it was asked for, and signed by the organisation's signatory."""
    _admin_membership(by=by, letter=letter, action="issue letters")
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if not locked.is_waiting_for_issue:
        raise Conflict("This letter has already been issued.")
    organisation = Organisation.objects.get(pk=locked.organisation_id)
    require_verified(organisation, action="issue letters")
    locked.approved_at = timezone.now()
    locked.approved_by = by
    locked._change_reason = "issued by an admin"  # type: ignore[attr-defined]
    locked.save(update_fields=["approved_at", "approved_by", "updated_at"])
    _enqueue_render(locked.pk)
    return locked


def _pdf_storage_path(letter: Letter) -> Path:
    return Path(settings.MEDIA_ROOT) / "letters" / f"{letter.reference}.pdf"


def _write_atomically(path: Path, content: bytes) -> None:
    """Replace the file in one step: a reader sees the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def letter_render(*, letter_id: int) -> Letter:
    """Render the letter's PDF and issue it. Safe to run any number of times, at once or after
    a crash: an issued or revoked letter is left alone, and a letter always has one file, at a
    path fixed by its reference, written before the letter is marked issued."""
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter_id)
        if letter.status in (LetterStatus.ISSUED, LetterStatus.REVOKED):
            return letter
        if letter.is_waiting_for_issue:
            return letter  # no admin has issued it yet
        if letter.status != LetterStatus.FAILED and letter.render_attempts >= MAX_RENDER_ATTEMPTS:
            # Redelivered again and again (a letter that kills its worker): stop here. A
            # deliberate retry of a failed letter still runs.
            letter.status = LetterStatus.FAILED
            letter.last_error = f"Gave up after {letter.render_attempts} attempts."
            letter.save(update_fields=["status", "last_error", "updated_at"])
            return letter
        letter.status = LetterStatus.RENDERING
        letter.render_attempts += 1
        letter.save(update_fields=["status", "render_attempts", "updated_at"])

    # The slow part runs outside any transaction, so it never holds a lock.
    pdf = rendering.letter_pdf(
        snapshot=letter.snapshot,
        reference=letter.reference,
        kind=letter.kind,
        dated=timezone.localdate(letter.created_at),
    )
    digest = hashlib.sha256(pdf).hexdigest()

    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter_id)
        if letter.status in (LetterStatus.ISSUED, LetterStatus.REVOKED):
            return letter  # another run finished first; its file stands
        path = _pdf_storage_path(letter)
        _write_atomically(path, pdf)
        organisation = letter.snapshot["organisation"]
        letter.pdf.name = f"letters/{path.name}"
        letter.sha256 = digest
        letter.status = LetterStatus.ISSUED
        letter.issued_at = timezone.now()
        letter.issued_by = ", ".join(
            part
            for part in (organisation["signatory_name"], organisation["signatory_title"])
            if part
        )
        letter.last_error = ""
        letter.save()
        letter_issued_notify(letter=letter)
    return letter


@transaction.atomic
def letter_mark_failed(*, letter_id: int, error: str) -> Letter:
    """Record that rendering gave up. An issued or revoked letter is never marked failed."""
    letter = Letter.objects.select_for_update().get(pk=letter_id)
    if letter.status in (LetterStatus.REQUESTED, LetterStatus.RENDERING, LetterStatus.FAILED):
        letter.status = LetterStatus.FAILED
        letter.last_error = error[:2000]
        letter.save(update_fields=["status", "last_error", "updated_at"])
    return letter


@transaction.atomic
def letter_sweep_stuck(*, older_than: timedelta = STUCK_AFTER) -> list[int]:
    """Re-enqueue letters left requested or rendering (a lost message, a killed worker).
    A letter that has already been tried too often is marked failed instead."""
    cutoff = timezone.now() - older_than
    stuck = Letter.objects.select_for_update(skip_locked=True).filter(
        status__in=[LetterStatus.REQUESTED, LetterStatus.RENDERING],
        approved_at__isnull=False,
        updated_at__lte=cutoff,
    )
    resent: list[int] = []
    for letter in stuck:
        if letter.render_attempts >= MAX_RENDER_ATTEMPTS:
            letter.status = LetterStatus.FAILED
            letter.last_error = f"Gave up after {letter.render_attempts} attempts."
            letter.save(update_fields=["status", "last_error", "updated_at"])
            continue
        letter.save(update_fields=["updated_at"])  # so the next sweep waits again
        _enqueue_render(letter.pk)
        resent.append(letter.pk)
    return resent


def _admin_membership(*, by: User, letter: Letter, action: str) -> Membership:
    membership = Membership.objects.filter(user=by, organisation_id=letter.organisation_id).first()
    if membership is None:
        raise NotFound("There is no letter with that id that you can see.")
    require_role(membership, ADMIN_ROLES, action=action)
    return membership


@transaction.atomic
def letter_revoke(*, by: User, letter: Letter, reason: str) -> Letter:
    """Withdraw an issued letter. Its verification page then says it was revoked, and when.
    Recorded in the letter's history with who did it and why."""
    _admin_membership(by=by, letter=letter, action="withdraw letters")
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            "Say why the letter is being withdrawn.",
            fields={"reason": ["Enter a reason."]},
        )
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.status == LetterStatus.REVOKED:
        raise Conflict("This letter has already been withdrawn.")
    if locked.status != LetterStatus.ISSUED:
        raise Conflict("Only an issued letter can be withdrawn. This one is not issued yet.")
    locked.status = LetterStatus.REVOKED
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.revoked_reason = reason
    locked._change_reason = f"revoked: {reason}"[:100]  # type: ignore[attr-defined]
    locked.save()
    return locked


@transaction.atomic
def letter_reissue(*, by: User, letter: Letter) -> Letter:
    """A corrected letter for the same person, kind and period, from the ledger as it is now.
    The new letter supersedes the old one, which then verifies as replaced."""
    _admin_membership(by=by, letter=letter, action="re-issue letters")
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.is_superseded:
        raise Conflict("This letter has already been replaced by a newer one.")
    if locked.status not in (LetterStatus.ISSUED, LetterStatus.REVOKED, LetterStatus.FAILED):
        raise Conflict("This letter is still being made. Try again when it is ready.")
    organisation = Organisation.objects.get(pk=locked.organisation_id)
    require_verified(organisation, action="issue letters")
    data = snapshot.letter_snapshot_build(
        organisation=organisation,
        contributor=locked.contributor,
        kind=locked.kind,
        period_start=locked.period_start,
        period_end=locked.period_end,
        grouping=str(locked.snapshot.get("grouping") or snapshot.DEFAULT_GROUPING),
    )
    new = Letter.objects.create(
        kind=locked.kind,
        organisation=organisation,
        contributor=locked.contributor,
        period_start=locked.period_start,
        period_end=locked.period_end,
        snapshot=data,
        template_version=rendering.TEMPLATE_VERSION,
        requested_by=by,
        approved_at=timezone.now(),
        approved_by=by,
        supersedes=locked,
    )
    locked._change_reason = f"superseded by {new.reference}"  # type: ignore[attr-defined]
    locked.save(update_fields=["updated_at"])
    _enqueue_render(new.pk)
    return new


PDF_MAGIC = b"%PDF-"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def letter_file_matches(*, letter: Letter, upload: UploadedFile) -> bool:
    """Whether an uploaded copy is byte for byte the PDF that was issued. The caller checks the
    size first; this reads the file in chunks."""
    upload.seek(0)
    if not upload.read(len(PDF_MAGIC)).startswith(PDF_MAGIC):
        raise ApplicationError(
            "That file is not a PDF.",
            fields={"file": ["Upload the letter as the PDF file you were given."]},
        )
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return bool(letter.sha256) and hmac.compare_digest(digest.hexdigest(), letter.sha256)
