"""Erasure and retention: what is removed when a person erases their account, what organisations
keep for their accounts (pseudonymised), and what happens to that when the retention period ends.

Organisations must keep payment records for their accounts (HMRC: at least 6 years), so fees,
expenses and issued letters stay, attached to a user row that no longer says who the person was.
Everything else about the person goes, including the history tables that remember it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.models import ApiToken, User
from contributors.models import BenefitCircumstances, ContributorProfile
from coproduce.api.errors import ApplicationError, Conflict
from letters.models import Letter, LetterStatus
from notifications.models import Notification, NotificationPreference
from opportunities.models import Application, Engagement
from organisations.models import Membership, Role
from payments.models import (
    BankDetails,
    EngagementPaymentChoice,
    ExpenseClaim,
    ExpenseItem,
    Payment,
    PaymentPreference,
    Receipt,
)
from thresholds.models import ThresholdAlert

from .models import DEFAULT_RETENTION_YEARS, ErasureRecord, RetentionPolicy

logger = logging.getLogger(__name__)

ERASED_EMAIL_DOMAIN = "erased.invalid"  # .invalid never resolves (RFC 2606)
# What kept records say in place of free text once the retention period has ended.
RETAINED_TEXT = "Details removed after the retention period"
ADMIN_ROLES = (Role.OWNER, Role.ADMIN)


def pseudonym_for(user: User) -> str:
    """A stable name for a person who erased their account: the same every time, and saying
    nothing about who they were."""
    if user.is_contributor:
        return f"Former contributor C-{user.pk}"
    return f"Former member M-{user.pk}"


def _history_model(model: type[models.Model]) -> type[models.Model]:
    """django-simple-history's table for ``model``."""
    return apps.get_model(model._meta.app_label, f"Historical{model.__name__}")


def text_pseudonymise(text: str, *, names: list[str], pseudonym: str) -> str:
    """``text`` with each of the person's names replaced by the pseudonym, in one pass (the
    longest name first, so "Alex Example" goes whole before "Alex")."""
    wanted = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
    if not wanted or not text:
        return text
    pattern = r"\b(?:" + "|".join(re.escape(name) for name in wanted) + r")\b"
    return re.sub(pattern, lambda _: pseudonym, text, flags=re.IGNORECASE)


@dataclass(frozen=True)
class ErasureResult:
    record: ErasureRecord
    payments_kept: int
    unpaid_payments_kept: int
    letters_kept: int


def _refuse_if_last_admin(user: User) -> None:
    for membership in Membership.objects.filter(user=user, role__in=ADMIN_ROLES).select_related(
        "organisation"
    ):
        others = (
            Membership.objects.filter(
                organisation_id=membership.organisation_id, role__in=ADMIN_ROLES
            )
            .exclude(user=user)
            .exists()
        )
        if not others:
            raise Conflict(
                f"You are the only admin of {membership.organisation.name}. Make someone else "
                "an admin first, so the organisation is not left without one."
            )


def _end_sessions(user: User) -> int:
    """Delete every session of the user, expired or not (database sessions hold the user id)."""
    ended = 0
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


def _delete_receipts(claims: models.QuerySet[ExpenseClaim]) -> int:
    receipts = list(Receipt.objects.filter(item__claim__in=claims))
    names = [receipt.file.name for receipt in receipts if receipt.file.name]
    Receipt.objects.filter(pk__in=[receipt.pk for receipt in receipts]).delete()

    def remove_files() -> None:
        for name in names:
            try:
                (Path(settings.MEDIA_ROOT) / name).unlink(missing_ok=True)
            except OSError:
                logger.warning("could not remove an erased receipt file", exc_info=True)

    # Files go only once the rows are gone for good: a rollback keeps both.
    transaction.on_commit(remove_files)
    return len(receipts)


def _scrub_kept_text(user: User, pseudonym: str, names: list[str]) -> None:
    """Kept ledger rows and their history: the person's names out of free text, and their
    private payment preference (cap amounts and periods) out of the choice snapshot."""
    payment_ids = list(Payment.objects.filter(contributor=user).values_list("pk", flat=True))
    text_fields = ("description", "choice_reason", "cancel_reason")
    for model in (Payment, _history_model(Payment)):
        rows = model._default_manager.filter(
            **({"pk__in": payment_ids} if model is Payment else {"id__in": payment_ids})
        )
        for row in rows.only("pk", *text_fields):
            changes = {
                field: text_pseudonymise(getattr(row, field), names=names, pseudonym=pseudonym)
                for field in text_fields
            }
            # update(), not save(): paid payments refuse changes to money, and this is not one.
            model._default_manager.filter(pk=row.pk).update(**changes, choice_snapshot={})
    item_ids = list(
        ExpenseItem.objects.filter(claim__contributor=user).values_list("pk", flat=True)
    )
    for item_model in (ExpenseItem, _history_model(ExpenseItem)):
        key = "pk__in" if item_model is ExpenseItem else "id__in"
        for pk, description, reason in item_model._default_manager.filter(
            **{key: item_ids}
        ).values_list("pk", "description", "decision_reason"):
            item_model._default_manager.filter(pk=pk).update(
                description=text_pseudonymise(description, names=names, pseudonym=pseudonym),
                decision_reason=text_pseudonymise(reason, names=names, pseudonym=pseudonym),
            )


@transaction.atomic
def account_erase(*, user: User, password: str) -> ErasureResult:
    """Erase the signed-in person's account. Removes their profile, benefit circumstances (with
    their history), payment preferences, receipts, alerts, notifications, memberships, sessions
    and tokens, and what they wrote in applications and claims. Keeps, pseudonymised, the
    payments and issued letters organisations must keep for their accounts."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active or hasattr(user, "erasure"):
        raise Conflict("This account has already been erased.")
    if not user.check_password(password):
        raise ApplicationError(
            "That password is not right.",
            fields={"password": ["Enter the password you use to sign in."]},
        )
    _refuse_if_last_admin(user)
    pseudonym = pseudonym_for(user)
    now = timezone.now()
    profile = ContributorProfile.objects.filter(user=user).first()
    names = [user.full_name, profile.preferred_name if profile is not None else ""]

    # Private circumstances and how the person likes to be paid: rows and their history.
    private: tuple[tuple[type[models.Model], str], ...] = (
        (BenefitCircumstances, "user_id"),
        (ContributorProfile, "user_id"),
        (PaymentPreference, "contributor_id"),
    )
    for private_model, key in private:
        private_model._default_manager.filter(**{key: user.pk}).delete()
        _history_model(private_model)._default_manager.filter(**{key: user.pk}).delete()
    # Deleting a row writes one last history row: the history goes after the rows.
    engagement_ids = list(Engagement.objects.filter(contributor=user).values_list("pk", flat=True))
    EngagementPaymentChoice.objects.filter(engagement_id__in=engagement_ids).delete()
    _history_model(EngagementPaymentChoice)._default_manager.filter(
        engagement_id__in=engagement_ids
    ).delete()

    # What they wrote: application statements and adjustments, claim notes, receipts.
    for application_model in (Application, _history_model(Application)):
        application_model._default_manager.filter(contributor_id=user.pk).update(
            statement="", adjustments_requested=""
        )
    claims = ExpenseClaim.objects.filter(contributor=user)
    _delete_receipts(claims)
    claims.update(note="")

    # Bank details go; the log of who read them (no digits in it) stays for accountability.
    BankDetails.objects.filter(contributor=user).delete()
    ThresholdAlert.objects.filter(contributor=user).delete()
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user).delete()
    _end_sessions(user)

    _scrub_kept_text(user, pseudonym, names)
    payments = Payment.objects.filter(contributor=user)
    payments_kept = payments.count()
    unpaid = payments.filter(status__in=("pending", "approved")).count()
    # A letter the person asked for that no organisation has issued yet was never relied on:
    # it goes, with the name and address in its snapshot. Issued letters stay, to verify.
    Letter.objects.filter(
        contributor=user, status=LetterStatus.REQUESTED, approved_at__isnull=True
    ).delete()
    letters_kept = Letter.objects.filter(contributor=user).count()

    user.email = f"erased-{user.pk}@{ERASED_EMAIL_DOMAIN}"
    user.full_name = pseudonym
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()

    record = ErasureRecord.objects.create(
        user=user,
        pseudonym=pseudonym,
        erased_by=user,
        erased_at=now,
        payments_kept=payments_kept,
        letters_kept=letters_kept,
    )
    logger.info("account %s erased (%s payments, %s letters kept)", user.pk, payments_kept,
                letters_kept)  # fmt: skip
    return ErasureResult(
        record=record,
        payments_kept=payments_kept,
        unpaid_payments_kept=unpaid,
        letters_kept=letters_kept,
    )


# Retention ----------------------------------------------------------------------------------


def retention_years_for(*, organisation_id: int) -> int:
    policy = RetentionPolicy.objects.filter(organisation_id=organisation_id).first()
    return policy.years if policy is not None else DEFAULT_RETENTION_YEARS


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class RetentionResult:
    payments: int
    expense_items: int
    letters: int


def _pseudonymise_payments(payment_ids: list[int]) -> int:
    if not payment_ids:
        return 0
    scrubbed = {
        "description": RETAINED_TEXT,
        "choice_reason": "",
        "cancel_reason": "",
        "donated_to": "",
        "choice_snapshot": {},
    }
    Payment.objects.filter(pk__in=payment_ids).update(**scrubbed)
    _history_model(Payment)._default_manager.filter(id__in=payment_ids).update(**scrubbed)
    return len(payment_ids)


def _pseudonymise_items(item_ids: list[int]) -> int:
    if not item_ids:
        return 0
    for model, key in ((ExpenseItem, "pk__in"), (_history_model(ExpenseItem), "id__in")):
        rows = model._default_manager.filter(**{key: item_ids})
        rows.update(description=RETAINED_TEXT)
        # A rejection keeps a reason (a database rule), so it says only that it was removed.
        rows.exclude(decision_reason="").update(decision_reason=RETAINED_TEXT)
    return len(item_ids)


def _pseudonymise_letter(letter: Letter, pseudonym: str) -> None:
    snapshot = dict(letter.snapshot)
    snapshot["contributor"] = {"name": pseudonym, "address_lines": [], "pseudonymised": True}
    name = letter.pdf.name
    # The SHA-256 stays, so a copy the person or a benefits advisor holds still verifies.
    Letter.objects.filter(pk=letter.pk).update(snapshot=snapshot, pdf="")
    if name:
        transaction.on_commit(lambda: (Path(settings.MEDIA_ROOT) / name).unlink(missing_ok=True))


@transaction.atomic
def erased_records_pseudonymise(*, today: date | None = None) -> RetentionResult:
    """Once an organisation's retention period has passed since a kept payment's date (or a
    letter's period end), pseudonymise it too: free text goes, and a letter's name, address
    and stored PDF go (its reference and SHA-256 stay). Safe to run any number of times."""
    today = today or timezone.localdate()
    erasures = dict(ErasureRecord.objects.values_list("user_id", "pseudonym"))
    if not erasures:
        return RetentionResult(0, 0, 0)
    organisation_ids = set(
        Payment.objects.filter(contributor_id__in=erasures).values_list(
            "organisation_id", flat=True
        )
    ) | set(
        Letter.objects.filter(contributor_id__in=erasures).values_list("organisation_id", flat=True)
    )
    payments = items = letters = 0
    for organisation_id in sorted(organisation_ids):
        cutoff = _years_before(today, retention_years_for(organisation_id=organisation_id))
        payment_ids = list(
            Payment.objects.filter(
                organisation_id=organisation_id,
                contributor_id__in=erasures,
                counts_on__lt=cutoff,
            )
            .exclude(description=RETAINED_TEXT)
            .values_list("pk", flat=True)
        )
        payments += _pseudonymise_payments(payment_ids)
        items += _pseudonymise_items(
            list(
                ExpenseItem.objects.filter(
                    claim__organisation_id=organisation_id,
                    claim__contributor_id__in=erasures,
                    spent_on__lt=cutoff,
                )
                .exclude(description=RETAINED_TEXT)
                .values_list("pk", flat=True)
            )
        )
        for letter in Letter.objects.filter(
            organisation_id=organisation_id,
            contributor_id__in=erasures,
            period_end__lt=cutoff,
        ).exclude(status__in=(LetterStatus.REQUESTED, LetterStatus.RENDERING)):
            if letter.snapshot.get("contributor", {}).get("pseudonymised"):
                continue
            _pseudonymise_letter(letter, erasures[letter.contributor_id])
            letters += 1
    return RetentionResult(payments=payments, expense_items=items, letters=letters)


def erasure_kept_summary(result: ErasureResult) -> str:
    """What organisations keep, in plain words, for the person who just erased their account."""
    parts = [
        "Your account has been erased. Your profile, benefit details, payment preferences, "
        "receipts, alerts and messages have been deleted, and you can no longer sign in."
    ]
    if result.payments_kept or result.letters_kept:
        parts.append(
            "Organisations you worked with must keep a record of what they paid you for their "
            "accounts, usually for 6 years. They keep the payments and any letters they issued, "
            "under a code instead of your name. After that time, those details are removed too."
        )
    if result.unpaid_payments_kept:
        parts.append(
            "Some of your fees or expenses have not been paid yet. The organisation still has a "
            "record of them: contact them directly about how they will pay you."
        )
    return " ".join(parts)
