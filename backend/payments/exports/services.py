"""Exporting a payment run for the finance system or the bank, and the organisation's export
codes. Finance roles only; every export is logged (``PaymentRunExport``), and every bank file
logs a reading of each payee's bank details (``BankDetailsAccess``)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from organisations.models import Membership
from organisations.permissions import FINANCE_ROLES, require_role

from ..bank.models import BankDetailsAccess
from ..bank.selectors import run_accounts
from ..landing import audited
from ..models import PaymentRun
from ..runs.services import payment_run_export
from . import writers
from .models import ExportFormat, ExportSettings, PaymentRunExport
from .rows import export_settings_for, run_lines

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ExportKind:
    format: ExportFormat
    suffix: str
    content_type: str


EXPORT_KINDS: list[ExportKind] = [
    ExportKind(ExportFormat.XERO, "xero-bills.csv", CSV_TYPE),
    ExportKind(ExportFormat.ACCOUNTS_PAYABLE, "accounts-payable.csv", CSV_TYPE),
    ExportKind(ExportFormat.XLSX, "accounts-payable.xlsx", XLSX_TYPE),
    ExportKind(ExportFormat.BANK, "bank-payments.csv", CSV_TYPE),
    ExportKind(ExportFormat.BANK_OTHERS, "other-payments.csv", CSV_TYPE),
    ExportKind(ExportFormat.CSV, "payments.csv", CSV_TYPE),
]
KINDS_BY_FORMAT = {kind.format.value: kind for kind in EXPORT_KINDS}


def export_filename(run: PaymentRun, kind: ExportKind) -> str:
    return f"{run.reference}-{kind.suffix}"


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    content_type: str


def _csv_lines(content: bytes) -> int:
    """Lines of a CSV with a header, counted as a reader would (descriptions may break)."""
    return max(len(list(csv.reader(io.StringIO(content.decode("utf-8"))))) - 1, 0)


def _bank_reference_prefix(run: PaymentRun, codes: ExportSettings) -> str:
    return writers.bacs_text(codes.bank_reference or run.organisation.name, 10)


@transaction.atomic
def payment_run_export_as(*, by: Membership, run: PaymentRun, format: str) -> ExportFile:
    """The run in one format, logged with who asked and when. The first export of any kind
    marks the run exported."""
    require_role(by, FINANCE_ROLES, action="export payment runs")
    kind = KINDS_BY_FORMAT[format]
    run = PaymentRun.objects.select_for_update().get(pk=run.pk, organisation_id=by.organisation_id)
    if kind.format == ExportFormat.CSV:
        content = payment_run_export(by=by, run=run).encode("utf-8")
        line_count = _csv_lines(content)
    else:
        lines = run_lines(run)
        line_count = len(lines)
        if kind.format == ExportFormat.XERO:
            content = writers.xero_csv(lines)
        elif kind.format == ExportFormat.ACCOUNTS_PAYABLE:
            content = writers.accounts_payable_csv(lines)
        elif kind.format == ExportFormat.XLSX:
            content = writers.accounts_payable_xlsx(lines, title=run.reference)
        else:
            accounts = run_accounts(run)
            if kind.format == ExportFormat.BANK_OTHERS:
                content = writers.bank_others_csv(lines, accounts)
                line_count = _csv_lines(content)
            else:
                prefix = _bank_reference_prefix(run, export_settings_for(run.organisation_id))
                bank_lines = writers.bank_lines(lines, accounts, reference_prefix=prefix)
                content = writers.bank_csv(bank_lines)
                line_count = len(bank_lines)
                BankDetailsAccess.objects.bulk_create(
                    BankDetailsAccess(
                        contributor_id=line.contributor_id,
                        by=by.user,
                        action=BankDetailsAccess.Action.EXPORTED,
                        organisation_id=by.organisation_id,
                        run=run,
                    )
                    for line in bank_lines
                )
        if run.exported_at is None:
            run.exported_at = timezone.now()
            audited(run, by.user)
            run.save(update_fields=["exported_at"])
    PaymentRunExport.objects.create(
        run=run,
        organisation_id=by.organisation_id,
        format=kind.format,
        by=by.user,
        lines=line_count,
    )
    return ExportFile(
        content=content, filename=export_filename(run, kind), content_type=kind.content_type
    )


EXPORT_CODE_FIELDS = [
    "fee_nominal_code",
    "travel_nominal_code",
    "mileage_nominal_code",
    "care_nominal_code",
    "meals_nominal_code",
    "internet_phone_nominal_code",
    "other_nominal_code",
    "cost_centre",
    "tax_code",
    "bank_reference",
]


def export_settings_get(*, membership: Membership) -> ExportSettings:
    require_role(membership, FINANCE_ROLES, action="see the codes used in exports")
    return export_settings_for(membership.organisation_id)


@transaction.atomic
def export_settings_set(*, by: Membership, data: dict[str, Any]) -> ExportSettings:
    require_role(by, FINANCE_ROLES, action="change the codes used in exports")
    codes, _ = ExportSettings.objects.select_for_update().get_or_create(
        organisation_id=by.organisation_id
    )
    for field in EXPORT_CODE_FIELDS:
        if field in data:
            setattr(codes, field, data[field])
    audited(codes, by.user)
    codes.save()
    return codes
