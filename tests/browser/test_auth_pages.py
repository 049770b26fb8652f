from __future__ import annotations

import contextlib
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from accounts.models import AccountType, User
from tests.browser.visit import check_page, title, visit

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_CONTRIBUTOR = "esa@contributors.demo.test"


@pytest.fixture
def demo_data() -> None:
    call_command("demo_seed")


def sign_in(page: Page, email: str, password: str) -> None:
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_demo_contributor_signs_in_lands_on_their_dashboard_and_signs_out(
    page: Page, demo_data: None
) -> None:
    visit(page, "/sign-in")
    expect(page).to_have_title(title("Sign in"))

    sign_in(page, DEMO_CONTRIBUTOR, settings.DEMO_PASSWORD)

    page.wait_for_url("**/me/")
    expect(page.get_by_role("heading", name="Your dashboard")).to_be_visible()
    expect(page).to_have_title(title("Your dashboard"))
    check_page(page, "dashboard")
    page.get_by_role("link", name="Sign out").click()
    expect(page.get_by_role("heading", name="You have signed out")).to_be_visible()
    check_page(page, "signed-out")
    page.goto(page.context.app_url + "/me/")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_a_wrong_password_is_shown_in_the_error_summary_which_takes_focus(
    page: Page, demo_data: None
) -> None:
    visit(page, "/sign-in")

    sign_in(page, DEMO_CONTRIBUTOR, "not the password")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The e-mail address or password is not right.")
    expect(summary).to_be_focused()
    expect(page).to_have_title(title("Error: Sign in"))
    check_page(page, "sign-in-error")


def test_signing_in_from_a_page_that_needs_it_comes_back_to_that_page(
    page: Page, demo_data: None
) -> None:
    visit(page, "/me/")  # not signed in: sent to sign in

    sign_in(page, DEMO_CONTRIBUTOR, settings.DEMO_PASSWORD)

    page.wait_for_url("**/me/")
    expect(page.get_by_role("heading", name="Your dashboard")).to_be_visible()


def test_a_new_contributor_registers_and_can_use_their_account(page: Page) -> None:
    visit(page, "/register")

    page.get_by_label("Your name").fill("Robin Ellis")
    page.get_by_label("E-mail address").fill("robin@example.org")
    page.get_by_label("Password").fill("a long and private passphrase")
    page.get_by_label("Me: I take part in involvement work").check()
    page.get_by_role("button", name="Create account").click()

    # Today the account is made and signed in; once registration answers "check your e-mail"
    # for every address, the page says so instead.
    heading = page.get_by_role("heading", name="Your dashboard").or_(
        page.get_by_role("heading", name="Check your e-mail")
    )
    expect(heading).to_be_visible()
    check_page(page, "registered")
    user = User.objects.get(email="robin@example.org")
    assert user.account_type == AccountType.CONTRIBUTOR


def test_registration_errors_are_next_to_each_field_and_in_the_summary(page: Page) -> None:
    visit(page, "/register")

    page.get_by_label("E-mail address").fill("not an address")
    page.get_by_role("button", name="Create account").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(page.locator("#email-error")).to_be_visible()
    expect(page.locator("#full_name-error")).to_be_visible()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") in {"full_name", "email"}
    check_page(page, "register-errors")


def test_a_session_that_ends_sends_the_person_to_the_session_ended_page(
    page: Page, demo_data: None
) -> None:
    visit(page, "/sign-in")
    sign_in(page, DEMO_CONTRIBUTOR, settings.DEMO_PASSWORD)
    page.wait_for_url("**/me/")
    page.wait_for_load_state("networkidle")  # the dashboard's own calls have all answered

    page.context.clear_cookies()  # as when the session runs out
    # Whatever asks the API next meets the ended session: the sign-out link, or one of the
    # dashboard's own refreshes, which may move the page on before the link can be clicked.
    with contextlib.suppress(PlaywrightError):
        page.get_by_role("link", name="Sign out").click(timeout=5_000)

    # Signing out meets the ended session, asks for a fresh CSRF token and tries again: allow for
    # a busy machine.
    ended = page.get_by_role("heading", name="Your session has ended")
    expect(ended).to_be_visible(timeout=20_000)
    check_page(page, "session-ended")


def test_a_session_that_ends_on_a_portal_page_says_so_and_signs_back_in_to_that_page(
    page: Page, demo_data: None
) -> None:
    visit(page, "/sign-in")
    sign_in(page, DEMO_CONTRIBUTOR, settings.DEMO_PASSWORD)
    page.wait_for_url("**/me/")
    page.wait_for_load_state("networkidle")

    page.context.clear_cookies()  # as when the session runs out
    # Moving to another portal page asks the API for its data and meets the ended session while
    # a page that needs someone signed in is still showing (the dashboard's own refreshes may
    # meet it first and move the page on before the link is clicked).
    with contextlib.suppress(PlaywrightError):
        page.locator('a[href="/me/earnings"]').first.click(timeout=5_000)

    expect(page.get_by_role("heading", name="Your session has ended")).to_be_visible(timeout=20_000)
    next_page = parse_qs(urlparse(page.url).query)["next"][0]
    assert next_page in {"/me/", "/me/earnings"}
    page.get_by_role("link", name="Sign in again").click()
    sign_in(page, DEMO_CONTRIBUTOR, settings.DEMO_PASSWORD)
    page.wait_for_url(f"**{next_page}")
