"""The contributor's expenses, letters, account, notification settings and notifications pages,
through the built app, signed in as a demo contributor."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import Page, expect

from accounts.models import User
from letters.models import Letter, LetterStatus
from letters.services import letter_issue
from notifications.models import NotificationPreference
from organisations.models import Membership, Role
from payments.models import ExpenseClaim
from periods import uk_today
from tests.browser.visit import check_page, title, visit

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_CONTRIBUTOR = "esa@contributors.demo.test"


@pytest.fixture
def signed_in(page: Page) -> Page:
    call_command("demo_seed")
    page.goto(page.context.app_url + "/sign-in")  # type: ignore[attr-defined]
    page.get_by_label("E-mail address").fill(DEMO_CONTRIBUTOR)
    page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/me/")
    return page


def test_a_contributor_asks_for_a_letter_checks_their_answers_watches_it_and_downloads_it(
    signed_in: Page,
) -> None:
    page = signed_in
    visit(page, "/me/letters")
    expect(page).to_have_title(title("Your letters"))
    page.get_by_role("link", name="Ask for a letter").click()
    expect(page).to_have_title(title("Ask for a letter"))

    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Choose the kind of letter you need.")
    expect(page).to_have_title(title("Error: Ask for a letter"))
    check_page(page, "letter-request-errors")

    organisations = page.get_by_role("group", name="Which organisation is the letter from?")
    organisations.get_by_role("radio").first.check()
    page.get_by_label("Letter for benefits advisors").check()
    end = uk_today() - timedelta(days=1)
    page.get_by_label("From").fill((end - timedelta(days=27)).isoformat())
    page.get_by_label("To").fill(end.isoformat())
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_title(title("Check your answers before asking for the letter"))
    check_page(page, "letter-request-check")
    page.get_by_role("button", name="Ask for the letter").click()

    page.wait_for_url("**/me/letters/*")
    # The organisation signs the letter, so it waits for one of its admins to issue it.
    expect(page.get_by_role("status")).to_contain_text("We have sent your request to")
    letter = Letter.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[-1]))
    assert letter.contributor.email == DEMO_CONTRIBUTOR
    assert letter.is_waiting_for_issue
    check_page(page, "letter-waiting")
    admin = Membership.objects.get(organisation=letter.organisation, role=Role.ADMIN).user
    letter_issue(by=admin, letter=letter)

    page.reload()
    expect(page.get_by_role("status")).to_contain_text("Your letter is ready to download.")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED
    check_page(page, "letter")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the letter (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    visit(page, f"/letters/{letter.pk}/", name="letter-from-email")
    expect(page.get_by_text(letter.reference).first).to_be_visible()
    visit(page, "/me/letters", name="letters-with-one")
    expect(page.get_by_text(letter.reference)).to_be_visible()


def test_a_contributor_claims_an_expense_with_a_receipt_photo(
    signed_in: Page, tmp_path: Path
) -> None:
    page = signed_in
    visit(page, "/me/expenses")
    expect(page).to_have_title(title("Your expenses"))
    page.get_by_role("link", name="Claim expenses").click()
    expect(page).to_have_title(title("Claim expenses"))

    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a receipt")
    page.get_by_label("Receipt").set_input_files(str(wrong))
    page.get_by_role("button", name="Send claim").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose a photo (JPEG, PNG or HEIC) or a PDF"
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what you spent the money on.")
    check_page(page, "expense-claim-errors")

    photo = tmp_path / "bus-ticket.png"
    Image.new("RGB", (40, 20), "white").save(photo)
    page.get_by_role("group", name="Which organisation are you claiming from?").get_by_role(
        "radio"
    ).first.check()
    page.get_by_label("What it was for").fill("Bus fare to the meeting")
    page.get_by_label("Date").fill(uk_today().isoformat())
    page.get_by_label("Amount in pounds").fill("4.50")
    page.get_by_label("Receipt").set_input_files(str(photo))
    page.get_by_role("button", name="Send claim").click()

    expect(page.get_by_role("heading", name="Claim sent")).to_be_visible()
    check_page(page, "expense-claim-sent")
    claim = ExpenseClaim.objects.filter(contributor__email=DEMO_CONTRIBUTOR).latest("pk")
    item = claim.items.get()
    assert item.description == "Bus fare to the meeting"
    assert str(item.amount) == "4.50"
    assert item.receipt.content_type == "image/png"
    page.get_by_role("link", name="See your expenses").click()
    expect(page.get_by_text("Waiting for a decision").first).to_be_visible()
    check_page(page, "expenses-with-claim")


def test_a_contributor_saves_their_address_and_turns_off_letter_emails(signed_in: Page) -> None:
    page = signed_in
    visit(page, "/me/account")
    expect(page).to_have_title(title("Your account"))
    page.get_by_label("Postcode").fill("NW1 2AB")
    page.get_by_role("button", name="Save your details").click()
    expect(page.get_by_text("Your details have been saved.")).to_be_visible()
    user = User.objects.get(email=DEMO_CONTRIBUTOR)
    user.contributor_profile.refresh_from_db()
    assert user.contributor_profile.postcode == "NW1 2AB"

    page.get_by_role("link", name="Notification settings").click()
    expect(page).to_have_title(title("Notification settings"))
    page.get_by_label("When a letter you asked for is ready").uncheck()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your settings have been saved.")).to_be_visible()
    check_page(page, "notification-settings")
    preference = NotificationPreference.objects.get(user=user)
    assert preference.email_muted_kinds == ["letter_issued"]
    assert preference.wants_email("threshold_alert")

    visit(page, "/me/notifications")
    expect(page).to_have_title(title("Your notifications"))
    visit(page, "/me/account/export")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data (zip file)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"PK")


def test_deleting_an_account_needs_the_confirmation_and_the_password(signed_in: Page) -> None:
    page = signed_in
    visit(page, "/me/account/delete")
    expect(page).to_have_title(title("Delete your account"))
    page.get_by_role("button", name="Delete my account").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Tick the box")
    expect(summary).to_contain_text("Enter your password.")
    check_page(page, "delete-account-errors")

    page.get_by_label("I understand my account will be deleted").check()
    page.get_by_label("Your password").fill("not the password")
    page.get_by_role("button", name="Delete my account").click()
    expect(summary).to_be_visible()
    assert User.objects.filter(email=DEMO_CONTRIBUTOR).exists()

    page.get_by_label("Your password").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Your account has been deleted")).to_be_visible()
    check_page(page, "account-deleted")
    assert not User.objects.filter(email=DEMO_CONTRIBUTOR, is_active=True).exists()
