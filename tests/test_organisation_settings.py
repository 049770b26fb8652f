"""An organisation's settings: the letterhead colour must read on white, and the rate card's
entries are changed and removed by those who run roles."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from opportunities.models import PayRate
from organisations.letterhead import contrast_with_white
from organisations.models import Membership, Role

from .factories import MembershipFactory, OrganisationFactory
from .opportunities.factories import OpportunityFactory, PayRateFactory

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User], APIClient]
MemberOf = Callable[..., Membership]


def test_contrast_with_white_follows_wcag() -> None:
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)


def test_a_letterhead_colour_too_light_to_read_on_white_is_refused(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    url = f"/api/v1/organisations/{admin.organisation_id}/"
    client = client_for(admin.user)

    pale = client.patch(url, {"letterhead_colour": "#FFEE99"}, format="json")
    grey = client.patch(url, {"letterhead_colour": "#777777"}, format="json")
    dark = client.patch(url, {"letterhead_colour": "#0B3D2E"}, format="json")

    assert pale.status_code == 400
    assert "at least 4.5 to 1" in pale.json()["fields"]["letterhead_colour"][0]
    assert grey.status_code == 400  # 4.48 to 1: just too light
    assert dark.status_code == 200, dark.json()
    assert dark.json()["letterhead_colour"] == "#0b3d2e"


def _rate_url(membership: Membership, rate: PayRate) -> str:
    return f"/api/v1/organisations/{membership.organisation_id}/pay-rates/{rate.pk}/"


def test_a_coordinator_changes_a_rate_and_roles_already_offered_keep_their_pay(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    rate = PayRateFactory.create(organisation=coordinator.organisation, amount=Decimal("25.00"))
    role = OpportunityFactory.create(
        organisation=coordinator.organisation, pay_rate=Decimal("25.00")
    )

    response = client_for(coordinator.user).patch(
        _rate_url(coordinator, rate), {"amount": "30.00", "name": "Panel meeting"}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert (response.json()["amount"], response.json()["name"]) == ("30.00", "Panel meeting")
    role.refresh_from_db()
    assert role.pay_rate == Decimal("25.00")
    assert rate.history.count() == 2


def test_making_a_rate_the_default_replaces_the_old_default(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    old = PayRateFactory.create(organisation=admin.organisation, is_default=True)
    new = PayRateFactory.create(organisation=admin.organisation, is_default=False)
    client = client_for(admin.user)

    made = client.patch(_rate_url(admin, new), {"is_default": True}, format="json")
    unset = client.patch(_rate_url(admin, new), {"is_default": False}, format="json")

    assert made.status_code == 200, made.json()
    old.refresh_from_db()
    assert old.is_default is False
    assert unset.status_code == 400 and "is_default" in unset.json()["fields"]


def test_a_rate_cannot_take_another_rates_name_or_a_bad_amount(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    admin = member_of(Role.ADMIN)
    PayRateFactory.create(organisation=admin.organisation, name="Workshop", is_default=False)
    rate = PayRateFactory.create(organisation=admin.organisation, name="Panel")
    client = client_for(admin.user)

    same_name = client.patch(_rate_url(admin, rate), {"name": "Workshop"}, format="json")
    nothing = client.patch(_rate_url(admin, rate), {"amount": "0.00"}, format="json")
    unknown = client.patch(_rate_url(admin, rate), {"colour": "red"}, format="json")

    assert same_name.status_code == 400 and "name" in same_name.json()["fields"]
    assert nothing.status_code == 400 and "amount" in nothing.json()["fields"]
    assert unknown.status_code == 400 and "colour" in unknown.json()["fields"]


def test_a_rate_is_removed_by_its_organisation_only(
    client_for: ClientFor, member_of: MemberOf
) -> None:
    coordinator = member_of(Role.COORDINATOR)
    finance = member_of(Role.FINANCE)
    rate = PayRateFactory.create(organisation=coordinator.organisation)
    elsewhere = MembershipFactory.create(organisation=OrganisationFactory.create(), role="admin")
    other_url = f"/api/v1/organisations/{elsewhere.organisation_id}/pay-rates/{rate.pk}/"

    assert client_for(finance.user).delete(_rate_url(finance, rate)).status_code == 403
    assert client_for(elsewhere.user).delete(other_url).status_code == 404
    assert client_for(elsewhere.user).delete(_rate_url(coordinator, rate)).status_code == 404
    assert PayRate.objects.filter(pk=rate.pk).exists()

    assert client_for(coordinator.user).delete(_rate_url(coordinator, rate)).status_code == 204
    assert not PayRate.objects.filter(pk=rate.pk).exists()
