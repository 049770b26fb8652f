from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from payments.models import EngagementPaymentChoice, PaymentPreference
from tests.factories import ContributorFactory, UserFactory
from tests.payments.conftest import Org

pytestmark = pytest.mark.django_db
URL = "/api/v1/me/payment-preference/"


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_default_preference_is_the_full_fee_until_set() -> None:
    body = _client(ContributorFactory.create()).get(URL).json()

    assert body["choice"] == "full"
    assert body["is_set"] is False


@pytest.mark.parametrize(
    "body",
    [
        {"choice": "full", "method": "voucher"},
        {"choice": "reduced", "reduced_amount": "15.00"},
        {"choice": "capped", "cap_amount": "20.00", "cap_period": "benefit_week"},
        {"choice": "capped", "cap_amount": "150.00", "cap_period": "calendar_month"},
        {"choice": "expenses_only"},
        {"choice": "donate", "charity_name": "Mind"},
    ],
)
def test_contributor_sets_each_choice(body: dict) -> None:
    contributor = ContributorFactory.create()

    response = _client(contributor).put(URL, body, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["choice"] == body["choice"]
    assert PaymentPreference.objects.get(contributor=contributor).choice == body["choice"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"choice": "generous"}, "choice"),
        ({"choice": "capped", "cap_period": "benefit_week"}, "cap_amount"),
        ({"choice": "capped", "cap_amount": "20.00"}, "cap_period"),
        (
            {"choice": "capped", "cap_amount": "20.00", "cap_period": "uc_assessment_period"},
            "cap_period",
        ),
        ({"choice": "reduced"}, "reduced_amount"),
        ({"choice": "reduced", "reduced_amount": "-1.00"}, "reduced_amount"),
        ({"choice": "reduced", "reduced_amount": "1.001"}, "reduced_amount"),
        ({"choice": "donate"}, "charity_name"),
        ({"choice": "full", "method": "gold"}, "method"),
    ],
)
def test_bad_preferences_are_400_with_field_messages(body: dict, field: str) -> None:
    contributor = ContributorFactory.create()

    response = _client(contributor).put(URL, body, format="json")

    assert response.status_code == 400
    assert response.json()["fields"][field]
    assert not PaymentPreference.objects.exists()


def test_preference_changes_are_audited() -> None:
    contributor = ContributorFactory.create()
    client = _client(contributor)
    client.put(URL, {"choice": "full"}, format="json")
    client.put(URL, {"choice": "expenses_only"}, format="json")

    history = PaymentPreference.objects.get(contributor=contributor).history.order_by(
        "history_date"
    )

    assert [h.choice for h in history] == ["full", "expenses_only"]
    assert {h.history_user for h in history} == {contributor}


def test_organisation_accounts_have_no_payment_preference() -> None:
    assert _client(UserFactory.create()).get(URL).status_code == 403


def test_an_engagement_choice_shows_its_details_to_the_contributor_only() -> None:
    org = Org("Northfield")
    contributor = ContributorFactory.create()
    engagement = org.engage(contributor)
    body = {
        "payment_choice": {"choice": "capped", "cap_amount": "20.00", "cap_period": "benefit_week"}
    }

    own = _client(contributor).patch(f"/api/v1/engagements/{engagement.pk}/", body, format="json")
    seen_by_org = org.client().get(f"/api/v1/engagements/{engagement.pk}/")
    by_org = org.client().patch(f"/api/v1/engagements/{engagement.pk}/", body, format="json")

    assert own.status_code == 200, own.json()
    assert own.json()["payment_choice"]["cap_amount"] == "20.00"
    assert own.json()["payment_choice"]["cap_period"] == "benefit_week"
    assert seen_by_org.json()["payment_choice"] == {
        "choice": "capped", "reduced_amount": None, "cap_amount": None, "cap_period": "",
        "charity_name": "", "method": "bank_transfer",
    }  # fmt: skip
    assert by_org.status_code == 403


def test_removing_an_engagement_choice_goes_back_to_the_default() -> None:
    org = Org("Northfield")
    contributor = ContributorFactory.create()
    engagement = org.engage(contributor)
    client = _client(contributor)
    client.patch(
        f"/api/v1/engagements/{engagement.pk}/",
        {"payment_choice": {"choice": "expenses_only"}},
        format="json",
    )

    response = client.patch(
        f"/api/v1/engagements/{engagement.pk}/", {"payment_choice": None}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["payment_choice"] is None
    assert not EngagementPaymentChoice.objects.exists()
