"""`visit(page, path)`: open a page of the running app, check it with axe (any violation of any
impact fails the test) at desktop and phone widths, and keep screenshots of both."""

from __future__ import annotations

import os
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SCREENSHOTS = Path(settings.ROOT_DIR) / "var" / "screenshots"
# Screenshots are for people looking at the pages; CI only needs axe (SCREENSHOTS=1 keeps them).
KEEP_SCREENSHOTS = os.environ.get("SCREENSHOTS", "0" if os.environ.get("CI") else "1") == "1"


def check_page(page: Page, name: str) -> None:
    """The page as it is now: axe at both widths and a screenshot of each."""
    page.wait_for_selector("h1")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        results = Axe().run(page)
        if KEEP_SCREENSHOTS:
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        report = results.generate_report()
        assert results.violations_count == 0, f"{name} at {label} width:\n{report}"
    page.set_viewport_size({"width": WIDTHS["desktop"][0], "height": WIDTHS["desktop"][1]})


def title(page_name: str) -> str:
    """The document title the app gives a page: "<page> \N{EN DASH} Coproduce"."""
    return f"{page_name} \N{EN DASH} Coproduce"


def screenshot_name(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def visit(page: Page, path: str, *, name: str | None = None) -> Page:
    """Go to `path` on the live server (see the `app_url` fixture) and check the page."""
    base = page.context.app_url  # type: ignore[attr-defined]
    page.goto(base + path)
    check_page(page, name or screenshot_name(path))
    return page


def sign_in_as(page: Page, email: str, password: str | None = None) -> None:
    """Sign in through the sign-in page as a demo account, giving the demo second factor when
    the account has one (owners, admins and finance officers), and wait to leave sign-in."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.demo import demo_two_factor_code

    base = page.context.app_url  # type: ignore[attr-defined]
    page.goto(base + "/sign-in")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password or settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in" not in url or "/sign-in/code" in url)
    if "/sign-in/code" in page.url:
        # A code is accepted once: let this account use the current one again in the same test.
        TOTPDevice.objects.filter(user__email=email).update(last_t=-1)
        page.get_by_label("Code").fill(demo_two_factor_code())
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(lambda url: "/sign-in" not in url)
