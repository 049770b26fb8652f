"""The whole organisation journey, through pages only, axe on every page: a coordinator posts a
role with three sessions and publishes it; Alex (ESA, fees capped at £20 a week) applies; the
coordinator adds a session three weeks ago, accepts them and logs its register; finance approves
the fee, sees it held on a pay date where it would break Alex's cap, builds a run on a later
date, checks the Xero and bank files and marks the run paid on a day the fee fits; Alex asks for
a letter, the admin issues it; Alex reads a notification for each step."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from letters.models import Letter, LetterStatus
from notifications.models import Notification
from opportunities.models import Application, Opportunity, Session
from organisations.models import Membership, Organisation
from payments.fees.services import payment_mark_paid
from payments.models import Payment, PaymentRun
from periods import uk_today
from tests.browser.visit import check_page, sign_in_as, title, visit

pytestmark = [pytest.mark.django_db(transaction=True)]

COORDINATOR = "coordinator@northfield.demo.test"
FINANCE = "finance@northfield.demo.test"
ADMIN = "admin@northfield.demo.test"
ALEX = "esa@contributors.demo.test"  # ESA, fees capped at £20 a week
ROLE = "Story panel: easy-read letters"


@pytest.fixture
def northfield() -> Organisation:
    """The demo, with Alex's approved mileage expense (due today) already paid: a run's paid
    date cannot be before a payment in it was due, and this week Alex's cap is already full, so
    with it in the run the story's fee could not be marked paid on a day it fits."""
    call_command("demo_seed")
    northfield = Organisation.objects.get(slug="northfield")
    finance = Membership.objects.get(organisation=northfield, user__email=FINANCE)
    for expense in Payment.objects.filter(
        organisation=northfield, contributor__email=ALEX, kind="expense", status="approved"
    ):
        payment_mark_paid(by=finance, payment=expense, paid_on=uk_today())
    return northfield


def _day(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def _switch_to(page: Page, email: str) -> None:
    page.context.clear_cookies()
    sign_in_as(page, email)


def _coordinator_posts_and_publishes(page: Page, base: str) -> Opportunity:
    visit(page, f"{base}/roles", name="story-roles")
    page.get_by_role("link", name="Post a role").click()
    page.wait_for_url(f"**{base}/roles/new")
    check_page(page, "story-role-new")
    page.get_by_label("Title").fill(ROLE)
    page.get_by_label("Summary").fill("Tell us whether our letters are easy to read.")
    page.get_by_label("Accessibility and adjustments").fill("Step-free access; papers in advance.")
    page.get_by_label("Places").fill("3")
    page.get_by_label("Closing date").fill(_day(20))
    page.get_by_label("Expenses policy").fill("Bus and train fares, paid with your fee.")
    page.get_by_role("button", name="Save as a draft").click()
    page.wait_for_url(f"**{base}/roles/*")
    expect(page.get_by_text("The role is saved as a draft.")).to_be_visible()
    role = Opportunity.objects.get(title=ROLE)
    check_page(page, "story-role-draft")

    page.get_by_role("link", name="Add a session").click()
    page.wait_for_url(f"**{base}/roles/{role.pk}/sessions/new")
    check_page(page, "story-session-new")
    for index, days in enumerate((7, 14, 21)):
        page.get_by_label("Date").fill(_day(days))
        page.get_by_label("Start time").fill("10:00")
        page.get_by_label("End time").fill("12:00")
        page.get_by_label("Place (optional)").fill("Room 2, Town Hall")
        last = index == 2
        page.get_by_role(
            "button", name="Add the session" if last else "Add it and add another"
        ).click()
        if not last:
            expect(page.get_by_text("Session added:")).to_be_visible()
            expect(page.get_by_label("Date")).to_have_value("")
    page.wait_for_url(f"**{base}/roles/{role.pk}")
    expect(page.get_by_role("table", name="Sessions").get_by_role("row")).to_have_count(4)

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The role is published. People can find it and apply.")).to_be_visible()
    check_page(page, "story-role-published")
    role.refresh_from_db()
    assert role.status == "published"
    return role


def _coordinator_adds_a_session_last_week(page: Page, base: str, role: Opportunity) -> Session:
    """The register can only be logged for a session that has happened: the page lets the
    coordinator add one with a date three weeks ago."""
    page.get_by_role("link", name="Add a session").click()
    page.wait_for_url(f"**{base}/roles/{role.pk}/sessions/new")
    page.get_by_label("Date").fill(_day(-21))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("12:00")
    page.get_by_label("Place (optional)").fill("Room 2, Town Hall")
    page.get_by_role("button", name="Add the session").click()
    page.wait_for_url(f"**{base}/roles/{role.pk}")
    expect(page.get_by_role("table", name="Sessions").get_by_role("row")).to_have_count(5)
    check_page(page, "story-role-session-in-the-past")
    return Session.objects.get(opportunity=role, date=timezone.localdate() - dt.timedelta(days=21))


def _alex_applies_and_gives_bank_details(page: Page, role: Opportunity) -> None:
    _switch_to(page, ALEX)
    visit(page, f"/opportunities/{role.pk}", name="story-role-public")
    expect(page).to_have_title(title(ROLE))
    page.get_by_role("button", name="Apply for this role").click()
    page.get_by_label("Why are you interested in this role?").fill(
        "Letters from services have often confused me; I want them clearer for others."
    )
    page.get_by_role("button", name="Continue").click()
    check_page(page, "story-apply-check")
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("heading", name="Application sent")).to_be_visible()
    check_page(page, "story-application-sent")

    visit(page, "/me/bank-details", name="story-bank-details")
    page.get_by_label("Name on the account").fill("Alex Morgan")
    page.get_by_label("Sort code").fill("20-00-00")
    page.get_by_label("Account number").fill("55779911")
    page.get_by_role("button", name="Save bank details").click()
    expect(page.get_by_text("Your bank details have been saved.")).to_be_visible()
    check_page(page, "story-bank-details-saved")


def _coordinator_accepts_and_logs_the_register(
    page: Page, base: str, alex: User, past: Session
) -> Payment:
    _switch_to(page, COORDINATOR)
    application = Application.objects.get(opportunity__title=ROLE, contributor=alex)
    visit(page, f"{base}/applications/{application.pk}", name="story-application")
    page.get_by_role("button", name=f"Accept {alex.full_name}").click()
    expect(page.get_by_text(f"{alex.full_name} is accepted.")).to_be_visible()
    check_page(page, "story-application-accepted")

    visit(page, f"{base}/sessions/{past.pk}/register", name="story-register")
    page.get_by_role("group", name=f"Did {alex.full_name} come?").get_by_label("Yes").check()
    page.get_by_label(f"Hours {alex.full_name} gave").fill("2")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check the register")
    check_page(page, "story-register-check")
    page.get_by_role("button", name="Log the register").click()
    expect(page.get_by_role("heading", level=1, name="Register logged")).to_be_visible()
    fee = Payment.objects.get(attendance__session=past, contributor=alex)
    assert fee.payable > 0, "that week had room under Alex's cap"
    fees = page.get_by_role("table", name="Fees recorded")
    expect(fees.get_by_role("row").filter(has_text=alex.full_name)).to_contain_text(
        f"£{fee.payable}"
    )
    check_page(page, "story-register-logged")
    return fee


def _csv_rows(page: Page, link: str) -> list[list[str]]:
    with page.expect_download() as download:
        page.get_by_role("link", name=link).click()
    return list(csv.reader(io.StringIO(Path(download.value.path()).read_text())))


def _finance_approves_runs_and_pays(
    page: Page, base: str, northfield: Organisation, alex: User, fee: Payment, paid_on: dt.date
) -> PaymentRun:
    _switch_to(page, FINANCE)
    visit(page, f"{base}/payments/{fee.pk}", name="story-payment")
    expect(page.get_by_role("heading", name=f"Payment to {alex.full_name}")).to_be_visible()
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(
        page.get_by_role("heading", name="Check before you approve this payment")
    ).to_be_visible()
    check_page(page, "story-payment-check-approve")
    page.get_by_role("button", name="Approve payment").click()
    expect(page.get_by_text("Payment approved.")).to_be_visible()
    check_page(page, "story-payment-approved")

    # Today: Alex's week is already full (two organisations reached the cap), so it is held.
    visit(page, f"{base}/payment-runs", name="story-runs")
    page.get_by_role("link", name="Start a payment run").click()
    expect(page.get_by_role("heading", name="Start a payment run")).to_be_visible()
    check_page(page, "story-run-new")
    date_field = page.get_by_label("When will you pay this run?")
    date_field.fill(uk_today().isoformat())
    page.get_by_role("button", name="Check this date").click()
    held = page.get_by_role("table", name=re.compile(r"^Held back \(\d+\)$"))
    held_row = (
        held.get_by_role("row").filter(has_text=alex.full_name).filter(has_text=fee.description)
    )
    expect(held_row).to_contain_text("past their cap")
    check_page(page, "story-run-preview-held")

    # A week from today there is room: the fee is in the run.
    later = uk_today() + dt.timedelta(days=7)
    date_field.fill(later.isoformat())
    page.get_by_role("button", name="Check this date").click()
    included = page.get_by_role("table", name=re.compile(r"^In this run \(\d+\)$"))
    expect(included.get_by_role("row").filter(has_text=fee.description)).to_contain_text(
        alex.full_name
    )
    check_page(page, "story-run-preview")
    page.get_by_role("button", name="Build the run").click()

    expect(page.get_by_text("Payment run built.")).to_be_visible()
    run = PaymentRun.objects.get(organisation=northfield, status="open")
    expect(page).to_have_title(title(f"Payment run {run.reference}"))
    check_page(page, "story-run")
    fee.refresh_from_db()
    assert fee.run_id == run.pk
    amount = f"{fee.payable:.2f}"

    xero = _csv_rows(page, "Xero bills import (CSV)")
    columns = xero[0]
    lines = [dict(zip(columns, row, strict=True)) for row in xero[1:]]
    alex_lines = [line for line in lines if line["Description"] == fee.description]
    assert len(alex_lines) == 1, lines
    assert alex_lines[0]["*ContactName"].startswith(alex.full_name)
    assert (alex_lines[0]["*UnitAmount"], alex_lines[0]["Currency"]) == (amount, "GBP")
    assert alex_lines[0]["*AccountCode"] == "5010"  # the demo's fee nominal code

    bank = _csv_rows(page, "Bank bulk payment file (BACS CSV)")  # no header
    payees = [row for row in bank if row and row[2] == "ALEX MORGAN"]
    assert len(payees) == 1, bank  # one line per payee, their payments in the run added up
    sort_code, account_number, _, paid, reference = payees[0]
    assert (sort_code.replace("-", ""), account_number) == ("200000", "55779911")
    assert paid == amount  # the story's fee is Alex's only payment in the run
    assert reference.endswith(f"C{alex.pk:06d}")

    # Marked paid: the money went out on the day of the session, when it fits Alex's cap.
    page.get_by_label("Date the money was paid").fill(paid_on.isoformat())
    page.get_by_role("button", name="Continue").click()
    check_page(page, "story-run-check-paid")
    page.get_by_role("button", name="Mark run paid").click()
    expect(page.get_by_text("Run marked paid.")).to_be_visible()
    check_page(page, "story-run-paid")
    run.refresh_from_db()
    fee.refresh_from_db()
    assert run.status == "paid" and fee.status == "paid"
    return run


def _alex_asks_for_a_letter(page: Page, northfield: Organisation) -> None:
    _switch_to(page, ALEX)
    visit(page, "/me/letters/new", name="story-letter-request")
    choice = page.get_by_label(northfield.name, exact=True)
    if choice.count():
        choice.check()
    page.get_by_label("Payment statement").check()
    page.get_by_label("From", exact=True).fill(_day(-30))
    page.get_by_label("To", exact=True).fill(_day(0))
    page.get_by_role("button", name="Continue").click()
    check_page(page, "story-letter-check")
    page.get_by_role("button", name="Ask for the letter").click()
    expect(page.get_by_text(f"We have sent your request to {northfield.name}")).to_be_visible()
    check_page(page, "story-letter-asked")


def _admin_issues_it(page: Page, base: str, letter: Letter) -> None:
    _switch_to(page, ADMIN)
    visit(page, f"{base}/letters/{letter.pk}", name="story-letter-admin")
    page.get_by_role("button", name="Issue the letter").click()
    expect(page.get_by_role("link", name="Download the letter (PDF)")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Letter issued.")).to_be_visible()
    check_page(page, "story-letter-issued")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED


def test_a_role_from_posting_to_payment_and_a_letter_through_the_pages(
    page: Page, northfield: Organisation
) -> None:
    base = f"/organisations/{northfield.pk}"
    alex = User.objects.get(email=ALEX)

    sign_in_as(page, COORDINATOR)
    role = _coordinator_posts_and_publishes(page, base)
    past = _coordinator_adds_a_session_last_week(page, base, role)
    _alex_applies_and_gives_bank_details(page, role)
    fee = _coordinator_accepts_and_logs_the_register(page, base, alex, past)
    _finance_approves_runs_and_pays(page, base, northfield, alex, fee, past.date)

    _alex_asks_for_a_letter(page, northfield)
    letter = Letter.objects.filter(contributor=alex).latest("id")
    _admin_issues_it(page, base, letter)

    _switch_to(page, ALEX)
    visit(page, "/me/notifications", name="story-notifications")
    expect(page).to_have_title(title("Your notifications"))
    fee.refresh_from_db()
    for kind, heading in (
        ("application_accepted", f"You have a place on {ROLE}"),
        ("session_booked", ROLE),
        ("fee_approved", "has been approved"),
        ("fee_paid", f"{northfield.name} has paid you"),
        ("letter_issued", "Your letter is ready"),
    ):
        notice = Notification.objects.filter(user=alex, kind=kind).latest("id")
        assert heading in notice.title, (kind, notice.title)
        expect(page.get_by_text(notice.title).first).to_be_visible()
