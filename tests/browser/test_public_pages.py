from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Page, expect

from opportunities.models import Application, Opportunity
from tests.browser.visit import check_page, title, visit

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_UC = "uc@contributors.demo.test"


@pytest.fixture
def demo_data() -> None:
    call_command("demo_seed")


def test_home_page_links_to_role_search_and_payments_and_benefits(page: Page) -> None:
    visit(page, "/")

    page.get_by_role("link", name="How payments can affect benefits").click()
    expect(page).to_have_title(title("Payments and benefits"))
    page.go_back()
    page.get_by_role("button", name="Find a role").click()
    expect(page).to_have_title(title("Find involvement roles"))


def test_role_search_filters_live_in_the_address_and_show_pay_and_closing_date(
    page: Page, demo_data: None
) -> None:
    visit(page, "/opportunities")

    results = page.get_by_role("heading", name="3 roles found")
    expect(results).to_be_visible()
    page.get_by_label("Interview panel").check()
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Show roles").click()

    page.wait_for_url("**/opportunities?type=interview_panel&where=in-person")
    expect(page.get_by_role("heading", name="1 role found")).to_be_visible()
    result = page.get_by_role("link", name="Interview panel for a peer support worker")
    expect(result).to_be_visible()
    expect(page.get_by_text("£60.00 a half day (up to 4 hours)")).to_be_visible()
    expect(page.get_by_text("Apply by")).to_be_visible()
    check_page(page, "role-search-filtered")
    page.go_back()
    expect(page.get_by_role("heading", name="3 roles found")).to_be_visible()
    expect(page.get_by_label("Interview panel")).not_to_be_checked()


def test_a_search_with_no_results_says_what_to_try(page: Page, demo_data: None) -> None:
    visit(page, "/opportunities?place=Atlantis", name="role-search-empty")

    expect(page.get_by_role("heading", name="No roles match your search")).to_be_visible()
    expect(page.get_by_label("Town or city")).to_have_value("Atlantis")


def test_role_detail_shows_pay_expenses_sessions_and_adjustments(
    page: Page, demo_data: None
) -> None:
    role = Opportunity.objects.get(title="Peer co-researcher on a recovery study")
    visit(page, f"/opportunities/{role.pk}", name="role-detail")

    expect(page).to_have_title(title(role.title))
    expect(page.get_by_role("heading", name="Pay and expenses")).to_be_visible()
    expect(page.get_by_role("heading", name="Accessibility and adjustments")).to_be_visible()
    expect(page.get_by_role("table", name="Dates and times")).to_be_visible()
    expect(page.get_by_text("£150.00 a day (up to 8 hours)").first).to_be_visible()


def test_a_signed_out_visitor_signs_in_to_apply_checks_their_answers_and_sees_it_sent(
    page: Page, demo_data: None
) -> None:
    role = Opportunity.objects.get(title="Interview panel for a peer support worker")
    visit(page, f"/opportunities/{role.pk}")
    page.get_by_role("button", name="Apply for this role").click()

    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("E-mail address").fill(DEMO_UC)
    page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(f"**/opportunities/{role.pk}/apply")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page).to_have_title(title("Error: Apply for this role"))
    check_page(page, "apply-error")
    page.get_by_label("Why are you interested in this role?").fill(
        "I have used peer support myself and know what good looks like."
    )
    page.get_by_label("Are there any adjustments").fill("Papers a week before, please.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers before you apply")).to_be_visible()
    check_page(page, "apply-check")
    page.get_by_role("button", name="Send application").click()

    expect(page.get_by_role("heading", name="Application sent")).to_be_visible()
    check_page(page, "apply-sent")
    application = Application.objects.get(opportunity=role, contributor__email=DEMO_UC)
    assert application.adjustments_requested == "Papers a week before, please."


def test_payments_and_benefits_lists_each_limit_with_its_source_and_independent_advice(
    page: Page, demo_data: None
) -> None:
    visit(page, "/about/payments")

    expect(page.get_by_role("heading", name="The limits we keep track of")).to_be_visible()
    limits = page.locator(".app-limit")
    assert limits.count() > 0
    expect(limits.first.get_by_text("Where this comes from")).to_be_visible()
    for name in [
        "Citizens Advice",
        "Turn2us",
        "Disability Rights UK",
        "NIHR Benefits Advice Service for Involvement",
    ]:
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.get_by_text("We cannot tell you what you are entitled to")).to_be_visible()


def test_forgot_password_page_shows_an_error_next_to_the_field(page: Page) -> None:
    visit(page, "/password-reset")

    page.get_by_role("button", name="Send the link").click()

    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "password-reset-error")


def test_account_pages_open_from_their_links(page: Page) -> None:
    visit(page, "/reset-password/MQ/a-token")
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    visit(page, "/confirm-email/MQ/a-token")
    expect(page.get_by_role("heading", name="Confirm your e-mail address")).to_be_visible()
    visit(page, "/sign-in/code")
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
