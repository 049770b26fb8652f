"""Each export format written from the run's lines (``rows.run_lines``). Text from people
(names, descriptions) never reaches a spreadsheet as a formula: in CSV a leading = + - @ is
neutralised with a quote, in the workbook every text cell is written as text."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook

from coproduce.money import ZERO

from ..bank.crypto import Account
from ..models import PaymentMethod
from .rows import RunLine

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """Stop spreadsheet formula injection: a cell starting like a formula starts with ' ."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _uk_date(day: object) -> str:
    return f"{day:%d/%m/%Y}"


def _csv(header: Sequence[str] | None, rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    for row in rows:
        writer.writerow([csv_safe(v) if isinstance(v, str) else v for v in row])
    return buffer.getvalue().encode("utf-8")


# Xero's bills (purchase invoices) import template, column for column; * marks the columns
# Xero requires. Rows with the same InvoiceNumber become one bill with a line for each row.
XERO_COLUMNS = [
    "*ContactName",
    "EmailAddress",
    "POAddressLine1",
    "POAddressLine2",
    "POAddressLine3",
    "POAddressLine4",
    "POCity",
    "PORegion",
    "POPostalCode",
    "POCountry",
    "*InvoiceNumber",
    "*InvoiceDate",
    "*DueDate",
    "Total",
    "InventoryItemCode",
    "Description",
    "*Quantity",
    "*UnitAmount",
    "*AccountCode",
    "*TaxType",
    "TaxAmount",
    "TrackingName1",
    "TrackingOption1",
    "TrackingName2",
    "TrackingOption2",
    "Currency",
]


def xero_contact(line: RunLine) -> str:
    """Xero matches contacts by name: the reference keeps two people of one name apart."""
    if line.donation:
        return line.payee
    return f"{line.payee} ({line.supplier_reference})"


def xero_csv(lines: list[RunLine]) -> bytes:
    rows = []
    for line in lines:
        row = dict.fromkeys(XERO_COLUMNS, "")
        row.update(
            {
                "*ContactName": xero_contact(line),
                "*InvoiceNumber": line.invoice_reference,
                "*InvoiceDate": _uk_date(line.invoice_date),
                "*DueDate": _uk_date(line.due_date),
                "Description": line.description,
                "*Quantity": "1",
                "*UnitAmount": str(line.net),
                "*AccountCode": line.nominal_code,
                "*TaxType": line.tax_code,
                "TrackingName1": "Cost centre" if line.cost_centre else "",
                "TrackingOption1": line.cost_centre,
                "Currency": "GBP",
            }
        )
        rows.append([row[c] for c in XERO_COLUMNS])
    return _csv(XERO_COLUMNS, rows)


# One accounts-payable CSV for Sage, QuickBooks and other systems that map columns on import
# (documented in README.md, "Finance exports").
ACCOUNTS_PAYABLE_COLUMNS = [
    "supplier_reference",
    "payee",
    "invoice_reference",
    "invoice_date",
    "due_date",
    "description",
    "net",
    "tax_code",
    "tax",
    "gross",
    "nominal_code",
    "cost_centre",
    "payment_method",
    "run_reference",
]


def _ap_values(line: RunLine) -> list[object]:
    return [
        line.supplier_reference,
        line.payee,
        line.invoice_reference,
        line.invoice_date,
        line.due_date,
        line.description,
        line.net,
        line.tax_code,
        line.tax,
        line.gross,
        line.nominal_code,
        line.cost_centre,
        line.method_label,
        line.run_reference,
    ]


def accounts_payable_csv(lines: list[RunLine]) -> bytes:
    rows = []
    for line in lines:
        values = _ap_values(line)
        rows.append(
            [
                _uk_date(v) if i in (3, 4) else str(v) if isinstance(v, Decimal) else v
                for i, v in enumerate(values)
            ]
        )
    return _csv(ACCOUNTS_PAYABLE_COLUMNS, rows)


def accounts_payable_xlsx(lines: list[RunLine], *, title: str) -> bytes:
    """The accounts-payable rows as a workbook. Text is written as text (never a formula, even
    when it starts with =), amounts as numbers with pence, dates as dates."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(ACCOUNTS_PAYABLE_COLUMNS)
    for row_number, line in enumerate(lines, start=2):
        for column, value in enumerate(_ap_values(line), start=1):
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # openpyxl would take a leading = as a formula
            elif isinstance(value, Decimal):
                cell.value = value
                cell.number_format = "0.00"
            else:
                cell.value = value
                cell.number_format = "DD/MM/YYYY"
    for column_cells in sheet.columns:
        width = max(len(str(c.value or "")) for c in column_cells)
        sheet.column_dimensions[column_cells[0].column_letter].width = min(width + 2, 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# UK bulk payment (BACS) files: no header; one line per payee; names and references at most
# 18 characters from the BACS set (A-Z, 0-9, full stop, ampersand, slash, hyphen, space).
BANK_COLUMNS = ["sort_code", "account_number", "payee_name", "amount", "reference"]
BACS_FIELD_LENGTH = 18
_NOT_BACS = re.compile(r"[^A-Z0-9.&/\- ]")


def bacs_text(text: str, length: int = BACS_FIELD_LENGTH) -> str:
    """Upper case, only BACS characters, no leading hyphen, at most ``length`` characters."""
    cleaned = _NOT_BACS.sub(" ", text.upper())
    cleaned = re.sub(r" +", " ", cleaned).strip().lstrip("-").strip()
    return cleaned[:length].rstrip()


@dataclass(frozen=True)
class BankLine:
    contributor_id: int
    sort_code: str
    account_number: str
    payee_name: str
    amount: Decimal
    reference: str


def bank_lines(
    lines: list[RunLine], accounts: dict[int, Account], *, reference_prefix: str
) -> list[BankLine]:
    """One line per payee paid by bank transfer who has entered bank details, with their
    payments in the run added up. Donations and other methods are not in the bank file."""
    totals: dict[int, Decimal] = {}
    for line in lines:
        by_bank = line.method == PaymentMethod.BANK_TRANSFER and not line.donation
        if by_bank and line.contributor_id in accounts:
            totals[line.contributor_id] = totals.get(line.contributor_id, ZERO) + line.net
    result = []
    for contributor_id, amount in totals.items():
        account = accounts[contributor_id]
        reference = f"{reference_prefix} C{contributor_id:06d}".strip()
        result.append(
            BankLine(
                contributor_id=contributor_id,
                sort_code=account.sort_code,
                account_number=account.account_number,
                payee_name=bacs_text(account.account_name),
                amount=amount,
                reference=bacs_text(reference),
            )
        )
    return result


def bank_csv(lines: list[BankLine]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in lines:
        writer.writerow(
            [line.sort_code, line.account_number, line.payee_name, str(line.amount), line.reference]
        )
    return buffer.getvalue().encode("ascii")


# What the bank file cannot pay: vouchers, cheques, donations to charities, and payees paid by
# bank transfer who have not entered bank details yet.
OTHERS_COLUMNS = [
    "how_to_pay",
    "pay_to",
    "on_behalf_of",
    "supplier_reference",
    "amount",
    "reference",
    "description",
    "run_reference",
]


def bank_others_csv(lines: list[RunLine], accounts: dict[int, Account]) -> bytes:
    rows = []
    for line in lines:
        by_bank = line.method == PaymentMethod.BANK_TRANSFER and not line.donation
        if by_bank and line.contributor_id in accounts:
            continue
        how = "Bank transfer: no bank details entered yet" if by_bank else line.method_label
        rows.append(
            [
                how,
                line.payee,
                line.contributor_name if line.donation else "",
                line.supplier_reference,
                str(line.net),
                line.invoice_reference,
                line.description,
                line.run_reference,
            ]
        )
    return _csv(OTHERS_COLUMNS, rows)
