"""A finance officer decides an expense claim item by item and sets a tax year's mileage rate,
through the pages (axe on every page and step)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accounts.models import User
from organisations.models import Organisation
from payments.models import ExpenseClaim, ExpenseItem, MileageRate
from periods import uk_today
from tests.browser.visit import check_page, sign_in_as, title, visit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def claim() -> ExpenseClaim:
    """The demo, and a claim from Sam to Northfield with two items still to decide."""
    call_command("demo_seed")
    northfield = Organisation.objects.get(name__startswith="Northfield")
    sam = User.objects.get(email="uc@contributors.demo.test")
    claim = ExpenseClaim.objects.create(organisation=northfield, contributor=sam, note="Fares")
    for description, amount in (("Train to the meeting", "12.40"), ("Lunch", "6.00")):
        ExpenseItem.objects.create(
            claim=claim,
            category="travel" if description.startswith("Train") else "meals",
            description=description,
            spent_on=uk_today(),
            amount=Decimal(amount),
        )
    return claim


def test_finance_decides_each_item_and_sets_a_mileage_rate(page: Page, claim: ExpenseClaim) -> None:
    base = f"/organisations/{claim.organisation_id}"
    sign_in_as(page, "finance@northfield.demo.test")

    visit(page, f"{base}/expense-claims", name="finance-expense-claims")
    expect(page).to_have_title(title("Expense claims"))
    page.get_by_role("link", name=f"{claim.contributor.full_name},").first.click()
    page.wait_for_url(f"**{base}/expense-claims/{claim.pk}")
    check_page(page, "finance-expense-claim")

    train = page.get_by_role("group", name="Your decision on Train to the meeting")
    train.get_by_label("Approve", exact=True).check()
    train.locator("xpath=ancestor::form").get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your decision")).to_be_visible()
    check_page(page, "finance-expense-item-check")
    page.get_by_role("button", name="Approve item").click()
    expect(page.get_by_text("Train to the meeting: approved.")).to_be_visible()
    check_page(page, "finance-expense-item-approved")

    lunch = page.get_by_role("group", name="Your decision on Lunch")
    lunch.get_by_label("Do not approve").check()
    form = lunch.locator("xpath=ancestor::form")
    form.get_by_role("button", name="Continue").click()
    expect(form.locator(".govuk-error-summary")).to_be_visible()
    check_page(page, "finance-expense-item-reason-missing")
    form.get_by_label("Why is it not approved?").fill("Lunch is not covered for this role.")
    form.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Do not approve item").click()
    expect(page.get_by_text("Lunch: not approved.")).to_be_visible()

    items = {item.description: item for item in claim.items.all()}
    assert items["Train to the meeting"].status == "approved"
    assert items["Lunch"].status == "rejected"
    assert items["Lunch"].decision_reason == "Lunch is not covered for this role."

    visit(page, f"{base}/settings", name="finance-settings-hub")
    page.get_by_role("link", name="Mileage and budgets").click()
    page.wait_for_url(f"**{base}/settings/finance")
    expect(page).to_have_title(title("Finance settings"))
    check_page(page, "finance-settings")
    page.get_by_label("Rate a mile, in pounds").fill("0.50")
    page.get_by_role("button", name="Save rate").click()
    expect(page.get_by_role("table").first).to_contain_text("£0.50")
    check_page(page, "finance-settings-rate-saved")
    today = uk_today()
    tax_year = today.year if (today.month, today.day) >= (4, 6) else today.year - 1
    saved = MileageRate.objects.get(organisation_id=claim.organisation_id, tax_year=tax_year)
    assert saved.rate == Decimal("0.50")
