"""An organisation's admin, through the pages: issues the letter a contributor asked for,
changes a member's role, and edits the letterhead and opens a preview of a letter. Axe checks
every page at desktop and phone widths."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from letters.models import Letter, LetterKind, LetterStatus
from organisations.models import Membership, Organisation, Role
from tests.browser.visit import check_page, sign_in_as, title, visit

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN = "admin@northfield.demo.test"
CONTRIBUTOR = "esa@contributors.demo.test"


@pytest.fixture
def northfield() -> Organisation:
    call_command("demo_seed")
    return Organisation.objects.get(slug="northfield")


def _open(page: Page, path: str) -> None:
    page.goto(page.context.app_url + path)  # type: ignore[attr-defined]


def _contributor_asks_for_a_payment_statement(page: Page, northfield: Organisation) -> None:
    sign_in_as(page, CONTRIBUTOR)
    visit(page, "/me/letters/new", name="admin-letter-request")
    choice = page.get_by_label(northfield.name, exact=True)
    if choice.count():
        choice.check()
    page.get_by_label("Payment statement").check()
    today = timezone.localdate()
    page.get_by_label("From", exact=True).fill((today - timedelta(days=30)).isoformat())
    page.get_by_label("To", exact=True).fill(today.isoformat())
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Ask for the letter").click()
    expect(page.get_by_text(f"We have sent your request to {northfield.name}")).to_be_visible()
    check_page(page, "admin-letter-waiting-for-contributor")
    page.context.clear_cookies()


def test_the_admin_issues_the_letter_a_contributor_asked_for(
    page: Page, northfield: Organisation
) -> None:
    _contributor_asks_for_a_payment_statement(page, northfield)
    letter = Letter.objects.get(kind=LetterKind.PAYMENT_STATEMENT, contributor__email=CONTRIBUTOR)
    assert letter.is_waiting_for_issue

    sign_in_as(page, ADMIN)
    _open(page, f"/organisations/{northfield.pk}/letters?status=requested")
    expect(page).to_have_title(title("Letters"))
    waiting = page.get_by_role("table", name="Waiting to be issued")
    expect(waiting).to_contain_text("Payment statement")
    check_page(page, "admin-letters-waiting")
    waiting.get_by_role("link", name=re.compile("^Payment statement")).click()

    expect(page.get_by_role("button", name="Issue the letter")).to_be_visible()
    check_page(page, "admin-letter-check")
    page.get_by_role("button", name="Issue the letter").click()
    expect(page.get_by_role("link", name="Download the letter (PDF)")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Letter issued.")).to_be_visible()
    check_page(page, "admin-letter-issued")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the letter (PDF)").click()
    assert download.value.suggested_filename == f"{letter.reference}.pdf"
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED
    assert letter.approved_by is not None and letter.approved_by.email == ADMIN

    _open(page, f"/organisations/{northfield.pk}/letters")
    expect(page.get_by_role("table", name="All letters")).to_contain_text("Withdrawn")
    check_page(page, "admin-letters-all")


def test_the_admin_changes_a_members_role(page: Page, northfield: Organisation) -> None:
    coordinator = Membership.objects.select_related("user").get(
        organisation=northfield, user__email="coordinator@northfield.demo.test"
    )
    name = coordinator.user.full_name
    sign_in_as(page, ADMIN)
    _open(page, f"/organisations/{northfield.pk}/members")
    members = page.get_by_role("table", name="Members")
    expect(members).to_contain_text(name)
    check_page(page, "admin-members")

    page.get_by_label(f"Role for {name}").select_option("finance")
    page.get_by_role("button", name=f"Change role for {name}").click()

    expect(page.get_by_text(f"{name} is now finance officer.")).to_be_visible()
    check_page(page, "admin-member-role-changed")
    coordinator.refresh_from_db()
    assert coordinator.role == Role.FINANCE
    # An admin cannot make owners: the choice is not offered.
    expect(page.get_by_label(f"Role for {name}").locator("option[value=owner]")).to_have_count(0)

    visit(page, f"/organisations/{northfield.pk}/members/invite", name="admin-invite")
    page.get_by_label("E-mail address").fill("new.helper@northfield.demo.test")
    page.get_by_label("Viewer").check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent to new.helper@northfield.demo.test.")).to_be_visible()
    expect(page.get_by_role("table", name="Invitations waiting for an answer")).to_contain_text(
        "new.helper@northfield.demo.test"
    )
    check_page(page, "admin-invited")


def test_the_admin_edits_the_letterhead_and_opens_a_preview(
    page: Page, northfield: Organisation
) -> None:
    sign_in_as(page, ADMIN)
    visit(page, f"/organisations/{northfield.pk}/settings", name="admin-settings")
    page.get_by_role("link", name="Letterhead and signatory").click()
    expect(page.get_by_label("Name of the person who signs letters")).to_be_visible()
    check_page(page, "admin-letterhead")

    page.get_by_label("Letterhead colour").fill("#ffee99")
    page.get_by_role("button", name="Preview a letter").click()
    expect(page.get_by_role("link", name=re.compile("too light|darker"))).to_be_visible()
    check_page(page, "admin-letterhead-error")

    page.get_by_label("Letterhead colour").fill("#0b3d2e")
    page.get_by_label("Name of the person who signs letters").fill("Robin Draft")
    page.get_by_role("button", name="Preview a letter").click()
    preview = page.get_by_role("link", name="Open the preview (PDF)")
    expect(preview).to_be_visible(timeout=60_000)
    check_page(page, "admin-letterhead-preview")
    with page.expect_download() as download:
        preview.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    northfield.refresh_from_db()
    assert northfield.signatory_name != "Robin Draft"  # a preview saves nothing

    page.get_by_role("button", name="Save the letterhead").click()
    expect(page.get_by_text("The letterhead is saved.")).to_be_visible()
    check_page(page, "admin-letterhead-saved")
    northfield.refresh_from_db()
    assert (northfield.signatory_name, northfield.letterhead_colour) == ("Robin Draft", "#0b3d2e")

    for area, heading in (("organisation", "Organisation details"), ("rate-card", "Rate card")):
        _open(page, f"/organisations/{northfield.pk}/settings/{area}")
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        expect(page.get_by_role("button").first).to_be_visible()
        check_page(page, f"admin-settings-{area}")
