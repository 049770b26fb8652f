"""Issue 11, finance exports: each format checked column by column against its published
column list, the bank file read back with csv, formulas never written, every export logged and
only finance may export."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from openpyxl import load_workbook

from accounts.models import User
from opportunities.models import Engagement
from payments.bank.crypto import Account
from payments.bank.services import bank_details_set
from payments.models import (
    BankDetailsAccess,
    ExpenseCategory,
    ExpenseClaim,
    ExpenseItem,
    ExportSettings,
    Payment,
    PaymentKind,
    PaymentMethod,
    PaymentRun,
    PaymentRunExport,
    PaymentStatus,
)
from tests.factories import ContributorFactory

from .conftest import Org
from .factories import PaymentFactory

pytestmark = pytest.mark.django_db

# Xero's bills import template (Business > Bills to pay > Import > download the template),
# column for column; * marks the columns Xero requires.
XERO_BILLS_TEMPLATE = [
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
# As documented in README.md, "Finance exports".
ACCOUNTS_PAYABLE = [
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
BACS_CHARACTERS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.&/- ")
CREATED = "2026-11-25 10:00 +00:00"


def _engagement(org: Org, person: User) -> Engagement:
    return Engagement.objects.get(contributor=person, opportunity__organisation=org.organisation)


def _fee(org: Org, person: User, amount: str, **fields: object) -> Payment:
    values: dict[str, object] = {
        "offered": Decimal(amount),
        "status": PaymentStatus.APPROVED,
        "due_on": date(2026, 11, 23),
        **fields,
    }
    return PaymentFactory.create(engagement=_engagement(org, person), **values)


def _expense(org: Org, person: User, amount: str, category: str) -> Payment:
    payment = PaymentFactory.create(
        engagement=_engagement(org, person),
        kind=PaymentKind.EXPENSE,
        choice="",
        offered=Decimal(amount),
        status=PaymentStatus.APPROVED,
        description="Travel to the meeting",
        due_on=date(2026, 11, 23),
    )
    claim = ExpenseClaim.objects.create(organisation=org.organisation, contributor=person)
    ExpenseItem.objects.create(
        claim=claim,
        category=category,
        description="Travel",
        spent_on=date(2026, 11, 23),
        miles=Decimal("10") if category == ExpenseCategory.MILEAGE else None,
        amount=Decimal(amount),
        status="approved",
        payment=payment,
    )
    return payment


def _run(org: Org) -> PaymentRun:
    with time_machine.travel(CREATED, tick=False):
        answer = org.client("finance").post(
            f"/api/v1/organisations/{org.organisation.pk}/payment-runs/",
            {"pay_on": "2026-11-27"},
            format="json",
        )
    assert answer.status_code == 201, answer.json()
    return PaymentRun.objects.get(pk=answer.json()["id"])


def _get(org: Org, run: PaymentRun, export_format: str, who: str = "finance"):
    return org.client(who).get(
        f"/api/v1/organisations/{org.organisation.pk}/payment-runs/{run.pk}/exports/{export_format}/"
    )


def _rows(content: bytes, header: bool = True) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))
    return rows


def _codes(org: Org) -> ExportSettings:
    return ExportSettings.objects.create(
        organisation=org.organisation,
        fee_nominal_code="5010",
        mileage_nominal_code="5020",
        travel_nominal_code="5030",
        cost_centre="CC-INVOLVE",
        tax_code="No VAT",
        bank_reference="Northfield",
    )


def _account(person: User, sort_code: str, number: str, name: str) -> None:
    bank_details_set(
        contributor=person,
        account=Account(sort_code=sort_code, account_number=number, account_name=name),
    )


def test_xero_bills_file_has_the_template_columns_and_one_bill_per_payee(
    northfield: Org, contributor: User
) -> None:
    _codes(northfield)
    contributor.full_name = "Asha Patel"
    contributor.save()
    fee = _fee(northfield, contributor, "25.00")
    mileage = _expense(northfield, contributor, "4.50", ExpenseCategory.MILEAGE)
    run = _run(northfield)

    answer = _get(northfield, run, "xero")

    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer["Content-Disposition"] == f'attachment; filename="{run.reference}-xero-bills.csv"'
    header, *rows = _rows(answer.content)
    assert header == XERO_BILLS_TEMPLATE
    lines = [dict(zip(header, row, strict=True)) for row in rows]
    assert len(lines) == 2
    reference = f"C{contributor.pk:06d}"
    for line in lines:
        assert line["*ContactName"] == f"Asha Patel ({reference})"
        assert line["*InvoiceNumber"] == f"{run.reference}-{reference}"  # one bill, two lines
        assert line["*InvoiceDate"] == "25/11/2026"
        assert line["*DueDate"] == "27/11/2026"
        assert line["*Quantity"] == "1"
        assert line["*TaxType"] == "No VAT"
        assert line["TrackingName1"] == "Cost centre"
        assert line["TrackingOption1"] == "CC-INVOLVE"
        assert line["Currency"] == "GBP"
        assert line["EmailAddress"] == ""  # Xero creates the contact without it
    by_amount = {line["*UnitAmount"]: line for line in lines}
    assert by_amount["25.00"]["*AccountCode"] == "5010"
    assert by_amount["25.00"]["Description"] == fee.description
    assert by_amount["4.50"]["*AccountCode"] == "5020"
    assert by_amount["4.50"]["Description"] == mileage.description


def test_accounts_payable_file_has_the_documented_columns_with_codes_and_run_reference(
    northfield: Org, contributor: User
) -> None:
    _codes(northfield)
    _fee(northfield, contributor, "30.00")
    _expense(northfield, contributor, "6.20", ExpenseCategory.TRAVEL)
    _expense(northfield, contributor, "3.00", ExpenseCategory.MEALS)  # no code set: blank
    run = _run(northfield)

    header, *rows = _rows(_get(northfield, run, "accounts-payable").content)

    assert header == ACCOUNTS_PAYABLE
    lines = {row[6]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(lines) == {"30.00", "6.20", "3.00"}
    fee = lines["30.00"]
    assert fee["supplier_reference"] == f"C{contributor.pk:06d}"
    assert fee["payee"] == contributor.full_name
    assert fee["invoice_reference"] == f"{run.reference}-C{contributor.pk:06d}"
    assert (fee["invoice_date"], fee["due_date"]) == ("25/11/2026", "27/11/2026")
    assert (fee["net"], fee["tax_code"], fee["tax"], fee["gross"]) == (
        "30.00",
        "No VAT",
        "0.00",
        "30.00",
    )
    assert (fee["nominal_code"], fee["cost_centre"]) == ("5010", "CC-INVOLVE")
    assert fee["payment_method"] == "Bank transfer"
    assert fee["run_reference"] == run.reference
    assert lines["6.20"]["nominal_code"] == "5030"
    assert lines["3.00"]["nominal_code"] == ""


def test_a_donated_fee_is_billed_to_the_charity_on_behalf_of_the_contributor(
    northfield: Org, contributor: User
) -> None:
    gift = _fee(northfield, contributor, "20.00", donated_to="Mind in Northfield", choice="donate")
    run = _run(northfield)

    header, row = _rows(_get(northfield, run, "accounts-payable").content)
    line = dict(zip(header, row, strict=True))

    assert line["payee"] == "Mind in Northfield"
    assert line["payment_method"] == "Charity donation"
    assert contributor.full_name in line["description"]
    assert line["invoice_reference"] == f"{run.reference}-C{contributor.pk:06d}-D{gift.pk}"


def test_bank_file_round_trip_one_line_per_payee_with_fees_added_up(northfield: Org) -> None:
    _codes(northfield)
    asha, ben, cai, dee = ContributorFactory.create_batch(4)
    for person in (asha, ben, cai, dee):
        northfield.engage(person)
    _account(asha, "309457", "00733445", "Mrs Asha O'Brien-Patel & Co Ltd")
    _account(ben, "200415", "38290008", "ben evans")
    _account(dee, "401276", "11112222", "Dee Hall")
    _fee(northfield, asha, "25.00")
    _fee(northfield, asha, "12.50")
    _expense(northfield, asha, "4.50", ExpenseCategory.MILEAGE)
    _fee(northfield, ben, "40.00")
    _fee(northfield, cai, "15.00")  # bank transfer, but no bank details yet
    _fee(northfield, dee, "10.00", method=PaymentMethod.VOUCHER)
    _fee(northfield, ben, "5.00", donated_to="Mind", choice="donate")
    _fee(northfield, dee, "0.01", method=PaymentMethod.VOUCHER)
    # Waived in full: nothing to pay, so in no file.
    _fee(northfield, asha, "10.00", payable=Decimal("0.00"), waived=Decimal("10.00"))
    run = _run(northfield)

    answer = _get(northfield, run, "bank")

    assert answer.status_code == 200
    assert answer["Content-Disposition"].endswith(f'filename="{run.reference}-bank-payments.csv"')
    rows = list(csv.reader(io.StringIO(answer.content.decode("ascii"))))
    assert rows == [
        ["309457", "00733445", "MRS ASHA O BRIEN-P", "42.00", f"NORTHFIELD C{asha.pk:06d}"],
        ["200415", "38290008", "BEN EVANS", "40.00", f"NORTHFIELD C{ben.pk:06d}"],
    ]
    for sort_code, account, name, amount, reference in rows:
        assert len(sort_code) == 6 and sort_code.isdigit()
        assert len(account) == 8 and account.isdigit()
        assert len(name) <= 18 and set(name) <= BACS_CHARACTERS
        assert len(reference) <= 18 and set(reference) <= BACS_CHARACTERS
        assert Decimal(amount) == Decimal(amount).quantize(Decimal("0.01"))
    assert sum(Decimal(row[3]) for row in rows) == Decimal("82.00")

    _header, *others = _rows(_get(northfield, run, "bank-others").content)
    listed = {(row[0], row[1], row[4]) for row in others}
    assert listed == {
        ("Bank transfer: no bank details entered yet", cai.full_name, "15.00"),
        ("Voucher", dee.full_name, "10.00"),
        ("Voucher", dee.full_name, "0.01"),
        ("Charity donation", "Mind", "5.00"),
    }
    bank_total = Decimal("82.00") + sum(Decimal(row[4]) for row in others)
    assert bank_total == sum(p.payable for p in run.payments.all())


def test_bank_text_is_upper_case_bacs_characters_without_a_leading_hyphen() -> None:
    from payments.exports.writers import bacs_text

    assert bacs_text("-=cmd|' /C calc'!A0") == "CMD /C CALC A0"
    assert bacs_text("Zoë Ångström-Smith") == "ZO NGSTR M-SMITH"
    assert len(bacs_text("A" * 40)) == 18


def test_every_export_is_logged_and_the_bank_file_logs_each_payees_details(
    northfield: Org, contributor: User
) -> None:
    _account(contributor, "309457", "00733445", "Asha Patel")
    _fee(northfield, contributor, "25.00")
    run = _run(northfield)

    for export_format in ("xero", "accounts-payable", "xlsx", "bank", "bank-others", "csv"):
        assert _get(northfield, run, export_format).status_code == 200
    legacy = northfield.client("finance").get(
        f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/{run.pk}/export.csv"
    )

    assert legacy.status_code == 200
    logged = list(PaymentRunExport.objects.filter(run=run).order_by("id"))
    assert [(e.format, e.by, e.lines) for e in logged] == [
        ("xero", northfield.finance.user, 1),
        ("accounts-payable", northfield.finance.user, 1),
        ("xlsx", northfield.finance.user, 1),
        ("bank", northfield.finance.user, 1),
        ("bank-others", northfield.finance.user, 0),
        ("csv", northfield.finance.user, 1),
        ("csv", northfield.finance.user, 1),
    ]
    exported = BankDetailsAccess.objects.filter(contributor=contributor, action="exported")
    assert [(a.by, a.run_id, a.organisation_id) for a in exported] == [
        (northfield.finance.user, run.pk, northfield.organisation.pk)
    ]
    run.refresh_from_db()
    assert run.exported_at is not None


def test_the_list_names_every_download_with_its_file_and_address(
    northfield: Org, contributor: User
) -> None:
    _fee(northfield, contributor, "25.00")
    run = _run(northfield)
    base = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/{run.pk}/exports/"

    answer = northfield.client("finance").get(base)

    assert answer.status_code == 200
    listed = {row["format"]: row for row in answer.json()["results"]}
    assert list(listed) == ["xero", "accounts-payable", "xlsx", "bank", "bank-others", "csv"]
    assert listed["xero"]["url"] == f"{base}xero/"
    assert listed["xlsx"]["filename"] == f"{run.reference}-accounts-payable.xlsx"
    for row in listed.values():
        assert northfield.client("finance").get(row["url"]).status_code == 200
    assert not PaymentRunExport.objects.filter(format="xero", by=None).exists()


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"])
def test_no_export_writes_a_formula_from_a_name_or_description(
    northfield: Org, contributor: User, hostile: str
) -> None:
    contributor.full_name = hostile
    contributor.save()
    _fee(northfield, contributor, "10.00", description=hostile)
    run = _run(northfield)

    for export_format in ("xero", "accounts-payable", "csv"):
        for row in _rows(_get(northfield, run, export_format).content)[1:]:
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
    workbook = load_workbook(io.BytesIO(_get(northfield, run, "xlsx").content))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    assert header == ACCOUNTS_PAYABLE
    cells = {header[i]: cell for i, cell in enumerate(sheet[2])}
    assert cells["payee"].value == hostile and cells["payee"].data_type == "s"
    assert cells["description"].value == hostile and cells["description"].data_type == "s"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_workbook_has_the_accounts_payable_rows_with_numbers_and_dates(
    northfield: Org, contributor: User
) -> None:
    _codes(northfield)
    _fee(northfield, contributor, "25.00")
    run = _run(northfield)
    csv_rows = _rows(_get(northfield, run, "accounts-payable").content)

    answer = _get(northfield, run, "xlsx")

    assert answer["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == csv_rows[0]
    values = dict(zip(rows[0], rows[1], strict=True))
    assert values["net"] == 25 and values["gross"] == 25
    assert values["invoice_date"].date() == date(2026, 11, 25)
    assert values["nominal_code"] == "5010"
    assert len(rows) == len(csv_rows)


def test_only_finance_exports_and_another_organisations_run_is_not_found(
    northfield: Org, southdown: Org, contributor: User
) -> None:
    _fee(northfield, contributor, "25.00")
    run = _run(northfield)
    exports = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/{run.pk}/exports/"
    as_contributor = northfield.client()
    as_contributor.force_authenticate(contributor)

    assert _get(northfield, run, "bank", who="coordinator").status_code == 403
    assert northfield.client("coordinator").get(exports).status_code == 403
    assert as_contributor.get(f"{exports}bank/").status_code == 404
    assert southdown.client("finance").get(f"{exports}bank/").status_code == 404
    assert _get(northfield, run, "pdf").status_code == 404
    assert not PaymentRunExport.objects.exists()


def test_export_codes_are_set_by_finance_and_refuse_unknown_fields(northfield: Org) -> None:
    url = f"/api/v1/organisations/{northfield.organisation.pk}/export-settings/"
    finance = northfield.client("finance")

    assert finance.get(url).json()["tax_code"] == "No VAT"
    changed = finance.put(url, {"fee_nominal_code": "5010", "cost_centre": "INV"}, format="json")
    unknown = finance.put(url, {"vat_number": "1"}, format="json")
    bad_reference = finance.put(url, {"bank_reference": "Fees £"}, format="json")

    assert changed.status_code == 200
    assert changed.json()["fee_nominal_code"] == "5010"
    assert ExportSettings.objects.get().history.first().history_user == northfield.finance.user
    assert unknown.status_code == 400 and "vat_number" in unknown.json()["fields"]
    assert bad_reference.status_code == 400 and "bank_reference" in bad_reference.json()["fields"]
    assert northfield.client("coordinator").put(url, {}, format="json").status_code == 403
