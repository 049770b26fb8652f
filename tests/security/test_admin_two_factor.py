"""The platform admin (/admin/) asks for a second factor (issue 14): a password alone does not
open it, nor does a session signed in elsewhere; the lockout still counts admin failures; the
demo platform admin can reach it with the demo authenticator."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from core.demo import PLATFORM_ADMIN, demo_two_factor_code
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.two_factor]

ADMIN_PAGE = "/admin/organisations/organisation/"


def _platform_admin(*, with_device: bool = True) -> tuple[User, TOTPDevice | None]:
    user = UserFactory.create(email="platform@example.org", is_staff=True, is_superuser=True)
    device = (
        TOTPDevice.objects.create(user=user, name="App", confirmed=True) if with_device else None
    )
    return user, device


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _sign_in(browser: Client, password: str, code: str = "") -> int:
    response = browser.post(
        "/admin/login/?next=/admin/",
        {"username": "platform@example.org", "password": password, "otp_token": code},
    )
    return response.status_code


def test_the_right_password_and_code_open_the_admin() -> None:
    _, device = _platform_admin()
    assert device is not None
    browser = Client()

    assert _sign_in(browser, TEST_PASSWORD, _code(device)) == 302
    assert browser.get(ADMIN_PAGE).status_code == 200


def test_the_password_alone_does_not_open_the_admin() -> None:
    _platform_admin()
    browser = Client()

    assert _sign_in(browser, TEST_PASSWORD) == 200  # the form again, with an error
    assert "_auth_user_id" not in browser.session
    page = browser.get(ADMIN_PAGE)
    assert page.status_code == 302
    assert page["Location"].startswith("/admin/login/")


def test_a_wrong_code_does_not_open_the_admin() -> None:
    _, device = _platform_admin()
    assert device is not None
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    browser = Client()

    assert _sign_in(browser, TEST_PASSWORD, wrong) == 200
    assert browser.get(ADMIN_PAGE).status_code == 302


def test_a_session_signed_in_without_a_second_factor_is_sent_to_the_admin_sign_in() -> None:
    """Signed in through the web app (password only): the admin asks for the code."""
    user, _ = _platform_admin()
    browser = Client()
    browser.force_login(user)

    page = browser.get(ADMIN_PAGE)

    assert page.status_code == 302
    assert page["Location"].startswith("/admin/login/")


def test_staff_without_an_authenticator_cannot_open_the_admin() -> None:
    _platform_admin(with_device=False)
    browser = Client()

    assert _sign_in(browser, TEST_PASSWORD, "123456") == 200
    assert browser.get(ADMIN_PAGE).status_code == 302


def test_admin_failures_still_lock_the_account_even_with_the_right_code() -> None:
    _, device = _platform_admin()
    assert device is not None
    browser = Client()
    for _ in range(5):
        _sign_in(browser, "not-the-password", _code(device))

    assert _sign_in(browser, TEST_PASSWORD, _code(device)) == 429
    assert "_auth_user_id" not in browser.session


def test_the_demo_platform_admin_reaches_the_admin_with_the_demo_code() -> None:
    call_command("demo_seed")
    browser = Client()

    response = browser.post(
        "/admin/login/?next=/admin/",
        {
            "username": PLATFORM_ADMIN,
            "password": "coproduce-demo",
            "otp_token": demo_two_factor_code(),
        },
    )

    assert response.status_code == 302
    assert browser.get(ADMIN_PAGE).status_code == 200


def test_a_recovery_code_opens_the_admin_once() -> None:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    user, _ = _platform_admin()
    recovery = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=recovery, token="k7p2q9xm")

    first, second = Client(), Client()

    assert _sign_in(first, TEST_PASSWORD, "k7p2q9xm") == 302
    assert first.get(ADMIN_PAGE).status_code == 200
    assert _sign_in(second, TEST_PASSWORD, "k7p2q9xm") == 200


def test_the_admin_sign_in_page_asks_for_the_code() -> None:
    page = Client().get("/admin/login/")

    assert page.status_code == 200
    assert 'name="otp_token"' in page.content.decode()
