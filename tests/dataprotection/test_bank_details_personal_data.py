"""Bank details in the person's own data download, and gone when they erase their account."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from payments.bank.crypto import Account
from payments.bank.services import bank_details_set
from payments.models import BankDetails, BankDetailsAccess
from tests.dataprotection.conftest import World, as_user, erase

pytestmark = pytest.mark.django_db

ACCOUNT = Account(sort_code="309457", account_number="00733445", account_name="Sam Taylor")


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_download_has_the_persons_own_bank_details_and_who_read_them(world: World) -> None:
    bank_details_set(contributor=world.contributor, account=ACCOUNT)

    archive = _zip(as_user(world.contributor).get("/api/v1/me/export/"))
    data = json.loads(archive.read("coproduce-data.json"))
    assert data["bank_details"] == {
        "sort_code": "309457",
        "account_number": "00733445",
        "account_name": "Sam Taylor",
    }
    assert [r["action"] for r in data["bank_details_readings"]] == [
        "In the contributor's own data download",
        "Entered or changed by the contributor",
    ]


def test_erasure_deletes_bank_details_and_keeps_the_log_without_digits(world: World) -> None:
    bank_details_set(contributor=world.contributor, account=ACCOUNT)

    assert erase(world.contributor).status_code == 200

    assert not BankDetails.objects.exists()
    log = list(BankDetailsAccess.objects.values())
    assert [row["action"] for row in log] == ["changed"]
    assert "00733445" not in str(log)
