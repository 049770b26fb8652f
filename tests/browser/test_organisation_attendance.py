"""A coordinator logs the register for a session through the pages and sees the fee recorded
for each person who came: payable, waived and why. Axe checks every page."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from opportunities.models import Opportunity, Session
from organisations.models import Organisation
from payments.models import Payment
from tests.browser.visit import check_page, sign_in_as, title, visit

pytestmark = pytest.mark.django_db(transaction=True)

ROLE = "Service user advisory group"


@pytest.fixture
def session_yesterday() -> Session:
    """The demo data, and a session of Northfield's advisory group yesterday whose register
    nobody has logged (both demo contributors on the role are booked on it)."""
    call_command("demo_seed")
    role = Opportunity.objects.get(title=ROLE, organisation__name__startswith="Northfield")
    return Session.objects.create(
        opportunity=role,
        date=timezone.localdate() - dt.timedelta(days=1),
        start_time=dt.time(10, 0),
        end_time=dt.time(12, 0),
        planned_hours=Decimal("2.00"),
    )


def test_a_coordinator_logs_a_register_and_sees_the_fees_recorded(
    page: Page, session_yesterday: Session
) -> None:
    northfield = Organisation.objects.get(name__startswith="Northfield")
    came = User.objects.get(email="esa@contributors.demo.test").full_name
    away = User.objects.get(email="uc@contributors.demo.test").full_name
    sign_in_as(page, "coordinator@northfield.demo.test")

    visit(page, f"/organisations/{northfield.pk}/people", name="organisation-people")
    expect(page).to_have_title(title("People and attendance"))
    people = page.get_by_role("table", name="People on your roles")
    expect(people.get_by_role("row").filter(has_text=came).first).to_contain_text(ROLE)
    waiting = page.get_by_role("table", name=re.compile("attendance still to log"))
    waiting.get_by_role("link", name=re.compile(f"Log the register for {ROLE}")).click()

    page.wait_for_url(f"**/sessions/{session_yesterday.pk}/register")
    expect(page.get_by_label(f"Hours {came} gave")).to_have_value("2.00")
    check_page(page, "organisation-register")
    page.get_by_role("group", name=f"Did {came} come?").get_by_label("Yes").check()
    page.get_by_label(f"Hours {came} gave").fill("1.5")
    page.get_by_role("group", name=f"Did {away} come?").get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Check the register")
    answers = page.get_by_role("table", name="Your answers")
    expect(answers.get_by_role("row").filter(has_text=came)).to_contain_text("1.5")
    check_page(page, "organisation-register-check")
    page.get_by_role("button", name="Log the register").click()

    expect(page.get_by_role("heading", level=1, name="Register logged")).to_be_visible()
    fee = Payment.objects.get(attendance__session=session_yesterday)
    assert fee.contributor.full_name == came
    fees = page.get_by_role("table", name="Fees recorded")
    came_row = fees.get_by_role("row").filter(has_text=came)
    expect(came_row).to_contain_text(f"£{fee.offered}")
    expect(came_row).to_contain_text(f"£{fee.payable}")
    expect(fees.get_by_role("row").filter(has_text=away)).to_contain_text("Did not come")
    check_page(page, "organisation-register-logged")

    page.get_by_role("link", name="Back to people and attendance").click()
    expect(
        page.get_by_role("table", name=re.compile("attendance still to log")).or_(
            page.get_by_text("Every session so far has its register logged.")
        )
    ).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(f"Log the register for {ROLE}"))).to_have_count(
        0
    )
    people = page.get_by_role("table", name="People on your roles")
    people.get_by_role("row").filter(has_text=came).filter(has_text=ROLE).get_by_role(
        "link"
    ).click()
    expect(page.get_by_role("heading", level=1, name=came)).to_be_visible()
    logged = page.get_by_role("table", name="Attendance logged and the fees recorded")
    expect(logged).to_contain_text("1.50")
    check_page(page, "organisation-person")


def test_a_coordinator_logs_one_attendance_and_sees_the_fee_it_recorded(
    page: Page, session_yesterday: Session
) -> None:
    northfield = Organisation.objects.get(name__startswith="Northfield")
    person = User.objects.get(email="uc@contributors.demo.test")
    engagement = person.engagements.get(opportunity=session_yesterday.opportunity)
    sign_in_as(page, "coordinator@northfield.demo.test")

    visit(
        page, f"/organisations/{northfield.pk}/people/{engagement.pk}", name="organisation-person"
    )
    expect(page.get_by_role("heading", level=1, name=person.full_name)).to_be_visible()
    page.get_by_role("group", name="Which session?").get_by_label(
        re.compile(r"2\.00 hours planned")
    ).check()
    page.get_by_label("Hours they gave").fill("2")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check before you log this attendance")).to_be_visible()
    check_page(page, "organisation-person-check")
    page.get_by_role("button", name="Log attendance").click()

    banner = page.get_by_role("alert").filter(has_text="Attendance logged")
    expect(banner).to_be_visible()
    fee = Payment.objects.get(
        attendance__engagement=engagement, attendance__session=session_yesterday
    )
    expect(banner).to_contain_text(f"£{fee.payable} payable")
    expect(banner).to_contain_text(f"offered £{fee.offered}")
    logged = page.get_by_role("table", name="Attendance logged and the fees recorded")
    day = session_yesterday.date
    expect(logged.get_by_role("row").filter(has_text=f"{day.day} {day:%B %Y}")).to_contain_text(
        f"£{fee.payable}"
    )
    check_page(page, "organisation-person-logged")
