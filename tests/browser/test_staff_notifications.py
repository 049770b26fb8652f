"""An organisation member reads their notifications from the menu and chooses their e-mails."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accounts.models import User
from notifications.models import NotificationPreference
from organisations.models import Organisation
from payments.notices import finance_digests_send
from tests.browser.visit import check_page, sign_in_as, title

pytestmark = pytest.mark.django_db(transaction=True)

FINANCE = "finance@northfield.demo.test"


def test_a_finance_officer_reads_the_digest_and_turns_its_email_off(page: Page) -> None:
    call_command("demo_seed")
    northfield = Organisation.objects.get(name__startswith="Northfield")
    assert finance_digests_send() > 0  # the demo data has fees waiting for approval
    sign_in_as(page, FINANCE)

    page.get_by_role("link", name="Notifications (1 not read)").click()
    expect(page).to_have_title(title("Your notifications"))
    digest_link = page.get_by_role("link", name=f"Waiting for finance at {northfield.name}")
    expect(digest_link).to_be_visible()
    check_page(page, "staff-notifications")

    page.get_by_role("link", name="Change which e-mails you get").click()
    expect(page).to_have_title(title("Notification settings"))
    digest = page.get_by_label("Once a day, what is waiting for finance")
    expect(digest).to_be_checked()
    expect(page.get_by_label("When a fee for your work is approved")).to_have_count(0)
    digest.uncheck()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your settings have been saved.")).to_be_visible()
    check_page(page, "staff-notification-settings")

    preference = NotificationPreference.objects.get(user=User.objects.get(email=FINANCE))
    assert preference.email_muted_kinds == ["finance_digest"]
