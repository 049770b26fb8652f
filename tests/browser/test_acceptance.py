"""Issue 10's acceptance run, through pages only (the coordinator's and finance's steps use the
API until the organisation workspace lands), against the live server and a real worker.
Finance's two-factor set-up is taken as done by tests/conftest.py's autouse fixture.

A new contributor registers, finds a role in search and applies; sets ESA in "Your benefits" and
a £20 weekly cap in "How you are paid"; is accepted, attends and is paid; sees the reduced fee and
the worker's alert on the dashboard; requests a benefits-advisor letter, watches it render and
downloads it; the public checks it at /verify/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import Page, expect
from rest_framework.test import APIClient

from accounts.models import User
from letters.models import Letter
from opportunities.models import Application, Opportunity
from organisations.models import Membership, Role
from payments.models import Payment
from periods import uk_today
from tests.browser.visit import check_page, title, visit
from tests.workers import running_worker, wait_for
from thresholds.models import ThresholdAlert
from workers.celery import app

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

EMAIL = "sam.okafor@example.org"
PASSWORD = "a long and private passphrase"
ROLE = "Service user advisory group"


@contextmanager
def real_broker() -> Iterator[None]:
    """Tasks go through the broker to the worker process, as in `make run`."""
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        app.conf.task_always_eager = True


def as_member(organisation_id: int, role: str) -> APIClient:
    membership = Membership.objects.filter(organisation_id=organisation_id, role=role).first()
    assert membership is not None, f"the demo organisation needs a {role}"
    client = APIClient()
    client.force_authenticate(membership.user)
    return client


def register(page: Page) -> None:
    """Registration answers 202 and e-mails a confirm link; the test follows it. (A 201 that
    signs in at once would also pass.)"""
    visit(page, "/register")
    page.get_by_label("Your name").fill("Sam Okafor")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Me: I take part in involvement work").check()
    page.get_by_role("button", name="Create account").click()
    dashboard = page.get_by_role("heading", name="Your dashboard")
    expect(dashboard.or_(page.get_by_role("heading", name="Check your e-mail"))).to_be_visible()
    if dashboard.is_visible():
        return
    check_page(page, "acceptance-check-your-email")
    link = next(
        match.group(0)
        for message in mail.outbox
        if EMAIL in message.to
        for match in [re.search(r"/confirm-email/[^/\s]+/[^/\s]+/?", str(message.body))]
        if match
    )
    visit(page, link, name="acceptance-confirm-email")
    page.get_by_role("button", name="Confirm and sign in").click()
    expect(dashboard).to_be_visible()


def test_a_new_contributor_on_esa_is_paid_within_their_cap_and_gets_a_letter_anyone_can_check(
    page: Page,
) -> None:
    call_command("demo_seed")
    base = page.context.app_url  # type: ignore[attr-defined]
    # 1. Registers. Tasks run in this process here, so the e-mail lands in mail.outbox.
    register(page)
    with real_broker(), running_worker(queue="default"):
        # 2. Finds a role in search, and applies.
        visit(page, "/opportunities", name="acceptance-search")
        page.get_by_label("Advisory group").check()
        page.get_by_label("Online", exact=True).check()
        page.get_by_role("button", name="Show roles").click()
        page.get_by_role("link", name=ROLE).click()
        expect(page).to_have_title(title(ROLE))
        check_page(page, "acceptance-role")
        page.get_by_role("button", name="Apply for this role").click()
        page.get_by_label("Why are you interested in this role?").fill(
            "I have used these services and want them to feel safer for others."
        )
        page.get_by_role("button", name="Continue").click()
        check_page(page, "acceptance-check-answers")
        page.get_by_role("button", name="Send application").click()
        expect(page.get_by_role("heading", name="Application sent")).to_be_visible()
        check_page(page, "acceptance-application-sent")

        # 3. "Your benefits": ESA, at the lower permitted work limit (£20 a week).
        visit(page, "/me/benefits", name="acceptance-benefits")
        page.get_by_label("Employment and Support Allowance (ESA)").check()
        page.get_by_label("Lower limit (up to £20 a week)").check()
        page.get_by_role("button", name="Save your answers").click()
        expect(page.get_by_text("Your answers are saved.")).to_be_visible()
        check_page(page, "acceptance-benefits-saved")

        # 4. "How you are paid": a £20 weekly cap, with check your answer.
        visit(page, "/me/payment-choice", name="acceptance-payment-choice")
        page.get_by_label("Pay me up to a limit in each period").check()
        page.get_by_label(
            "If you chose a limit: the most you want to be paid in a period, in pounds"
        ).fill("20")
        page.get_by_label("Each benefit week").check()
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("heading", name="Check your answer")).to_be_visible()
        check_page(page, "acceptance-payment-choice-check")
        page.get_by_role("button", name="Save this choice").click()
        expect(page.get_by_text(re.compile("^Saved: your default choice"))).to_be_visible()
        check_page(page, "acceptance-payment-choice-saved")

        # 5. The coordinator accepts and logs attendance; finance approves and pays (API).
        role = Opportunity.objects.get(title=ROLE)
        application = Application.objects.get(opportunity=role, contributor__email=EMAIL)
        coordinator = as_member(role.organisation_id, Role.COORDINATOR)
        accepted = coordinator.post(f"/api/v1/applications/{application.pk}/accept/")
        assert accepted.status_code == 200, accepted.json()
        engagement_id = accepted.json()["engagement_id"]
        today = uk_today()
        attended = coordinator.post(
            f"/api/v1/engagements/{engagement_id}/attendance/",
            {"date": today.isoformat(), "hours": "2"},
            format="json",
        )
        assert attended.status_code == 201, attended.json()
        contributor = User.objects.get(email=EMAIL)
        fee = Payment.objects.filter(contributor=contributor, kind="fee").latest("id")
        finance = as_member(role.organisation_id, Role.FINANCE)
        approved = finance.post(f"/api/v1/payments/{fee.pk}/approve/")
        assert approved.status_code == 200, approved.json()
        paid = finance.post(
            f"/api/v1/payments/{fee.pk}/mark-paid/", {"paid_on": today.isoformat()}, format="json"
        )
        assert paid.status_code == 200, paid.json()
        fee.refresh_from_db()
        assert fee.payable == Decimal("20.00"), "the £20 weekly cap holds"

        # 6. The dashboard shows the reduced fee and the alert the worker raised.
        wait_for(
            ThresholdAlert.objects.filter(contributor=contributor).exists,
            what="the worker's alert",
        )
        visit(page, "/me", name="acceptance-dashboard")
        alerts = page.get_by_role("region", name="Alerts")
        expect(alerts).to_contain_text(re.compile("ESA|Employment and Support Allowance"))
        # The fee as paid, after the cap: £20.00 counted against each £20 weekly limit.
        expect(alerts).to_contain_text("£20.00 counted, limit £20.00")

        # 7. Requests a benefits-advisor letter, watches it render and downloads it.
        visit(page, "/me/letters/new", name="acceptance-letter-request")
        page.get_by_label("Letter for benefits advisors").check()
        page.get_by_label("From", exact=True).fill(today.replace(day=1).isoformat())
        page.get_by_label("To", exact=True).fill(today.isoformat())
        page.get_by_role("button", name="Continue").click()
        expect(
            page.get_by_role("heading", name="Check your answers before asking for the letter")
        ).to_be_visible()
        check_page(page, "acceptance-letter-check")
        page.get_by_role("button", name="Ask for the letter").click()
        # The organisation signs the letter, so one of its admins issues it (their pages are
        # tested in test_organisation_admin.py).
        expect(page.get_by_text("We have sent your request to")).to_be_visible()
        asked = Letter.objects.filter(contributor=contributor).latest("id")
        northfield_admin = as_member(asked.organisation_id, Role.ADMIN)
        issued = northfield_admin.post(f"/api/v1/letters/{asked.pk}/issue/")
        assert issued.status_code == 202, issued.json()
        page.reload()
        download_link = page.get_by_role("link", name="Download the letter (PDF)")
        expect(download_link).to_be_visible(timeout=120_000)
        check_page(page, "acceptance-letter-ready")
        with page.expect_download() as download:
            download_link.click()
        assert download.value.suggested_filename.endswith(".pdf")
        letter = Letter.objects.filter(contributor=contributor).latest("id")

    # 8. The public checks it at /verify/ (signed out).
    page.context.clear_cookies()
    page.goto(base + "/verify/")
    page.get_by_label("Letter reference").fill(letter.reference)
    page.get_by_role("button", name="Check the letter").click()
    expect(page.get_by_role("heading", name="This letter is genuine")).to_be_visible()
    check_page(page, "acceptance-verified")
