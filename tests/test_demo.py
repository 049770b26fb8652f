from __future__ import annotations

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.models import User
from core.demo import demo_two_factor_code, demo_two_factor_secret
from organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db

DEMO_EMAILS = {
    "platform@demo.test",
    *(
        f"{role}@{org}.demo.test"
        for role in ("admin", "coordinator", "finance")
        for org in ("northfield", "southdown")
    ),
    "esa@contributors.demo.test",
    "uc@contributors.demo.test",
    "carer@contributors.demo.test",
}


def test_demo_data_loads_twice_without_duplicating(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo_seed", url="http://127.0.0.1:8000/")
    call_command("demo_seed")

    assert set(User.objects.values_list("email", flat=True)) == DEMO_EMAILS
    assert set(Organisation.objects.values_list("slug", flat=True)) == {"northfield", "southdown"}
    assert all(o.is_verified for o in Organisation.objects.all())
    assert Membership.objects.count() == 6
    printed = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in printed
    assert "coordinator@southdown.demo.test" in printed
    assert User.objects.get(email="platform@demo.test").is_staff


def test_demo_sign_ins_work_with_the_demo_password(api: APIClient, settings) -> None:
    settings.DEMO_PASSWORD = "another-demo-password"
    call_command("demo_seed")

    response = api.post(
        "/api/v1/auth/token/",
        {
            "email": "finance@northfield.demo.test",
            "password": "another-demo-password",
            "code": demo_two_factor_code(),
        },
        format="json",
    )

    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    [membership] = api.get("/api/v1/me/").json()["memberships"]
    assert membership["role"] == "finance"
    assert membership["organisation_name"] == "Northfield Mental Health Network"


def test_demo_staff_who_must_use_two_factor_have_the_demo_authenticator(
    capsys: pytest.CaptureFixture[str],
) -> None:

    call_command("demo_seed")
    call_command("demo_seed")

    with_device = set(
        TOTPDevice.objects.filter(confirmed=True).values_list("user__email", flat=True)
    )
    assert with_device == {"platform@demo.test"} | {
        f"{role}@{org}.demo.test"
        for role in ("admin", "finance")
        for org in ("northfield", "southdown")
    }
    assert demo_two_factor_secret() in capsys.readouterr().out
    call_command("demo_seed", two_factor_code=True)
    assert capsys.readouterr().out.strip() == demo_two_factor_code()
