"""Everything Coproduce holds about one person, for their own export (UK GDPR right of access
and data portability). Reads only the requesting person's own records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import User
from contributors.models import BenefitCircumstances, ContributorProfile
from letters.models import Letter
from notifications.models import Notification, NotificationPreference
from opportunities.models import Application, Attendance, Engagement
from organisations.models import Membership
from payments.bank.selectors import bank_details_accesses, bank_details_for_personal_data
from payments.history import payment_history_all
from payments.models import (
    EngagementPaymentChoice,
    ExpenseClaim,
    ExpenseItem,
    Payment,
    PaymentPreference,
    Receipt,
)
from thresholds.models import ThresholdAlert

EXPORT_VERSION = 1
# Never exported: secrets, and internal keys that say nothing about the person.
HIDDEN_FIELDS = frozenset({"password", "request_fingerprint", "idempotency_key", "dedupe_key"})


@dataclass(frozen=True)
class ExportFile:
    """A stored file to put in the export: its name inside the zip and where it is on disk."""

    name: str
    path: Path


@dataclass(frozen=True)
class PersonalData:
    document: dict[str, Any]
    files: list[ExportFile]


def _row(obj: models.Model, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """A model row as plain values: foreign keys as ids, files as their stored names."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in HIDDEN_FIELDS or field.name in exclude:
            continue
        value = field.value_from_object(obj)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        data[field.attname] = value
    return data


def _history(model: type[models.Model], **lookup: Any) -> list[dict[str, Any]]:
    """Every past version of the rows matching ``lookup``, oldest first."""
    history = apps.get_model(model._meta.app_label, f"Historical{model.__name__}")
    rows = history._default_manager.filter(**lookup).order_by("history_date", "history_id")
    return [
        {
            **_row(row, exclude=("history_id", "history_user", "history_change_reason")),
            "history_type": {"+": "created", "~": "changed", "-": "deleted"}.get(
                getattr(row, "history_type")  # noqa: B009 - a historical model, "changed"
            ),
        }
        for row in rows
    ]


def _one(model: type[models.Model], **lookup: Any) -> dict[str, Any] | None:
    obj = model._default_manager.filter(**lookup).first()
    return _row(obj) if obj is not None else None


def _file(name: str) -> Path | None:
    if not name:
        return None
    path = Path(settings.MEDIA_ROOT) / name
    return path if path.is_file() else None


def _bank_details(user: User) -> dict[str, str] | None:
    account = bank_details_for_personal_data(contributor=user)
    if account is None:
        return None
    return {
        "sort_code": account.sort_code,
        "account_number": account.account_number,
        "account_name": account.account_name,
    }


def personal_data(*, user: User) -> PersonalData:
    """The export document and the files that go with it."""
    files: list[ExportFile] = []
    engagements = Engagement.objects.filter(contributor=user).select_related("opportunity")
    engagement_ids = [engagement.pk for engagement in engagements]

    payments = []
    for payment in Payment.objects.filter(contributor=user).select_related("organisation"):
        payments.append(
            {
                **_row(payment),
                "organisation_name": payment.organisation.name,
                "history": [
                    {
                        "changed_at": entry.changed_at,
                        "changed_by": entry.changed_by,
                        "action": entry.action,
                        "summary": entry.summary,
                    }
                    for entry in payment_history_all(payment=payment)
                ],
            }
        )

    claims = []
    for claim in ExpenseClaim.objects.filter(contributor=user).select_related("organisation"):
        items = []
        for item in ExpenseItem.objects.filter(claim=claim):
            entry = _row(item)
            receipt = Receipt.objects.filter(item=item).first()
            if receipt is not None:
                entry["receipt"] = _row(receipt)
                path = _file(receipt.file.name)
                if path is not None:
                    name = f"receipts/claim-{claim.pk}-item-{item.pk}{path.suffix}"
                    files.append(ExportFile(name, path))
                    entry["receipt"]["file_in_export"] = name
            items.append(entry)
        claims.append({**_row(claim), "organisation_name": claim.organisation.name, "items": items})

    letters = []
    for letter in Letter.objects.filter(contributor=user).select_related("organisation"):
        entry = {**_row(letter), "organisation_name": letter.organisation.name}
        path = _file(letter.pdf.name)
        if path is not None:
            name = f"letters/{letter.reference}.pdf"
            files.append(ExportFile(name, path))
            entry["file_in_export"] = name
        letters.append(entry)

    document: dict[str, Any] = {
        "export_version": EXPORT_VERSION,
        "exported_at": timezone.now(),
        "about": (
            "Everything Coproduce holds about you. Money is in pounds. Letters and receipts are "
            "in the folders of this zip file named in 'file_in_export'."
        ),
        "account": _row(user, exclude=("is_superuser",)),
        "profile": _one(ContributorProfile, user=user),
        "profile_history": _history(ContributorProfile, user_id=user.pk),
        "benefit_circumstances": _one(BenefitCircumstances, user=user),
        "benefit_circumstances_history": _history(BenefitCircumstances, user_id=user.pk),
        "payment_preference": _one(PaymentPreference, contributor=user),
        "payment_preference_history": _history(PaymentPreference, contributor_id=user.pk),
        # Their own bank details in full: they are the person's to see (each reading logged).
        "bank_details": _bank_details(user),
        "bank_details_readings": [
            {
                "action": access.get_action_display(),
                "at": access.at,
                "organisation_name": access.organisation.name if access.organisation else None,
            }
            for access in bank_details_accesses(contributor=user)
        ],
        "payment_choices_for_roles": [
            _row(choice)
            for choice in EngagementPaymentChoice.objects.filter(engagement_id__in=engagement_ids)
        ],
        "applications": [
            {**_row(application), "role_title": application.opportunity.title}
            for application in Application.objects.filter(contributor=user).select_related(
                "opportunity"
            )
        ],
        "engagements": [
            {**_row(engagement), "role_title": engagement.opportunity.title}
            for engagement in engagements
        ],
        "attendance": [
            _row(attendance)
            for attendance in Attendance.objects.filter(engagement_id__in=engagement_ids)
        ],
        "payments": payments,
        "expense_claims": claims,
        "alerts": [_row(alert) for alert in ThresholdAlert.objects.filter(contributor=user)],
        "notifications": [_row(note) for note in Notification.objects.filter(user=user)],
        "notification_preference": _one(NotificationPreference, user=user),
        "memberships": [
            {**_row(membership), "organisation_name": membership.organisation.name}
            for membership in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "letters": letters,
    }
    return PersonalData(document=document, files=files)
