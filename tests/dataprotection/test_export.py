from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest

from tests.dataprotection.conftest import NAME, World, as_user, png
from tests.factories import ContributorFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/export/"


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.content
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_export_is_a_zip_of_everything_held_with_letters_and_receipts(world: World) -> None:
    response = as_user(world.contributor).get(URL)

    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    archive = _zip(response)
    data = json.loads(archive.read("coproduce-data.json"))
    assert data["account"]["email"] == world.contributor.email
    assert data["account"]["full_name"] == NAME
    assert "password" not in data["account"]
    assert data["profile"]["address_line_1"] == "12 Elm Road"
    assert data["benefit_circumstances"]["receives_esa"] is True
    assert data["benefit_circumstances"]["benefit_week_start"] == 2
    # Both saves of the circumstances are in their history, the first with Monday weeks.
    assert [row["benefit_week_start"] for row in data["benefit_circumstances_history"]] == [0, 2]
    assert data["payment_preference"]["choice"] == "capped"
    assert data["payment_preference_history"]
    assert len(data["applications"]) == 2 and len(data["engagements"]) == 2
    payments = {p["id"]: p for p in data["payments"]}
    assert set(payments) == {world.paid_fee.pk, world.pending_fee.pk}
    summaries = [entry["summary"] for entry in payments[world.paid_fee.pk]["history"]]
    assert summaries[0] == "Payment recorded."
    assert "status: pending → approved" in summaries[1]
    assert "status: approved → paid" in summaries[2]
    assert data["alerts"], "£17 due this week is past 80 % of the £20 ESA limit"
    assert "Welcome" in [n["title"] for n in data["notifications"]]
    assert data["expense_claims"][0]["items"][0]["description"] == "Train to the meeting"
    assert data["memberships"] == []

    letter = data["letters"][0]
    assert letter["reference"] == world.letter.reference
    pdf = archive.read(letter["file_in_export"])
    assert hashlib.sha256(pdf).hexdigest() == world.letter.sha256
    receipt = data["expense_claims"][0]["items"][0]["receipt"]
    assert archive.read(receipt["file_in_export"]) == png()


def test_export_holds_only_the_signed_in_persons_data(world: World) -> None:
    someone_else = ContributorFactory.create()

    archive = _zip(as_user(someone_else).get(URL))

    data = json.loads(archive.read("coproduce-data.json"))
    assert data["account"]["email"] == someone_else.email
    assert data["payments"] == [] and data["letters"] == [] and data["expense_claims"] == []
    assert data["benefit_circumstances"] is None
    assert archive.namelist() == ["coproduce-data.json"]
    assert NAME not in archive.read("coproduce-data.json").decode()


def test_a_client_may_ask_for_the_zip_by_its_media_type(world: World) -> None:
    response = as_user(world.contributor).get(URL, HTTP_ACCEPT="application/zip")

    assert "coproduce-data.json" in _zip(response).namelist()


def test_export_needs_sign_in(db: None) -> None:
    from rest_framework.test import APIClient

    assert APIClient().get(URL).status_code == 401


def test_export_is_in_the_api_schema(db: None) -> None:
    from rest_framework.test import APIClient

    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()

    assert (
        "application/zip"
        in schema["paths"]["/api/v1/me/export/"]["get"]["responses"]["200"]["content"]
    )
    assert "post" in schema["paths"]["/api/v1/me/erase/"]
    assert "get" in schema["paths"]["/api/v1/payments/{payment_id}/history/"]
