"""Issue 11, bank details: contributors enter their own (checked for shape), stored encrypted
at rest, shown to finance masked, every reading and change logged, never in errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.db import connection
from rest_framework.test import APIClient

from accounts.models import User
from opportunities.models import Engagement
from payments.bank.crypto import Account, account_decrypt
from payments.models import BankDetails, BankDetailsAccess, PaymentRun, PaymentStatus

from .conftest import Org
from .factories import PaymentFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/bank-details/"
DETAILS = {"sort_code": "30-94-57", "account_number": "0073 3445", "account_name": "Asha Patel"}


def _as(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _raw_secret(contributor: User) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT secret FROM payments_bankdetails WHERE contributor_id = %s", [contributor.pk]
        )
        (secret,) = cursor.fetchone()
    return str(secret)


def test_a_contributor_enters_sees_and_changes_their_own_bank_details(contributor: User) -> None:
    client = _as(contributor)

    before = client.get(URL)
    entered = client.put(URL, DETAILS, format="json")
    seen = client.get(URL)
    changed = client.put(URL, {**DETAILS, "account_number": "12345678"}, format="json")

    assert before.json() == {
        "is_set": False,
        "sort_code": "",
        "account_number": "",
        "account_name": "",
    }
    assert entered.status_code == 200
    assert seen.json() == {
        "is_set": True,
        "sort_code": "309457",
        "account_number": "00733445",
        "account_name": "Asha Patel",
    }
    assert changed.json()["account_number"] == "12345678"
    assert BankDetails.objects.count() == 1
    assert list(
        BankDetailsAccess.objects.filter(contributor=contributor)
        .order_by("id")
        .values_list("action", "by")
    ) == [
        ("changed", contributor.pk),
        ("viewed_own", contributor.pk),
        ("changed", contributor.pk),
    ]


def test_bank_details_are_encrypted_at_rest_with_the_key_from_settings(
    contributor: User, settings
) -> None:
    _as(contributor).put(URL, DETAILS, format="json")

    raw = _raw_secret(contributor)

    for plain in ("309457", "30-94-57", "00733445", "Asha", "Patel"):
        assert plain not in raw
    assert account_decrypt(raw) == Account("309457", "00733445", "Asha Patel")
    settings.BANK_DETAILS_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(InvalidToken):
        account_decrypt(raw)


def test_keys_can_be_rotated_new_key_first_old_key_still_reads(contributor: User, settings) -> None:
    old = settings.BANK_DETAILS_KEYS[0]
    _as(contributor).put(URL, DETAILS, format="json")
    settings.BANK_DETAILS_KEYS = [Fernet.generate_key().decode(), old]

    assert _as(contributor).get(URL).json()["account_number"] == "00733445"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sort_code", "12345"),
        ("sort_code", "12-34-5a"),
        ("account_number", "1234567"),
        ("account_number", "123456789"),
        ("account_name", "  "),
        ("account_name", "1234"),
    ],
)
def test_bank_details_of_the_wrong_shape_are_refused_without_echoing_them(
    contributor: User, field: str, value: str
) -> None:
    answer = _as(contributor).put(URL, {**DETAILS, field: value}, format="json")

    assert answer.status_code == 400
    assert list(answer.json()["fields"]) == [field]
    assert value.strip() == "" or value not in answer.content.decode()
    assert not BankDetails.objects.exists()


def test_unknown_fields_are_refused_and_removing_is_logged(contributor: User) -> None:
    client = _as(contributor)
    client.put(URL, DETAILS, format="json")

    unknown = client.put(URL, {**DETAILS, "iban": "GB00"}, format="json")
    removed = client.delete(URL)

    assert unknown.status_code == 400 and "iban" in unknown.json()["fields"]
    assert removed.status_code == 204
    assert not BankDetails.objects.exists()
    assert BankDetailsAccess.objects.filter(action="removed", by=contributor).count() == 1


def test_the_account_never_shows_its_digits_when_printed() -> None:
    account = Account("309457", "00733445", "Asha Patel")

    assert "309457" not in repr(account) and "00733445" not in str(account)
    assert (account.sort_code_masked, account.account_number_masked) == ("**-**-57", "****3445")


def _run_paying(org: Org, contributor: User) -> PaymentRun:
    PaymentFactory.create(
        engagement=Engagement.objects.get(
            contributor=contributor, opportunity__organisation=org.organisation
        ),
        offered=Decimal("25.00"),
        status=PaymentStatus.APPROVED,
        due_on=date(2026, 11, 23),
    )
    answer = org.client("finance").post(
        f"/api/v1/organisations/{org.organisation.pk}/payment-runs/", {}, format="json"
    )
    return PaymentRun.objects.get(pk=answer.json()["id"])


def test_finance_sees_the_runs_payees_masked_and_each_reading_is_logged(
    northfield: Org, southdown: Org, contributor: User
) -> None:
    _as(contributor).put(URL, DETAILS, format="json")
    run = _run_paying(northfield, contributor)
    url = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/{run.pk}/payees/"

    answer = northfield.client("finance").get(url)

    assert answer.status_code == 200
    assert answer.json()["results"] == [
        {
            "contributor_id": contributor.pk,
            "contributor_reference": f"C{contributor.pk:06d}",
            "payee_name": contributor.full_name,
            "has_bank_details": True,
            "sort_code_masked": "**-**-57",
            "account_number_masked": "****3445",
        }
    ]
    assert "00733445" not in answer.content.decode() and "309457" not in answer.content.decode()
    viewed = BankDetailsAccess.objects.get(action="viewed_masked")
    assert (viewed.contributor, viewed.by, viewed.run_id) == (
        contributor,
        northfield.finance.user,
        run.pk,
    )
    assert northfield.client("coordinator").get(url).status_code == 403
    assert southdown.client("finance").get(url).status_code == 404
    assert BankDetailsAccess.objects.filter(action="viewed_masked").count() == 1


def test_a_payee_without_bank_details_is_named_so_finance_can_ask(
    northfield: Org, contributor: User
) -> None:
    run = _run_paying(northfield, contributor)
    url = f"/api/v1/organisations/{northfield.organisation.pk}/payment-runs/{run.pk}/payees/"

    (payee,) = northfield.client("finance").get(url).json()["results"]

    assert payee["has_bank_details"] is False
    assert payee["sort_code_masked"] == payee["account_number_masked"] == ""
    assert not BankDetailsAccess.objects.exists()
