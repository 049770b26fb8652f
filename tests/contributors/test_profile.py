from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from contributors.models import ContributorProfile
from contributors.services import profile_get_or_create
from coproduce.api.errors import PermissionDenied
from tests.factories import ContributorFactory, UserFactory

pytestmark = pytest.mark.django_db

Client = Callable[[User], APIClient]


def test_profile_is_created_empty_the_first_time_it_is_asked_for(client_for: Client) -> None:
    contributor = ContributorFactory.create()

    response = client_for(contributor).get("/api/v1/me/profile/")

    assert response.status_code == 200
    assert response.json()["share_headroom"] is False
    assert response.json()["contact_preference"] == "email"
    assert ContributorProfile.objects.filter(user=contributor).count() == 1


def test_profile_get_or_create_twice_keeps_one_profile() -> None:
    contributor = ContributorFactory.create()
    first = profile_get_or_create(user=contributor)
    assert profile_get_or_create(user=contributor).pk == first.pk


def test_contributor_can_change_their_profile_and_consent(client_for: Client) -> None:
    contributor = ContributorFactory.create()
    payload = {
        "preferred_name": "Alex",
        "address_line_1": "12 Elm Road",
        "town": "Northfield",
        "postcode": "nf1  3ef",
        "phone": "01234 567890",
        "contact_preference": "post",
        "adjustments": "Large print, please.",
        "share_headroom": True,
    }

    response = client_for(contributor).patch("/api/v1/me/profile/", payload)

    assert response.status_code == 200, response.json()
    assert response.json()["postcode"] == "NF1 3EF"
    profile = ContributorProfile.objects.get(user=contributor)
    assert profile.share_headroom is True
    assert profile.contact_preference == "post"


def test_profile_rejects_a_bad_postcode_and_contact_choice(client_for: Client) -> None:
    response = client_for(ContributorFactory.create()).patch(
        "/api/v1/me/profile/", {"postcode": "not a postcode", "contact_preference": "pigeon"}
    )

    assert response.status_code == 400
    fields = response.json()["fields"]
    assert fields["postcode"] == ["Enter a UK postcode, like SW1A 1AA."]
    assert fields["contact_preference"] == ["Choose e-mail, phone or post."]


@pytest.mark.parametrize("method", ["get", "put"])
def test_organisation_accounts_have_no_contributor_profile(client_for: Client, method: str) -> None:
    staff = UserFactory.create()

    response = getattr(client_for(staff), method)("/api/v1/me/profile/", {})

    assert response.status_code == 403
    assert "organisation account" in response.json()["message"]
    assert not ContributorProfile.objects.filter(user=staff).exists()


def test_service_refuses_a_profile_for_an_organisation_account() -> None:
    with pytest.raises(PermissionDenied):
        profile_get_or_create(user=UserFactory.create())


def test_profile_needs_signing_in(api: APIClient) -> None:
    assert api.get("/api/v1/me/profile/").status_code in (401, 403)
