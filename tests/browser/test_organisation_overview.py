"""An organisation member signs in and lands on their organisation's overview."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Page, expect

from organisations.models import Organisation
from tests.browser.visit import check_page, sign_in_as, title, visit

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_COORDINATOR = "coordinator@northfield.demo.test"


@pytest.fixture
def demo_data() -> None:
    call_command("demo_seed")


def test_a_coordinator_signs_in_to_their_organisations_overview(
    page: Page, demo_data: None
) -> None:
    northfield = Organisation.objects.get(name__startswith="Northfield")
    visit(page, "/sign-in")
    page.get_by_label("E-mail address").fill(DEMO_COORDINATOR)
    page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(f"**/organisations/{northfield.pk}/")
    expect(page).to_have_title(title(f"Overview: {northfield.name}"))
    expect(page.get_by_role("table", name="Spend")).to_be_visible()
    expect(page.get_by_text("Fees waiting for approval")).to_be_visible()
    expect(
        page.get_by_role("table", name="Next sessions").or_(
            page.get_by_text("No sessions are booked.")
        )
    ).to_be_visible()
    check_page(page, "organisation-overview")


def test_an_organisation_that_is_not_theirs_is_not_found(page: Page, demo_data: None) -> None:
    southdown = Organisation.objects.get(name__startswith="Southdown")
    visit(page, "/sign-in")
    page.get_by_label("E-mail address").fill(DEMO_COORDINATOR)
    page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/organisations/*/")

    page.goto(page.url.split("/organisations/")[0] + f"/organisations/{southdown.pk}/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()


def test_a_finance_officer_gives_their_second_factor_and_sees_the_finance_areas(
    page: Page, demo_data: None
) -> None:
    northfield = Organisation.objects.get(name__startswith="Northfield")
    sign_in_as(page, "finance@northfield.demo.test")

    page.wait_for_url(f"**/organisations/{northfield.pk}/")
    menu = page.get_by_role("navigation", name=northfield.name)
    for area in ("Overview", "Payments", "Expense claims", "Payment runs"):
        expect(menu.get_by_role("link", name=area, exact=True)).to_be_visible()
    expect(menu.get_by_role("link", name="Roles", exact=True)).to_have_count(0)
    expect(page.get_by_text("You are a finance officer here.")).to_be_visible()
    expect(page.get_by_role("heading", name="What needs doing today")).to_be_visible()
    expect(page.get_by_role("heading", name="Contributors near or over a limit")).to_be_visible()
    check_page(page, "organisation-overview-finance")
