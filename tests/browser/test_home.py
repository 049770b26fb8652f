from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.visit import title, visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_explains_coproduce_and_links_to_sign_in_and_letter_checking(page: Page) -> None:
    visit(page, "/")

    expect(page.locator("h1")).to_have_text(
        "Get paid for involvement work without putting your benefits at risk"
    )
    expect(page).to_have_title(title("Get paid for involvement work"))
    letter_check = page.get_by_role("link", name="check it is genuine")
    expect(letter_check).to_have_attribute("href", "/verify/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_home_page_can_be_used_by_keyboard(page: Page) -> None:
    visit(page, "/")

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    assert page.locator(".govuk-skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_an_unknown_page_of_the_app_says_it_was_not_found(page: Page) -> None:
    visit(page, "/opportunities/nothing/here", name="not-found")

    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page).to_have_title(title("Page not found"))
