from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib import admin
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from accounts.models import User
from contributors.models import BenefitCircumstances
from contributors.selectors import circumstances_for
from contributors.services import circumstances_set
from contributors.signals import circumstances_changed
from coproduce.api.errors import ApplicationError
from organisations.models import Membership, Role
from tests.factories import ContributorFactory, UserFactory

from .factories import BenefitCircumstancesFactory

pytestmark = pytest.mark.django_db

Client = Callable[[User], APIClient]
URL = "/api/v1/me/benefits/"


def test_before_anything_is_saved_the_defaults_are_shown(client_for: Client) -> None:
    contributor = ContributorFactory.create()

    response = client_for(contributor).get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["receives_esa"] is False
    assert body["benefit_week_start"] == 0
    assert body["track_tax_year"] is True
    assert not BenefitCircumstances.objects.filter(user=contributor).exists()


def test_contributor_saves_universal_credit_details(client_for: Client) -> None:
    contributor = ContributorFactory.create()
    payload = {
        "receives_uc": True,
        "uc_housing_element": True,
        "uc_work_allowance": True,
        "uc_assessment_start_day": 15,
        "receives_pip_dla_adp": True,
    }

    response = client_for(contributor).patch(URL, payload)

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["uc_assessment_start_day"] == 15
    assert "no earnings limit" in body["no_earnings_rule_note"]
    saved = circumstances_for(contributor=contributor)
    assert saved is not None and saved.uc_housing_element is True


@pytest.mark.parametrize("day", [0, 32, "fifteenth"])
def test_assessment_start_day_must_be_1_to_31(client_for: Client, day: Any) -> None:
    response = client_for(ContributorFactory.create()).patch(
        URL, {"receives_uc": True, "uc_assessment_start_day": day}
    )

    assert response.status_code == 400
    assert response.json()["fields"]["uc_assessment_start_day"] == [
        "Enter a day of the month from 1 to 31."
    ]


def test_universal_credit_needs_the_assessment_start_day(client_for: Client) -> None:
    response = client_for(ContributorFactory.create()).patch(URL, {"receives_uc": True})

    assert response.status_code == 400
    message = response.json()["fields"]["uc_assessment_start_day"][0]
    assert "assessment period starts" in message


def test_esa_needs_a_permitted_work_limit(client_for: Client) -> None:
    response = client_for(ContributorFactory.create()).patch(URL, {"receives_esa": True})

    assert response.status_code == 400
    assert "lower limit" in response.json()["fields"]["esa_permitted_work_limit"][0]


def test_benefit_week_start_must_be_a_weekday_number(client_for: Client) -> None:
    response = client_for(ContributorFactory.create()).patch(URL, {"benefit_week_start": 7})

    assert response.status_code == 400
    assert "0 is Monday" in response.json()["fields"]["benefit_week_start"][0]


def test_details_of_benefits_no_longer_received_are_cleared() -> None:
    contributor = ContributorFactory.create()
    circumstances_set(
        user=contributor,
        data={"receives_uc": True, "uc_assessment_start_day": 9, "uc_housing_element": True},
    )

    saved = circumstances_set(user=contributor, data={"receives_uc": False})

    assert saved.uc_assessment_start_day is None
    assert saved.uc_housing_element is False
    assert BenefitCircumstances.objects.filter(user=contributor).count() == 1


def test_the_database_refuses_universal_credit_without_a_start_day() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        BenefitCircumstancesFactory.create(
            receives_esa=False, receives_uc=True, uc_assessment_start_day=None
        )


def test_saving_circumstances_announces_the_change_after_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    contributor = ContributorFactory.create()
    seen: list[int] = []

    def receiver(sender: object, user_id: int, **_: object) -> None:
        seen.append(user_id)

    circumstances_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            circumstances_set(user=contributor, data={"receives_carers_allowance": True})
            assert seen == []
    finally:
        circumstances_changed.disconnect(receiver)
    assert seen == [contributor.pk]


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN, Role.COORDINATOR, Role.FINANCE])
def test_organisation_accounts_cannot_read_or_write_circumstances(
    client_for: Client, member_of: Callable[..., Membership], role: str
) -> None:
    BenefitCircumstancesFactory.create()
    staff = member_of(role).user

    read = client_for(staff).get(URL)
    write = client_for(staff).patch(URL, {"receives_esa": False})

    assert read.status_code == 403
    assert write.status_code == 403
    assert "organisation account" in read.json()["message"]
    assert "receives_esa" not in read.json()
    assert not BenefitCircumstances.objects.filter(user=staff).exists()


def test_no_query_parameter_reveals_another_persons_circumstances(client_for: Client) -> None:
    other = BenefitCircumstancesFactory.create(receives_carers_allowance=True, benefit_week_start=3)
    contributor = ContributorFactory.create()

    response = client_for(contributor).get(URL, {"user": other.user.pk, "id": other.pk})

    assert response.json()["receives_carers_allowance"] is False
    assert response.json()["benefit_week_start"] == 0


def test_service_refuses_organisation_accounts() -> None:
    with pytest.raises(ApplicationError):
        circumstances_set(user=UserFactory.create(), data={"receives_esa": False})


def test_circumstances_text_form_says_nothing_about_benefits() -> None:
    circumstances = BenefitCircumstancesFactory.create(receives_carers_allowance=True)
    for text in (str(circumstances), repr(circumstances)):
        assert "esa" not in text.lower()
        assert "carer" not in text.lower()


def test_circumstances_are_not_in_the_admin() -> None:

    assert BenefitCircumstances not in admin.site._registry
