"""A contributor enters their bank details in the portal; finance sets the codes for exports."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from organisations.models import Organisation
from payments.models import BankDetails, ExportSettings
from tests.browser.visit import check_page, sign_in_as, title, visit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_data() -> None:
    call_command("demo_seed")


def test_a_contributor_enters_their_bank_details_and_sees_them_saved(
    page: Page, demo_data: None
) -> None:
    sign_in_as(page, "esa@contributors.demo.test")
    visit(page, "/me/bank-details")
    expect(page).to_have_title(title("Your bank details"))

    page.get_by_label("Name on the account").fill("Sam Taylor")
    page.get_by_label("Sort code").fill("30 94 5")
    page.get_by_label("Account number").fill("00733445")
    page.get_by_role("button", name="Save bank details").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Sort code: Enter a sort code like 30 94 57")
    check_page(page, "bank-details-errors")

    page.get_by_label("Sort code").fill("30-94-57")
    page.get_by_role("button", name="Save bank details").click()

    expect(page.get_by_text("Your bank details have been saved.")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("30-94-57")
    check_page(page, "bank-details-saved")
    assert BankDetails.objects.filter(contributor__email="esa@contributors.demo.test").exists()


def test_finance_sets_the_codes_their_exports_use(page: Page, demo_data: None) -> None:
    northfield = Organisation.objects.get(name__startswith="Northfield")
    sign_in_as(page, "finance@northfield.demo.test")
    visit(page, f"/organisations/{northfield.pk}/settings/exports")
    expect(page).to_have_title(title("Codes for finance exports"))

    page.get_by_label("Fees").fill("5010")
    page.get_by_label("Mileage").fill("5020")
    page.get_by_label("Bank statement reference (optional)").fill("NORTH £")
    page.get_by_role("button", name="Save export codes").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_page(page, "export-codes-errors")

    page.get_by_label("Bank statement reference (optional)").fill("NORTHFIELD")
    page.get_by_role("button", name="Save export codes").click()

    expect(page.get_by_text("The export codes have been saved.")).to_be_visible()
    check_page(page, "export-codes-saved")
    codes = ExportSettings.objects.get(organisation=northfield)
    assert (codes.fee_nominal_code, codes.mileage_nominal_code) == ("5010", "5020")
