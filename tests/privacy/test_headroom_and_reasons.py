"""Issue 9, point 10, through the API: organisations read a status and room for their next
fee, never the room left; fee reasons for staff name no cap, period or other organisation."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail

from accounts.models import User
from notifications.models import Notification
from payments import services
from payments.models import Payment, PaymentPreference
from tests.clients import client_for
from thresholds.monitoring.alerts import contributor_evaluate

from .conftest import TODAY, Org, person

pytestmark = pytest.mark.django_db


def _row(org: Org, user: User) -> dict[str, object]:
    response = client_for(org.coordinator.user).get(
        f"/api/v1/organisations/{org.organisation.pk}/contributors/"
    )
    assert response.status_code == 200
    [row] = [r for r in response.json()["results"] if r["contributor_id"] == user.pk]
    return dict(row)


def test_with_nothing_earned_an_organisation_reads_fits_never_the_limit() -> None:
    north = Org("Northfield Mind", "13.45")
    carer = person("Ellis Moor", receives_carers_allowance=True, benefit_week_start=2)
    north.book(north.engage(carer), TODAY)

    row = _row(north, carer)

    # On main this read headroom "204.00" until the Tuesday: Carer's Allowance, Wednesday week.
    assert "headroom" not in row and "headroom_until" not in row
    assert row["status"] == "ok"
    assert row["next_fee"] == {
        "date": "2026-11-26",
        "amount": "26.90",
        "fits": "fits",
        "fits_amount": None,
        "text": "Your next booked fee for Ellis Moor (£26.90 on Thursday 26 November 2026) fits.",
    }


def test_part_of_a_fee_fits_but_the_figure_is_shown_only_when_it_reveals_no_limit() -> None:
    north, south = Org("Northfield Mind", "13.45"), Org("Southdown Trust", "14.35")
    alone = person("Avery Stone", receives_esa=True, esa_permitted_work_limit="lower")
    shared = person("Blake Reed", receives_esa=True, esa_permitted_work_limit="lower")
    for user in (alone, shared):
        north.book(north.engage(user), TODAY)
        south.engage(user)
    north.record(alone, "9.40", TODAY)  # £10.60 left: plus Northfield's £9.40 makes £20
    north.record(shared, "9.40", TODAY)
    south.record(shared, "3.10", TODAY)  # £7.50 left, with money Northfield cannot see

    only_ours, with_others = _row(north, alone)["next_fee"], _row(north, shared)["next_fee"]

    assert isinstance(only_ours, dict) and isinstance(with_others, dict)
    assert (only_ours["fits"], only_ours["fits_amount"]) == ("part", None)
    assert "10.60" not in str(only_ours["text"]) and "£" in str(only_ours["text"])
    assert (with_others["fits"], with_others["fits_amount"]) == ("part", "7.50")
    assert str(with_others["text"]).endswith("fits £7.50 of it.")


def test_a_fee_that_does_not_fit_says_so_and_nothing_else() -> None:
    north = Org("Northfield Mind", "13.45")
    user = person("Avery Stone", receives_esa=True, esa_permitted_work_limit="lower")
    north.book(north.engage(user), TODAY)
    north.record(user, "21.30", TODAY)
    contributor_evaluate(contributor_id=user.pk)

    row = _row(north, user)

    assert row["status"] == "over"
    assert isinstance(row["next_fee"], dict) and row["next_fee"]["fits"] == "none"


def test_staff_read_a_reason_that_names_no_cap_period_or_other_organisations_money() -> None:
    north, south = Org("Northfield Mind", "13.45"), Org("Southdown Trust", "14.35")
    user = person("Casey Lane", cap="20.00", receives_uc=True, uc_assessment_start_day=30,
                  cap_period="uc_assessment_period")  # fmt: skip
    north.engage(user)
    south.engage(user)
    north.record(user, "12.00", TODAY)
    cut = south.record(user, "15.30", TODAY)

    staff = client_for(south.finance.user).get(f"/api/v1/payments/{cut['id']}/").json()
    own = client_for(user).get(f"/api/v1/payments/{cut['id']}/").json()

    # On main: "Cut to keep within the contributor's cap of £20.00 for 30 October 2026 to
    # 29 November 2026: £12.00 was already counted..."
    assert cut["choice_reason"] == "Reduced to £8.00 at the contributor's request."
    assert staff["choice_reason"] == "Reduced to £8.00 at the contributor's request."
    assert "£20.00" in own["choice_reason"] and "£12.00" in own["choice_reason"]
    listed = client_for(south.coordinator.user).get("/api/v1/payments/").json()["results"]
    assert [p["choice_reason"] for p in listed] == [staff["choice_reason"]]

    services.payment_approve(by=south.finance, payment=Payment.objects.get(pk=cut["id"]))
    run = services.payment_run_create(by=south.finance)
    exported = client_for(south.finance.user).get(
        f"/api/v1/organisations/{south.organisation.pk}/payment-runs/{run.pk}/export.csv"
    )
    [line] = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert line["reason"] == "Reduced to £8.00 at the contributor's request."
    assert line["amount"] == "8.00"


@pytest.mark.parametrize(
    ("choice", "fields", "reason"),
    [
        ("reduced", {"reduced_amount": Decimal("8.00")},
         "Reduced to £8.00 at the contributor's request."),
        ("donate", {"charity_name": "Mind in Northfield"},
         "Paid to a charity the contributor chose."),
        ("expenses_only", {}, "Fee waived: the contributor asked for expenses only."),
        ("full", {}, "Full fee, as the contributor chose."),
    ],
)  # fmt: skip
def test_each_choice_has_a_reason_staff_may_read(
    choice: str, fields: dict[str, Decimal | str], reason: str
) -> None:

    north = Org("Northfield Mind", "13.45")
    user = person("Gray Pike")
    north.engage(user)
    PaymentPreference.objects.create(contributor=user, choice=choice, **fields)

    assert north.record(user, "25.30", TODAY)["choice_reason"] == reason


def test_staff_warnings_name_no_limit_room_or_period_end(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    north, south = Org("Northfield Mind", "13.45"), Org("Southdown Trust", "14.35")
    carer = person("Ellis Moor", receives_carers_allowance=True, benefit_week_start=2)
    north.book(north.engage(carer), TODAY)
    south.engage(carer)
    with django_capture_on_commit_callbacks(execute=True):
        north.record(carer, "97.60", TODAY)
        south.record(carer, "88.70", TODAY)

    [warning] = Notification.objects.filter(user=north.coordinator.user, kind="headroom_warning")

    text = f"{warning.title} {warning.body}"
    assert warning.title == "Ellis Moor is close to a limit"
    # On main: "Ellis Moor has £17.70 left until Tuesday 1 December", the Wednesday week's end.
    for leak in ("204", "88.70", "186.30", "25 November", "1 December", "Tuesday", "until"):
        assert leak not in text
    # Southdown's money is in the period too, so the part that fits tells Northfield nothing.
    assert "(£26.90 on Thursday 26 November 2026) fits £17.70 of it." in warning.body
    assert any(m.subject == warning.title for m in mail.outbox)
