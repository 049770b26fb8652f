"""Official letters: a snapshot of the ledger at request time, rendered once to a PDF by a worker,
verifiable by its reference and SHA-256, revocable, and corrected only by a new letter."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

# Crockford-style alphabet without look-alikes (no I, L, O, U): easy to read out and type.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PREFIX = "CP-"
REFERENCE_LENGTH = 12  # 32**12 = 2**60 possibilities


def new_reference() -> str:
    return REFERENCE_PREFIX + "".join(
        secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH)
    )


class LetterKind(models.TextChoices):
    BENEFITS_ADVISOR = "benefits_advisor", "Letter for benefits advisors"
    PAYMENT_STATEMENT = "payment_statement", "Payment statement"
    INVOLVEMENT_CONFIRMATION = "involvement_confirmation", "Confirmation of involvement"


class LetterStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    RENDERING = "rendering", "Being made"
    ISSUED = "issued", "Issued"
    FAILED = "failed", "Failed"
    REVOKED = "revoked", "Revoked"


def _pdf_path(letter: Letter, filename: str) -> str:
    return f"letters/{letter.reference}.pdf"


class Letter(models.Model):
    reference = models.CharField(max_length=20, unique=True, default=new_reference, editable=False)
    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="letters"
    )
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="letters"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    snapshot = models.JSONField(help_text="Everything the letter shows, as at the request.")
    template_version = models.CharField(max_length=20)
    status = models.CharField(
        max_length=20, choices=LetterStatus.choices, default=LetterStatus.REQUESTED
    )
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        help_text="The letter this one corrects.",
    )
    # Private: stored under MEDIA_ROOT/letters/ and served only by the letter's PDF view.
    pdf = models.FileField(upload_to=_pdf_path, blank=True, max_length=200)
    sha256 = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # A letter the contributor asks for waits for one of the organisation's admins to issue it
    # (the organisation signs it); a letter an admin asks for is approved as it is asked for.
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_by = models.CharField(
        max_length=400, blank=True, help_text="The signatory named on the letter."
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    render_attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "updated_at"]),
            # The letters list, newest first: a contributor's own, an organisation's.
            models.Index(
                fields=["contributor", "-created_at", "-id"], name="letter_contributor_new_idx"
            ),
            models.Index(
                fields=["organisation", "-created_at", "-id"], name="letter_organisation_new_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="letters_letter_period_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=LetterKind.values),
                name="letters_letter_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=LetterStatus.values),
                name="letters_letter_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=LetterStatus.ISSUED)
                | (models.Q(issued_at__isnull=False) & ~models.Q(sha256="")),
                name="letters_letter_issued_has_pdf",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=[LetterStatus.RENDERING, LetterStatus.ISSUED])
                | models.Q(approved_at__isnull=False),
                name="letters_letter_made_only_once_approved",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=LetterStatus.REVOKED)
                | models.Q(revoked_at__isnull=False),
                name="letters_letter_revoked_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_kind_display()})"

    @property
    def is_waiting_for_issue(self) -> bool:
        """Asked for by the contributor, and no admin has issued it yet."""
        return self.status == LetterStatus.REQUESTED and self.approved_at is None

    @property
    def is_superseded(self) -> bool:
        return hasattr(self, "superseded_by")
