"""The contributor portal, through its pages, as the demo contributors (demo_seed)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.visit import check_page, title, visit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_data() -> None:
    call_command("demo_seed")


def sign_in_as(page: Page, email: str) -> None:
    visit(page, "/sign-in", name="portal-sign-in")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your dashboard")).to_be_visible()


def test_the_dashboard_shows_limits_as_a_chart_and_a_table_alerts_and_sessions(
    page: Page, demo_data: None
) -> None:
    sign_in_as(page, "esa@contributors.demo.test")

    visit(page, "/me/", name="portal-dashboard")

    expect(page).to_have_title(title("Your dashboard"))
    expect(page.get_by_role("heading", name="Your limits now")).to_be_visible()
    chart = page.get_by_role("img").first
    expect(chart).to_have_attribute("aria-label", re.compile("against a limit of £"))
    expect(page.get_by_role("table", name="The same figures as a table")).to_be_visible()
    expect(page.get_by_role("heading", name="Alerts")).to_be_visible()
    expect(page.get_by_role("heading", name="What needs doing")).to_be_visible()
    expect(page.get_by_role("heading", name="Upcoming sessions")).to_be_visible()


def test_earnings_for_another_date_show_that_dates_periods_and_payments(
    page: Page, demo_data: None
) -> None:
    sign_in_as(page, "esa@contributors.demo.test")
    visit(page, "/me/earnings", name="portal-earnings")
    expect(page).to_have_title(title("Your earnings"))

    page.get_by_label("Show the periods that include this date").fill("2026-04-06")
    page.get_by_role("button", name="Show").click()

    expect(page.get_by_role("heading", name="Your limits on 6 April 2026")).to_be_visible()
    expect(page).to_have_url(re.compile("on=2026-04-06"))
    check_page(page, "portal-earnings-on-a-date")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your payments (CSV)").click()
    assert download.value.suggested_filename == "coproduce-payments.csv"


def test_a_weekly_cap_is_checked_then_saved_on_how_im_paid(page: Page, demo_data: None) -> None:
    sign_in_as(page, "uc@contributors.demo.test")
    visit(page, "/me/payment-choice", name="portal-payment-choice")
    expect(page).to_have_title(title("How you are paid"))

    default = page.locator("section[aria-labelledby=default-heading]")
    default.get_by_label("Pay me up to a limit in each period").check()
    default.get_by_label("If you chose a limit: the most you want to be paid").fill("20")
    default.get_by_label("Each benefit week").check()
    default.get_by_role("button", name="Continue").click()

    expect(page.get_by_text("Up to £20.00 each benefit week").first).to_be_visible()
    check_page(page, "portal-payment-choice-check")
    page.get_by_role("button", name="Save this choice").click()

    saved = 'your default choice is now "Up to £20.00 each benefit week"'
    expect(page.get_by_text(saved)).to_be_visible()
    check_page(page, "portal-payment-choice-saved")


def test_a_cap_without_an_amount_is_shown_next_to_the_field_and_in_the_summary(
    page: Page, demo_data: None
) -> None:
    sign_in_as(page, "uc@contributors.demo.test")
    visit(page, "/me/payment-choice", name="portal-payment-choice")
    default = page.locator("section[aria-labelledby=default-heading]")
    default.get_by_label("Pay me up to a limit in each period").check()
    default.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save this choice").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(page.locator(".govuk-error-message").first).to_be_visible()
    check_page(page, "portal-payment-choice-error")


def test_my_benefits_are_saved_whole_and_say_who_can_see_them(page: Page, demo_data: None) -> None:
    sign_in_as(page, "carer@contributors.demo.test")
    visit(page, "/me/benefits", name="portal-benefits")
    expect(page).to_have_title(title("Your benefits"))
    expect(page.get_by_text("Only you can see these answers.")).to_be_visible()

    page.get_by_label("Employment and Support Allowance (ESA)").check()
    page.get_by_role("button", name="Save your answers").click()

    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    check_page(page, "portal-benefits-saved")
    page.reload()
    expect(page.get_by_label("Employment and Support Allowance (ESA)")).to_be_checked()


def test_roles_list_applications_engagements_and_sessions_with_calendar_files(
    page: Page, demo_data: None
) -> None:
    sign_in_as(page, "esa@contributors.demo.test")
    visit(page, "/me/roles", name="portal-roles")
    expect(page).to_have_title(title("Your roles"))
    expect(page.get_by_role("heading", name="Roles you are taking part in")).to_be_visible()

    calendar = page.get_by_role("button", name="Add to calendar").first
    if calendar.count():
        with page.expect_download() as download:
            calendar.click()
        assert download.value.suggested_filename.endswith(".ics")
