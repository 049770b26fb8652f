"""Before accepting an application, the organisation reads whether the role's next fee would
fit ("room for your next fee"), never a limit or the room left."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from accounts.models import User
from opportunities.models import Application
from tests.clients import client_for
from thresholds.monitoring.alerts import contributor_evaluate

from ..opportunities.factories import OpportunityFactory, SessionFactory
from .conftest import TODAY, Org, person

pytestmark = pytest.mark.django_db


def _apply(org: Org, user: User, rate: str) -> Application:
    role = OpportunityFactory.create(organisation=org.organisation, pay_rate=rate)
    SessionFactory.create(opportunity=role, date=TODAY + dt.timedelta(days=1))
    application: Application = Application.objects.create(
        opportunity=role, contributor=user, statement="I would like to help."
    )
    return application


def test_an_applicant_whose_next_fee_would_not_fit_is_flagged_and_nothing_else_is_said() -> None:
    north = Org("Northfield Mind", "13.45")
    user = person("Avery Stone", receives_esa=True, esa_permitted_work_limit="lower")
    north.book(north.engage(user), TODAY)
    north.record(user, "21.30", TODAY)
    contributor_evaluate(contributor_id=user.pk)
    application = _apply(north, user, "13.45")

    response = client_for(north.coordinator.user).get(f"/api/v1/applications/{application.pk}/")

    assert response.status_code == 200
    fee = response.json()["next_fee"]
    assert fee["fits"] == "none"
    assert fee["fits_amount"] is None
    assert fee["text"].endswith("does not fit within a limit that matters to them.")
    text = json.dumps(response.json())
    assert "ESA" not in text and "permitted" not in text.lower()


def test_an_applicant_who_does_not_share_gets_no_answer() -> None:
    north = Org("Northfield Mind", "13.45")
    user = person("Kit Vale", share=False, receives_esa=True, esa_permitted_work_limit="lower")
    application = _apply(north, user, "13.45")

    response = client_for(north.coordinator.user).get(f"/api/v1/applications/{application.pk}/")

    assert response.json()["next_fee"] is None
