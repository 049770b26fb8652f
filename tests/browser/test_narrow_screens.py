"""Every page fits a 320-pixel-wide screen (WCAG 2.2 reflow): nothing makes the page scroll
sideways. Tables too wide for the screen scroll inside their own labelled region instead."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Page, expect

from opportunities.models import Opportunity

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC = [
    "/",
    "/opportunities",
    "/opportunities/{role}",
    "/about/payments",
    "/sign-in",
    "/register",
]
PORTAL = [
    "/me/",
    "/me/earnings",
    "/me/payment-choice",
    "/me/bank-details",
    "/me/benefits",
    "/me/roles",
    "/me/expenses",
    "/me/expenses/new",
    "/me/letters",
    "/me/letters/new",
    "/me/account",
    "/me/notifications",
    "/me/notification-settings",
]


def _fits(page: Page, path: str) -> None:
    page.goto(page.context.app_url + path)  # type: ignore[attr-defined]
    expect(page.locator("h1")).to_be_visible()
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{path} is {width} pixels wide at 320"


def test_every_page_fits_a_320_pixel_screen(page: Page) -> None:
    call_command("demo_seed")
    role = Opportunity.objects.filter(status="published").order_by("pk").first()
    assert role is not None
    page.set_viewport_size({"width": 320, "height": 640})

    for path in PUBLIC:
        _fits(page, path.replace("{role}", str(role.pk)))

    page.goto(page.context.app_url + "/sign-in")  # type: ignore[attr-defined]
    page.get_by_label("E-mail address").fill("esa@contributors.demo.test")
    page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/me/")
    for path in PORTAL:
        _fits(page, path)


def test_the_menu_opens_by_keyboard_on_a_small_screen(page: Page) -> None:
    call_command("demo_seed")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.context.app_url + "/sign-in")  # type: ignore[attr-defined]
    page.get_by_label("E-mail address").fill("esa@contributors.demo.test")
    page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url("**/me/")
    page.goto(page.context.app_url + "/me/")  # type: ignore[attr-defined]  # focus starts at the top
    expect(page.locator("h1")).to_be_visible()

    menu = page.get_by_role("button", name="Menu")
    expect(page.get_by_role("link", name="Letters", exact=True)).to_be_hidden()
    for _ in range(10):  # skip link, service name, then the Menu button
        page.keyboard.press("Tab")
        if menu.evaluate("button => button === document.activeElement"):
            break
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Dashboard", exact=True)).to_be_focused()
    page.get_by_role("link", name="Letters", exact=True).press("Enter")
    page.wait_for_url("**/me/letters")
    expect(menu).to_have_attribute("aria-expanded", "false")
