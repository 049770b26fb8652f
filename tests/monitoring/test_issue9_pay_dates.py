"""Issue 9, through the API: a cap holds on the day money lands (paying late, runs, pay dates
and their preview)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from accounts.models import User
from notifications.models import Notification
from payments.models import Payment, PaymentStatus

from .conftest import Org
from .paying import approved, capped

pytestmark = pytest.mark.django_db

D = Decimal


# 1. Paying late never breaks the cap -----------------------------------------------------


@time_machine.travel("2026-12-02 10:00 +00:00", tick=False)
def test_paying_a_fee_late_into_a_full_cap_week_is_held_with_the_day_it_fits(
    northfield: Org, esa_person: User
) -> None:
    capped(esa_person)
    late = approved(northfield, esa_person, "20.00", date(2026, 11, 18))
    approved(northfield, esa_person, "20.00", date(2026, 11, 30))  # the week of 30 Nov

    response = northfield.client("finance").post(
        f"/api/v1/payments/{late['id']}/mark-paid/", {"paid_on": "2026-12-02"}, format="json"
    )

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "cap_held"
    assert body["message"] == (
        "Paying this on 2 December would take this person past their cap for that period. "
        "It fits from 7 December."
    )
    [held] = body["fields"]["held"]
    assert held["payment_id"] == late["id"] and held["fits_from"] == "2026-12-07"
    text = response.content.decode()
    assert "20.00" not in text and "ESA" not in text and "Employment" not in text
    payment = Payment.objects.get(pk=late["id"])
    assert (payment.status, payment.counts_on, payment.payable) == (
        PaymentStatus.APPROVED,
        date(2026, 11, 18),
        D("20.00"),
    )


@time_machine.travel("2026-12-02 10:00 +00:00", tick=False)
def test_run_mark_paid_is_refused_whole_when_one_fee_would_pass_the_cap(
    northfield: Org, southdown: Org, esa_person: User
) -> None:
    capped(esa_person)
    approved(southdown, esa_person, "20.00", date(2026, 11, 30))
    early = approved(northfield, esa_person, "20.00", date(2026, 12, 15))  # paid early
    run = northfield.client("finance").post(
        f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/", {}, format="json"
    )
    assert run.status_code == 201

    response = northfield.client("finance").post(
        f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/{run.json()['id']}/"
        "mark-paid/",
        {"paid_on": "2026-12-02"},
        format="json",
    )

    assert response.status_code == 409
    [held] = response.json()["fields"]["held"]
    assert held["payment_id"] == early["id"] and held["fits_from"] == "2026-12-07"
    assert not Payment.objects.filter(status=PaymentStatus.PAID).exists()


@time_machine.travel("2026-12-02 10:00 +00:00", tick=False)
def test_a_fee_that_fits_on_its_pay_date_is_paid_in_full(northfield: Org, esa_person: User) -> None:
    capped(esa_person)
    late = approved(northfield, esa_person, "20.00", date(2026, 11, 18))

    response = northfield.client("finance").post(
        f"/api/v1/payments/{late['id']}/mark-paid/", {"paid_on": "2026-12-02"}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["payable"], response.json()["counts_on"]) == ("20.00", "2026-12-02")


@time_machine.travel("2026-11-25 10:00 +00:00", tick=False)
def test_preview_names_the_fees_a_pay_date_would_hold_and_the_status_it_would_give(
    northfield: Org, southdown: Org, esa_person: User
) -> None:
    capped(esa_person)
    approved(southdown, esa_person, "20.00", date(2026, 11, 30))
    held = approved(northfield, esa_person, "20.00", date(2026, 11, 18))

    response = northfield.client("finance").get(
        f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/preview/"
        "?paid_on=2026-12-02"
    )

    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["payment_id"] == held["id"]
    assert (row["fits"], row["fits_from"]) == (False, "2026-12-07")
    assert row["status"] in ("ok", "near", "over")
    assert Payment.objects.get(pk=held["id"]).counts_on == date(2026, 11, 18)  # nothing moved


@time_machine.travel("2026-11-25 10:00 +00:00", tick=False)
def test_a_run_given_a_pay_date_tells_the_contributor_before_the_day(
    northfield: Org, southdown: Org, esa_person: User, django_capture_on_commit_callbacks
) -> None:
    approved(southdown, esa_person, "10.00", date(2026, 11, 30))
    approved(northfield, esa_person, "20.00", date(2026, 11, 18))

    with django_capture_on_commit_callbacks(execute=True):
        run = northfield.client("finance").post(
            f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/",
            {"pay_on": "2026-12-02"},
            format="json",
        )

    assert run.status_code == 201 and run.json()["pay_on"] == "2026-12-02"
    [notice] = Notification.objects.filter(
        user=esa_person, title__startswith="A planned payment would take you past"
    )
    assert notice.body.startswith("A payment of £20.00 from Northfield is planned for 2 December.")
    assert "£30.00 would count" in notice.body


@time_machine.travel("2026-11-25 10:00 +00:00", tick=False)
def test_a_pay_date_that_would_pass_a_cap_is_refused_naming_the_fee(
    northfield: Org, southdown: Org, esa_person: User
) -> None:
    capped(esa_person)
    approved(southdown, esa_person, "20.00", date(2026, 11, 30))
    held = approved(northfield, esa_person, "20.00", date(2026, 11, 18))
    runs = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/"
    run = northfield.client("finance").post(runs, {}, format="json").json()

    response = northfield.client("finance").post(
        f"{runs}{run['id']}/pay-date/", {"pay_on": "2026-12-02"}, format="json"
    )

    assert response.status_code == 409
    assert [h["payment_id"] for h in response.json()["fields"]["held"]] == [held["id"]]
    assert Payment.objects.get(pk=held["id"]).planned_on is None
