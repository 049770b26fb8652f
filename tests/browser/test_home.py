from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page


def test_home_page_explains_coproduce_and_passes_axe(page: Page, live_server) -> None:
    page.goto(live_server.url + "/")

    assert page.locator("h1").inner_text().startswith("Get paid for involvement work")
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]})
    assert results.violations_count == 0, results.generate_report()


def test_home_page_can_be_used_by_keyboard(page: Page, live_server) -> None:
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").is_visible()
