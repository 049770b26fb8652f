"""A coordinator runs a role through the workspace pages: posts it with three sessions,
publishes it, accepts an application, and cancels a session (axe on every page)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from notifications.models import Notification
from opportunities.models import Application, Opportunity, Session, SessionStatus
from organisations.models import Organisation
from tests.browser.visit import check_page, sign_in_as, title, visit

pytestmark = pytest.mark.django_db(transaction=True)

COORDINATOR = "coordinator@northfield.demo.test"
CONTRIBUTOR = "carer@contributors.demo.test"


@pytest.fixture
def demo_data() -> None:
    call_command("demo_seed")


def _day(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_a_coordinator_posts_publishes_accepts_and_cancels(page: Page, demo_data: None) -> None:
    northfield = Organisation.objects.get(name__startswith="Northfield")
    base = f"/organisations/{northfield.pk}"
    sign_in_as(page, COORDINATOR)

    visit(page, f"{base}/roles", name="org-roles")
    expect(page).to_have_title(title("Roles"))
    page.get_by_role("link", name="Post a role").click()
    page.wait_for_url(f"**{base}/roles/new")
    check_page(page, "org-role-new")
    page.get_by_label("Title").fill("Leaflet reading panel")
    page.get_by_label("Summary").fill("Read our new leaflets and tell us what works.")
    page.get_by_label("Accessibility and adjustments").fill("Step-free access; papers in advance.")
    page.get_by_label("Places").fill("2")
    page.get_by_label("Closing date").fill(_day(20))
    page.get_by_label("Expenses policy").fill("Bus and train fares, paid with your fee.")
    page.get_by_role("button", name="Save as a draft").click()
    page.wait_for_url(f"**{base}/roles/*")
    expect(page.get_by_text("The role is saved as a draft.")).to_be_visible()
    role = Opportunity.objects.get(title="Leaflet reading panel")
    assert role.pay_rate is not None and role.status == "draft"  # the rate card's default
    check_page(page, "org-role-draft")

    page.get_by_role("link", name="Add a session").click()
    page.wait_for_url(f"**{base}/roles/{role.pk}/sessions/new")
    check_page(page, "org-session-new")
    for index, days in enumerate((7, 14, 21)):
        page.get_by_label("Date").fill(_day(days))
        page.get_by_label("Start time").fill("10:00")
        page.get_by_label("End time").fill("12:00")
        page.get_by_label("Place (optional)").fill("Room 2, Town Hall")
        last = index == 2
        name = "Add the session" if last else "Add it and add another"
        page.get_by_role("button", name=name).click()
        if not last:
            # The form starts again, empty, under the banner for the session just added.
            expect(page.get_by_text("Session added:")).to_be_visible()
            expect(page.get_by_label("Date")).to_have_value("")
            assert Session.objects.filter(opportunity=role).count() == index + 1
    page.wait_for_url(f"**{base}/roles/{role.pk}")
    expect(page.get_by_role("table", name="Sessions").get_by_role("row")).to_have_count(4)
    assert Session.objects.filter(opportunity=role).count() == 3

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The role is published. People can find it and apply.")).to_be_visible()
    check_page(page, "org-role-published")
    role.refresh_from_db()
    assert role.status == "published"

    contributor = User.objects.get(email=CONTRIBUTOR)
    application = Application.objects.create(
        opportunity=role,
        contributor=contributor,
        statement="I read a lot of leaflets.",
        adjustments_requested="Papers a week before.",
    )
    visit(page, f"{base}/applications", name="org-applications")
    page.get_by_role("link", name=contributor.full_name).first.click()
    page.wait_for_url(f"**{base}/applications/{application.pk}")
    expect(page.get_by_text("Papers a week before.")).to_be_visible()
    check_page(page, "org-application")
    page.get_by_role("button", name=f"Accept {contributor.full_name}").click()
    expect(page.get_by_text(f"{contributor.full_name} is accepted.")).to_be_visible()
    check_page(page, "org-application-accepted")
    booked = Notification.objects.get(user=contributor, kind="session_booked")
    assert len(booked.attachments) == 3

    visit(page, f"{base}/roles/{role.pk}", name="org-role-with-people")
    first = Session.objects.filter(opportunity=role).order_by("date").first()
    assert first is not None
    page.get_by_role("link", name="Cancel the session on").first.click()
    page.wait_for_url(f"**/sessions/{first.pk}/cancel")
    check_page(page, "org-session-cancel")
    page.get_by_role("button", name="Cancel the session").click()
    expect(
        page.get_by_role("link", name="Reason: Enter why the session is cancelled.")
    ).to_be_visible()
    check_page(page, "org-session-cancel-error")
    page.get_by_label("Why is the session cancelled?").fill("The room is closed for repairs.")
    page.get_by_role("button", name="Cancel the session").click()
    page.wait_for_url(f"**{base}/roles/{role.pk}")
    expect(page.get_by_text("is cancelled. The people booked have been told.")).to_be_visible()
    expect(page.get_by_role("table", name="Sessions").get_by_text("Cancelled")).to_be_visible()
    check_page(page, "org-role-session-cancelled")
    assert Session.all_objects.get(pk=first.pk).status == SessionStatus.CANCELLED
    cancelled = Notification.objects.get(user=contributor, kind="session_cancelled")
    assert "The room is closed for repairs." in cancelled.body
