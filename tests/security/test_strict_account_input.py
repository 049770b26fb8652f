"""Sign-in, password and token inputs refuse fields they do not know, naming them, like every
other input: a client that sends ``is_staff`` or a misspelt field learns so at once."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import ContributorFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase 42"


@pytest.mark.parametrize(
    ("path", "body", "signed_in"),
    [
        ("/api/v1/auth/password-reset/", {"email": "someone@example.org"}, False),
        (
            "/api/v1/auth/password-reset/confirm/",
            {"uid": "x", "token": "y", "new_password": PASSWORD},
            False,
        ),
        ("/api/v1/auth/register/confirm/", {"uid": "x", "token": "y"}, False),
        ("/api/v1/auth/login/two-factor/", {"code": "123456"}, False),
        (
            "/api/v1/auth/password-change/",
            {"current_password": PASSWORD, "new_password": PASSWORD + "!"},
            True,
        ),
        ("/api/v1/auth/two-factor/", {"code": "123456"}, True),
        ("/api/v1/auth/tokens/", {"name": "laptop"}, True),
    ],
)
def test_account_inputs_refuse_unknown_fields_by_name(
    path: str, body: dict[str, str], signed_in: bool
) -> None:
    client = APIClient()
    if signed_in:
        client.force_authenticate(ContributorFactory.create(password=PASSWORD))

    response = client.post(path, {**body, "is_staff": True}, format="json")

    assert response.status_code == 400, response.content
    assert "is_staff" in response.json()["fields"]
