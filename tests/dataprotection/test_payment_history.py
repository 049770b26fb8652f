from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from payments.models import Payment
from tests.dataprotection.conftest import World, as_user
from tests.factories import ContributorFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _url(payment: Payment) -> str:
    return f"/api/v1/payments/{payment.pk}/history/"


def test_members_see_who_changed_a_payment_what_and_when_in_plain_words(world: World) -> None:
    finance = world.northfield.finance.user

    response = world.northfield.client("coordinator").get(_url(world.paid_fee))

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["count"] == 3
    created, approved, paid = body["results"]
    assert created["action"] == "created" and created["summary"] == "Payment recorded."
    assert created["changed_by"] == world.northfield.coordinator.user.full_name
    assert approved["changed_by"] == finance.full_name
    assert approved["changes"] == [
        {
            "field": "status",
            "field_label": "status",
            "old": "pending",
            "new": "approved",
            "description": "status: pending → approved",
        }
    ]
    assert "status: approved → paid" in paid["summary"]
    assert "paid date: (none) → 2026-11-02" in paid["summary"]
    assert created["changed_at"] <= approved["changed_at"] <= paid["changed_at"]


def test_payment_history_never_shows_the_contributors_benefit_or_cap_details(
    world: World,
) -> None:
    assert world.paid_fee.choice_snapshot["cap_period"] == "benefit_week"

    response = world.northfield.client("finance").get(_url(world.paid_fee))

    text = response.content.decode()
    assert "benefit_week" not in text and "cap_period" not in text and "20.00" not in text


def test_another_organisations_payment_history_is_404(world: World) -> None:
    southdown = world.southdown.client("finance")
    stranger = as_user(ContributorFactory.create())
    viewer_elsewhere = as_user(MembershipFactory.create(role="admin").user)

    for client in (southdown, stranger, viewer_elsewhere):
        response = client.get(_url(world.paid_fee))
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert APIClient().get(_url(world.paid_fee)).status_code == 401


def test_the_contributor_sees_their_own_payments_history(world: World) -> None:
    response = as_user(world.contributor).get(_url(world.pending_fee))

    assert response.status_code == 200
    assert [entry["action"] for entry in response.json()["results"]] == ["created"]


def test_payment_history_is_paginated_and_each_page_describes_its_changes(world: World) -> None:
    client = world.northfield.client("finance")

    first = client.get(_url(world.paid_fee), {"page_size": 2}).json()
    second = client.get(first["next"]).json()

    assert [e["action"] for e in first["results"]] == ["created", "changed"]
    assert first["next"] and second["previous"]
    # The first entry of page 2 is still compared with the last of page 1.
    assert "status: approved → paid" in second["results"][0]["summary"]
