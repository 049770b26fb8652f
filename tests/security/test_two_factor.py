"""Issue 14 point 6: owners, admins and finance officers sign in with a second factor."""

from __future__ import annotations

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.models import User
from organisations.models import Membership, Role

from ..factories import TEST_PASSWORD, ContributorFactory, MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.two_factor]

LOGIN = "/api/v1/auth/login/"
LOGIN_CODE = "/api/v1/auth/login/two-factor/"
SETUP = "/api/v1/auth/two-factor/"
TOKEN = "/api/v1/auth/token/"


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _signed_in(user: User) -> APIClient:
    client = APIClient()
    response = client.post(LOGIN, {"email": user.email, "password": TEST_PASSWORD}, format="json")
    assert response.status_code == 200, response.json()
    return client


def _enable(user: User) -> list[str]:
    client = _signed_in(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(SETUP, {"code": _code(device)}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()["recovery_codes"]


def _organisation_page(client: APIClient, membership: Membership) -> int:
    return client.get(f"/api/v1/organisations/{membership.organisation_id}/dashboard/").status_code


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN, Role.FINANCE])
def test_staff_who_must_use_two_factor_are_refused_until_they_set_it_up(role: str) -> None:
    membership = MembershipFactory.create(role=role)
    client = _signed_in(membership.user)

    refused = client.get(f"/api/v1/organisations/{membership.organisation_id}/")
    me = client.get("/api/v1/me/").json()

    assert refused.status_code == 403
    assert refused.json()["code"] == "two_factor_setup_required"
    assert me["two_factor_required"] is True
    assert me["two_factor_enabled"] is False

    _enable(membership.user)
    again = _signed_in_with_code(membership.user)
    assert again.get(f"/api/v1/organisations/{membership.organisation_id}/").status_code == 200


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.VIEWER])
def test_other_roles_are_not_required_to(role: str) -> None:
    membership = MembershipFactory.create(role=role)

    response = _signed_in(membership.user).get(
        f"/api/v1/organisations/{membership.organisation_id}/"
    )

    assert response.status_code == 200


def test_contributors_are_never_required_to() -> None:
    contributor = ContributorFactory.create()
    client = _signed_in(contributor)

    assert client.get("/api/v1/me/payment-preference/").status_code == 200
    assert client.get("/api/v1/me/").json()["two_factor_required"] is False


def _signed_in_with_code(user: User) -> APIClient:
    client = APIClient()
    first = client.post(LOGIN, {"email": user.email, "password": TEST_PASSWORD}, format="json")
    assert first.json() == {"two_factor_required": True}
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    device.refresh_from_db()
    device.last_t = -1  # a fresh 30-second window for the test, as after waiting
    device.save()
    done = client.post(LOGIN_CODE, {"code": _code(device)}, format="json")
    assert done.status_code == 200, done.json()
    return client


def test_setup_gives_a_provisioning_address_and_recovery_codes_once() -> None:
    owner = MembershipFactory.create(role=Role.OWNER).user
    client = _signed_in(owner)

    first = client.get(SETUP).json()
    second = client.get(SETUP).json()

    assert first["enabled"] is False
    assert first["provisioning_uri"].startswith("otpauth://totp/Coproduce")
    assert first["secret"] == second["secret"]
    device = TOTPDevice.objects.get(user=owner)
    wrong = client.post(SETUP, {"code": "000000" if _code(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert wrong.json()["code"] == "two_factor_code_wrong"
    device.refresh_from_db()
    device.throttle_reset()  # as after waiting: django-otp pauses after a wrong code

    codes = client.post(SETUP, {"code": _code(device)}, format="json").json()["recovery_codes"]

    assert len(codes) == 10 and len(set(codes)) == 10
    after = client.get(SETUP).json()
    assert after["enabled"] is True
    assert after["provisioning_uri"] is None and after["secret"] is None
    assert after["recovery_codes_left"] == 10
    assert client.post(SETUP, {"code": "123456"}, format="json").status_code == 409


def test_a_password_alone_no_longer_signs_in_once_two_factor_is_on() -> None:
    owner = MembershipFactory.create(role=Role.OWNER)
    _enable(owner.user)
    client = APIClient()

    first = client.post(LOGIN, {"email": owner.user.email, "password": TEST_PASSWORD})

    assert first.status_code == 200
    assert first.json() == {"two_factor_required": True}
    assert client.get("/api/v1/me/").status_code == 401
    wrong = client.post(LOGIN_CODE, {"code": "12345x"}, format="json")
    assert wrong.status_code == 400
    assert client.get("/api/v1/me/").status_code == 401


def test_the_code_step_needs_the_password_step_first() -> None:
    response = APIClient().post(LOGIN_CODE, {"code": "123456"}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "two_factor_not_started"


def test_a_recovery_code_signs_in_once() -> None:
    owner = MembershipFactory.create(role=Role.OWNER)
    [code, *_] = _enable(owner.user)

    first = APIClient()
    first.post(LOGIN, {"email": owner.user.email, "password": TEST_PASSWORD})
    used = first.post(LOGIN_CODE, {"code": code.upper()}, format="json")
    second = APIClient()
    second.post(LOGIN, {"email": owner.user.email, "password": TEST_PASSWORD})
    reused = second.post(LOGIN_CODE, {"code": code}, format="json")

    assert used.status_code == 200
    assert _organisation_page(first, owner) == 200
    assert reused.status_code == 400


def test_tokens_for_a_two_factor_account_need_the_code() -> None:
    owner = MembershipFactory.create(role=Role.OWNER)
    _enable(owner.user)
    credentials = {"email": owner.user.email, "password": TEST_PASSWORD}

    without = APIClient().post(TOKEN, credentials, format="json")
    device = TOTPDevice.objects.get(user=owner.user)
    device.last_t = -1
    device.save()
    with_code = APIClient().post(TOKEN, {**credentials, "code": _code(device)}, format="json")

    assert without.status_code == 400
    assert without.json()["code"] == "two_factor_required"
    assert with_code.status_code == 200, with_code.json()


def test_repeated_wrong_codes_are_slowed_down() -> None:
    owner = MembershipFactory.create(role=Role.OWNER)
    _enable(owner.user)
    client = APIClient()
    client.post(LOGIN, {"email": owner.user.email, "password": TEST_PASSWORD})
    device = TOTPDevice.objects.get(user=owner.user)
    right = _code(device)
    wrong = "000000" if right != "000000" else "111111"

    client.post(LOGIN_CODE, {"code": wrong}, format="json")
    device.refresh_from_db()
    device.last_t = -1
    device.save(update_fields=["last_t"])
    straight_after = client.post(LOGIN_CODE, {"code": right}, format="json")

    assert straight_after.status_code == 400  # django-otp waits after each failure
