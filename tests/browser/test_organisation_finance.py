"""A finance officer, through the pages only: approves a fee, previews a payment run for a pay
date and sees a fee held because it would take the person past their cap, builds the run,
downloads its CSV and marks it paid. Axe checks every page."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accounts.models import User
from organisations.models import Membership, Organisation
from payments.fees.services import payment_approve, payment_record
from payments.models import Payment, PaymentRun
from periods import uk_today
from tests.browser.visit import check_page, sign_in_as, title, visit

pytestmark = pytest.mark.django_db(transaction=True)

FINANCE = "finance@northfield.demo.test"
ESA = "esa@contributors.demo.test"  # paid with a cap of £20 a week
UC = "uc@contributors.demo.test"


def _member(organisation: Organisation) -> Membership:
    return Membership.objects.get(organisation=organisation, user__email__startswith="finance@")


@pytest.fixture
def world() -> dict[str, object]:
    """The demo, plus: Southdown has already used up Alex's cap for the week a week from today,
    and Northfield has an approved fee for Sam waiting for a run."""
    call_command("demo_seed")
    northfield = Organisation.objects.get(name__startswith="Northfield")
    southdown = Organisation.objects.get(name__startswith="Southdown")
    pay_on = uk_today() + timedelta(days=7)
    people = {u.email: u for u in User.objects.filter(email__in=[ESA, UC])}
    full_week = payment_record(
        by=_member(southdown), contributor=people[ESA], kind="fee", amount=Decimal("20.00"),
        description="Steering group", due_on=pay_on, time_based=False,
    ).payment  # fmt: skip
    payment_approve(by=_member(southdown), payment=full_week)
    sam = payment_record(
        by=_member(northfield), contributor=people[UC], kind="fee", amount=Decimal("30.00"),
        description="Reading group: papers review", due_on=uk_today(), time_based=False,
    ).payment  # fmt: skip
    payment_approve(by=_member(northfield), payment=sam)
    alex = Payment.objects.get(
        organisation=northfield,
        contributor=people[ESA],
        status="pending",
        description="Advisory group: papers review",
    )
    return {"northfield": northfield, "pay_on": pay_on, "alex": alex, "sam": sam}


def test_finance_approves_previews_builds_downloads_and_pays_a_run(
    page: Page, world: dict[str, object]
) -> None:
    northfield = world["northfield"]
    assert isinstance(northfield, Organisation)
    alex, sam = world["alex"], world["sam"]
    assert isinstance(alex, Payment) and isinstance(sam, Payment)
    pay_on = world["pay_on"]
    base = f"/organisations/{northfield.pk}"
    sign_in_as(page, FINANCE)
    page.wait_for_url(f"**{base}/")

    # Approve Alex's fee, found through the filters.
    visit(page, f"{base}/payments")
    expect(page).to_have_title(title("Payments"))
    page.get_by_label("Status").select_option("pending")
    page.get_by_role("button", name="Show payments").click()
    page.wait_for_url("**status=pending**")
    check_page(page, "finance-payments-pending")
    page.get_by_role("link", name=f"{alex.description} for {alex.contributor.full_name}").click()
    expect(
        page.get_by_role("heading", name=f"Payment to {alex.contributor.full_name}")
    ).to_be_visible()
    check_page(page, "finance-payment")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(
        page.get_by_role("heading", name="Check before you approve this payment")
    ).to_be_visible()
    check_page(page, "finance-payment-check-approve")
    page.get_by_role("button", name="Approve payment").click()
    expect(page.get_by_text("Payment approved.")).to_be_visible()
    expect(page.get_by_role("table", name="History")).to_contain_text("status: pending → approved")
    check_page(page, "finance-payment-approved")

    # Preview a run for a week from today: Alex's fee is held, Sam's is in.
    visit(page, f"{base}/payment-runs")
    page.get_by_role("link", name="Start a payment run").click()
    expect(page.get_by_role("heading", name="Start a payment run")).to_be_visible()
    check_page(page, "finance-run-new")
    page.get_by_label("When will you pay this run?").fill(pay_on.isoformat())  # type: ignore[attr-defined]
    page.get_by_role("button", name="Check this date").click()
    held = page.get_by_role("table", name="Held back (1)")
    expect(held).to_contain_text(alex.contributor.full_name)
    expect(held).to_contain_text("past their cap")
    included = page.get_by_role("table", name=re.compile(r"^In this run \(\d+\)$"))
    expect(included).to_contain_text(sam.contributor.full_name)
    check_page(page, "finance-run-preview")
    page.get_by_role("button", name="Build the run").click()

    # The run: its payments, the download, marking it paid.
    expect(page.get_by_text("Payment run built.")).to_be_visible()
    run = PaymentRun.objects.get(organisation=northfield, status="open")
    expect(page).to_have_title(title(f"Payment run {run.reference}"))
    expect(page.get_by_role("table", name="Payments in this run")).to_contain_text(
        sam.contributor.full_name
    )
    check_page(page, "finance-run")
    with page.expect_download() as download:
        page.get_by_role("link", name="Every payment in the run (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    paid = {(r["payee_name"], r["description"], r["amount"]) for r in rows}
    assert (sam.contributor.full_name, sam.description, "30.00") in paid
    assert alex.description not in {r["description"] for r in rows}  # held back
    page.get_by_label("Date the money was paid").fill(uk_today().isoformat())
    page.get_by_role("button", name="Continue").click()
    check_page(page, "finance-run-check-paid")
    page.get_by_role("button", name="Mark run paid").click()
    expect(page.get_by_text("Run marked paid.")).to_be_visible()
    check_page(page, "finance-run-paid")
    run.refresh_from_db()
    assert run.status == "paid"
    alex.refresh_from_db()
    assert alex.status == "approved" and alex.run_id is None  # held for a later run

    visit(page, f"{base}/payment-runs")
    expect(page.get_by_role("table", name="Paid runs")).to_contain_text(run.reference)
