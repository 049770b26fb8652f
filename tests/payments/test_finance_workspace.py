"""What the organisation's finance pages need from the API: payments filtered by role and run,
receipts shown inline, mileage paid at the rate of the journey's tax year, and a run preview
that names who each fee is for."""

from __future__ import annotations

import json
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import User
from payments.models import MileageRate

from .conftest import Org
from .test_expenses import MILEAGE, TRAIN, png

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-25 10:00 +00:00", tick=False):
        yield


def _as(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _claim(contributor: User, org: Org, items: list[dict], files: dict | None = None) -> dict:
    body = {"organisation": org.organisation.pk, "items": json.dumps(items), **(files or {})}
    response = _as(contributor).post("/api/v1/expense-claims/", body, format="multipart")
    assert response.status_code == 201, response.json()
    return response.json()


def _rates_url(org: Org, tax_year: int | str) -> str:
    return f"/api/v1/organisations/{org.organisation.pk}/finance-settings/mileage-rates/{tax_year}/"


# Payments list


def test_payments_filter_by_the_role_they_are_for(northfield: Org, contributor: User) -> None:
    engagement = contributor.engagements.get(opportunity__organisation=northfield.organisation)
    for_role = northfield.record(contributor, "25.00", MONDAY, engagement=engagement.pk).json()
    northfield.record(contributor, "10.00", MONDAY)
    url = f"/api/v1/payments/?organisation={northfield.organisation.pk}"

    listed = northfield.client("finance").get(f"{url}&opportunity={engagement.opportunity_id}")

    assert listed.status_code == 200
    rows = listed.json()["results"]
    assert [row["id"] for row in rows] == [for_role["id"]]
    assert rows[0]["opportunity"] == engagement.opportunity_id
    assert rows[0]["opportunity_title"] == engagement.opportunity.title


def test_payments_filter_by_run_and_period(northfield: Org, contributor: User) -> None:
    finance = northfield.client("finance")
    first = northfield.record(contributor, "25.00", MONDAY).json()
    later = northfield.record(contributor, "10.00", date(2026, 12, 1)).json()
    finance.post(f"/api/v1/payments/{first['id']}/approve/")
    run = finance.post(
        f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/",
        {"payments": [first["id"]]},
        format="json",
    ).json()
    url = f"/api/v1/payments/?organisation={northfield.organisation.pk}"

    in_run = finance.get(f"{url}&run={run['id']}").json()["results"]
    december = finance.get(f"{url}&counts_from=2026-12-01&counts_to=2026-12-31").json()
    bad = finance.get(f"{url}&run=nope")

    assert [row["id"] for row in in_run] == [first["id"]]
    assert [row["id"] for row in december["results"]] == [later["id"]]
    assert bad.status_code == 400 and "run" in bad.json()["fields"]


# Receipts


def test_a_receipt_is_shown_inline_and_downloaded_on_request(
    northfield: Org, contributor: User
) -> None:
    claim = _claim(
        contributor, northfield, [TRAIN],
        {"receipt_0": SimpleUploadedFile("t.png", png(), content_type="image/png")},
    )  # fmt: skip
    url = f"/api/v1/expense-claims/{claim['id']}/items/{claim['items'][0]['id']}/receipt/"
    finance = northfield.client("finance")

    shown = finance.get(url)
    saved = finance.get(f"{url}?download=1")

    assert claim["items"][0]["receipt_type"] == "image/png"
    assert shown["Content-Type"] == "image/png"
    assert shown["Content-Disposition"].startswith("inline")
    assert shown["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in shown["Content-Security-Policy"]
    assert "script-src" not in shown["Content-Security-Policy"]  # default-src 'none'
    assert "no-store" in shown["Cache-Control"]
    assert saved["Content-Disposition"].startswith("attachment")
    assert northfield.client().get(url).status_code == 404  # a coordinator


def test_an_item_without_a_receipt_has_no_receipt_type(northfield: Org, contributor: User) -> None:
    claim = _claim(contributor, northfield, [MILEAGE])

    assert claim["items"][0]["has_receipt"] is False
    assert claim["items"][0]["receipt_type"] is None


# Mileage by tax year


def test_mileage_is_paid_at_the_rate_of_the_journeys_tax_year(
    northfield: Org, contributor: User
) -> None:
    finance = northfield.client("finance")
    set_rate = finance.put(_rates_url(northfield, 2026), {"rate": "0.50"}, format="json")
    last_year = {**MILEAGE, "spent_on": "2026-04-05"}  # the last day of tax year 2025 to 2026
    this_year = {**MILEAGE, "spent_on": "2026-04-06"}  # the first day of 2026 to 2027

    claim = _claim(contributor, northfield, [last_year, this_year])

    assert set_rate.status_code == 200, set_rate.json()
    assert set_rate.json() == {"tax_year": 2026, "tax_year_label": "2026 to 2027", "rate": "0.50"}
    assert [item["amount"] for item in claim["items"]] == ["4.50", "5.00"]  # 10 miles each


def test_mileage_rates_are_listed_in_the_settings_changed_and_removed_with_an_audit_trail(
    northfield: Org,
) -> None:
    finance = northfield.client("finance")
    settings_url = f"/api/v1/organisations/{northfield.organisation.pk}/finance-settings/"
    finance.put(_rates_url(northfield, 2025), {"rate": "0.45"}, format="json")
    finance.put(_rates_url(northfield, 2026), {"rate": "0.40"}, format="json")
    finance.put(_rates_url(northfield, 2026), {"rate": "0.55"}, format="json")

    listed = finance.get(settings_url).json()
    removed = finance.delete(_rates_url(northfield, 2025))
    removed_again = finance.delete(_rates_url(northfield, 2025))

    assert [(r["tax_year"], r["rate"]) for r in listed["mileage_rates"]] == [
        (2026, "0.55"),
        (2025, "0.45"),
    ]
    assert listed["mileage_rate"] == "0.45"
    assert removed.status_code == 204
    assert removed_again.status_code == 404
    history = MileageRate.history.filter(tax_year=2026).order_by("history_date")
    assert [str(h.rate) for h in history] == ["0.40", "0.55"]
    assert {h.history_user_id for h in history} == {northfield.finance.user_id}
    assert MileageRate.history.filter(tax_year=2025, history_type="-").exists()


def test_only_finance_staff_of_the_organisation_set_mileage_rates(
    northfield: Org, southdown: Org
) -> None:
    url = _rates_url(northfield, 2026)

    coordinator = northfield.client().put(url, {"rate": "0.50"}, format="json")
    elsewhere = southdown.client("finance").put(url, {"rate": "0.50"}, format="json")
    too_high = northfield.client("finance").put(url, {"rate": "5.01"}, format="json")
    unknown_field = northfield.client("finance").put(
        url, {"rate": "0.50", "year": 2026}, format="json"
    )
    no_such_year = northfield.client("finance").put(
        _rates_url(northfield, 1999), {"rate": "0.50"}, format="json"
    )

    assert coordinator.status_code == 403
    assert elsewhere.status_code == 404
    assert too_high.status_code == 400 and "rate" in too_high.json()["fields"]
    assert unknown_field.status_code == 400 and "year" in unknown_field.json()["fields"]
    assert no_such_year.status_code == 404
    assert not MileageRate.objects.exists()


# Run preview


def test_the_run_preview_names_who_each_fee_is_for(northfield: Org, contributor: User) -> None:
    finance = northfield.client("finance")
    payment = northfield.record(contributor, "25.00", MONDAY).json()
    finance.post(f"/api/v1/payments/{payment['id']}/approve/")

    preview = finance.get(
        f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/preview/"
        "?paid_on=2026-11-27"
    )

    assert preview.status_code == 200, preview.json()
    (row,) = preview.json()["results"]
    assert row["contributor_name"] == contributor.full_name
    assert row["description"] == "Advisory group meeting"
    assert row["fits"] is True


# Expense claims list


def test_claims_filter_by_organisation_and_by_waiting_for_a_decision(
    northfield: Org, southdown: Org, contributor: User
) -> None:
    decided = _claim(contributor, northfield, [MILEAGE])
    waiting = _claim(contributor, northfield, [MILEAGE, MILEAGE])
    _claim(contributor, southdown, [MILEAGE])
    finance = northfield.client("finance")
    finance.post(f"/api/v1/expense-claims/{decided['id']}/approve/", {}, format="json")
    finance.post(
        f"/api/v1/expense-claims/{waiting['id']}/approve/",
        {"items": [waiting["items"][0]["id"]]},
        format="json",
    )
    url = f"/api/v1/expense-claims/?organisation={northfield.organisation.pk}"

    open_claims = finance.get(f"{url}&waiting=true").json()["results"]
    done = finance.get(f"{url}&waiting=false").json()["results"]

    assert [c["id"] for c in open_claims] == [waiting["id"]]
    assert open_claims[0]["status"] == "partly_decided"
    assert [c["id"] for c in done] == [decided["id"]]


# Payment runs list


def test_runs_filter_by_open_or_paid(northfield: Org, contributor: User) -> None:
    finance = northfield.client("finance")
    runs = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/"
    made = []
    for amount in ("25.00", "10.00"):
        payment = northfield.record(contributor, amount, MONDAY).json()
        finance.post(f"/api/v1/payments/{payment['id']}/approve/")
        made.append(finance.post(runs, {"payments": [payment["id"]]}, format="json").json())
    finance.post(f"{runs}{made[0]['id']}/mark-paid/", {"paid_on": "2026-11-25"}, format="json")

    paid = finance.get(f"{runs}?status=paid").json()["results"]
    still_open = finance.get(f"{runs}?status=open").json()["results"]

    assert [r["id"] for r in paid] == [made[0]["id"]]
    assert [r["id"] for r in still_open] == [made[1]["id"]]
    assert finance.get(f"{runs}?status=lost").status_code == 400
