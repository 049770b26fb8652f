"""Letters through the API: asking for one, listing, the PDF, revoking and reissuing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from letters.models import Letter
from tests.factories import MembershipFactory

from .conftest import FakeLedger, Scene

Client = Callable[[User], APIClient]


def _pdf(client: APIClient, letter: Letter) -> Any:
    return client.get(f"/api/v1/letters/{letter.pk}/pdf/")


def test_requesting_a_letter_answers_202_and_the_worker_issues_it(
    scene: Scene,
    client_for: Client,
    request_body: Callable[..., dict[str, Any]],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(scene.admin).post("/api/v1/letters/", request_body())

    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "requested"  # what it was when the request was answered
    assert body["reference"].startswith("CP-")
    detail = client_for(scene.admin).get(f"/api/v1/letters/{body['id']}/").json()
    assert detail["status"] == "issued"
    assert detail["organisation"] == {"id": scene.organisation.pk, "name": "Northfield Mind"}
    assert len(detail["sha256"]) == 64


def test_a_contributor_asks_for_their_own_letter_without_naming_themself(
    scene: Scene, client_for: Client, request_body: Callable[..., dict[str, Any]]
) -> None:
    body = request_body()
    del body["contributor"]

    response = client_for(scene.contributor).post("/api/v1/letters/", body)

    assert response.status_code == 202
    assert response.json()["contributor"]["id"] == scene.contributor.pk


def test_an_unverified_organisation_gets_403_with_a_clear_message(
    scene: Scene, client_for: Client, request_body: Callable[..., dict[str, Any]]
) -> None:
    scene.organisation.verified_at = None
    scene.organisation.save()

    response = client_for(scene.admin).post("/api/v1/letters/", request_body())

    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "organisation_not_verified"
    assert body["message"].startswith("Northfield Mind has not been verified yet")


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"period_start": "2026-01-25", "period_end": "2026-01-05"}, "period_end", "invalid"),
        ({"period_start": "not a date"}, "period_start", "invalid"),
        ({"kind": "love_letter"}, "kind", "invalid"),
        ({"organisation": 999999}, "organisation", "invalid"),
        ({"contributor": 999999}, "contributor", "not_engaged"),
    ],
)
def test_bad_requests_answer_400_with_a_field_message(
    scene: Scene,
    client_for: Client,
    request_body: Callable[..., dict[str, Any]],
    changes: dict[str, Any],
    field: str,
    code: str,
) -> None:
    response = client_for(scene.admin).post("/api/v1/letters/", request_body(**changes))

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == code
    assert field in body["fields"]
    assert Letter.objects.count() == 0


def test_a_period_with_no_involvement_answers_400(
    scene: Scene, ledger: FakeLedger, client_for: Client, request_body: Callable[..., Any]
) -> None:
    ledger.has_involvement = False

    response = client_for(scene.admin).post("/api/v1/letters/", request_body())

    assert response.status_code == 400
    assert response.json()["code"] == "no_involvement"
    message = response.json()["message"]
    assert message == "There was no involvement work and no payment in this period."


def test_a_contributor_not_engaged_answers_400(
    scene: Scene, client_for: Client, request_body: Callable[..., Any]
) -> None:
    other = MembershipFactory.create(role="admin").user  # any account, not engaged

    response = client_for(scene.admin).post("/api/v1/letters/", request_body(contributor=other.pk))

    assert response.status_code == 400
    assert response.json()["code"] == "not_engaged"
    assert "has not taken part" in response.json()["message"]


def test_signed_out_people_cannot_list_or_request(api: APIClient) -> None:
    assert api.get("/api/v1/letters/").status_code == 401
    assert api.post("/api/v1/letters/", {}).status_code == 401


def test_each_person_lists_only_the_letters_they_may_see(
    scene: Scene, issued: Letter, client_for: Client
) -> None:
    def references(user: User) -> list[str]:
        response = client_for(user).get("/api/v1/letters/")
        assert response.status_code == 200
        return [row["reference"] for row in response.json()["results"]]

    assert references(scene.admin) == [issued.reference]
    assert references(scene.contributor) == [issued.reference]
    assert references(scene.coordinator) == []
    assert references(scene.outsider) == []
    assert client_for(scene.outsider).get(f"/api/v1/letters/{issued.pk}/").status_code == 404


def test_the_pdf_downloads_as_an_attachment_for_the_admin_and_the_contributor(
    scene: Scene, issued: Letter, client_for: Client
) -> None:
    for user in (scene.admin, scene.contributor):
        response = _pdf(client_for(user), issued)

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="{issued.reference}.pdf"'
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_everyone_else_gets_404_for_the_pdf(
    scene: Scene, issued: Letter, client_for: Client, api: APIClient
) -> None:
    assert _pdf(client_for(scene.outsider), issued).status_code == 404
    assert _pdf(client_for(scene.coordinator), issued).status_code == 404
    assert _pdf(api, issued).status_code == 401
    admin_elsewhere = MembershipFactory.create(role="admin").user
    assert _pdf(client_for(admin_elsewhere), issued).status_code == 404


def test_the_pdf_answers_409_until_the_letter_is_issued(
    scene: Scene, client_for: Client, request_body: Callable[..., Any]
) -> None:
    response = client_for(scene.admin).post("/api/v1/letters/", request_body())
    letter = Letter.objects.get(pk=response.json()["id"])

    answer = _pdf(client_for(scene.admin), letter)

    assert answer.status_code == 409
    assert answer.json()["message"] == "This letter is not ready yet. Try again in a minute."


def test_only_admins_revoke_through_the_api(
    scene: Scene, issued: Letter, client_for: Client
) -> None:
    url = f"/api/v1/letters/{issued.pk}/revoke/"
    assert client_for(scene.contributor).post(url, {"reason": "x"}).status_code == 404
    assert client_for(scene.outsider).post(url, {"reason": "x"}).status_code == 404
    empty = client_for(scene.admin).post(url, {})
    assert empty.status_code == 400 and "reason" in empty.json()["fields"]


def test_a_reissued_letter_supersedes_the_old_one(
    scene: Scene,
    issued: Letter,
    client_for: Client,
    api: APIClient,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(scene.admin).post(f"/api/v1/letters/{issued.pk}/reissue/")

    assert response.status_code == 202
    new = response.json()
    assert new["supersedes"] == issued.reference
    old = api.get(f"/api/v1/verify/{issued.reference}/").json()
    assert old["status"] == "superseded"
    assert old["superseded_on"] is not None
    assert api.get(f"/api/v1/verify/{new['reference']}/").json()["status"] == "issued"
    again = client_for(scene.admin).post(f"/api/v1/letters/{issued.pk}/reissue/")
    assert again.status_code == 409


def test_letter_urls_are_where_the_contract_says() -> None:
    assert reverse("letter-list") == "/api/v1/letters/"
    assert reverse("letter-pdf", kwargs={"letter_id": 1}) == "/api/v1/letters/1/pdf/"
    assert reverse("letter-verify", kwargs={"reference": "CP-X"}) == "/api/v1/verify/CP-X/"


def test_the_contributor_chooses_the_grouping_and_the_organisation_never_sees_it(
    scene: Scene,
    client_for: Client,
    ledger: FakeLedger,
    request_body: Callable[..., dict[str, Any]],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    body = request_body(grouping="benefit_week")
    del body["contributor"]
    with django_capture_on_commit_callbacks(execute=True):
        mine = client_for(scene.contributor).post("/api/v1/letters/", body)

    assert mine.status_code == 202, mine.json()
    assert mine.json()["grouping"] == "benefit_week"
    assert ledger.groupings == ["benefit_week"]
    letter_id = mine.json()["id"]
    admin = client_for(scene.admin)
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(f"/api/v1/letters/{letter_id}/issue/").status_code == 202
    seen = admin.get(f"/api/v1/letters/{letter_id}/").json()
    assert seen["grouping"] is None  # the organisation is not told how it is grouped
    # Grouped by the person's own weeks, which can point to a benefit: only they download it.
    refused = admin.get(f"/api/v1/letters/{letter_id}/pdf/")
    assert refused.status_code == 403
    assert "only they can download it" in refused.json()["message"]
    assert client_for(scene.contributor).get(f"/api/v1/letters/{letter_id}/pdf/").status_code == 200


def test_an_organisation_cannot_choose_a_benefit_grouping_and_its_letters_go_by_month(
    scene: Scene,
    client_for: Client,
    ledger: FakeLedger,
    request_body: Callable[..., dict[str, Any]],
) -> None:
    admin = client_for(scene.admin)

    refused = admin.post("/api/v1/letters/", request_body(grouping="uc_assessment_period"))
    default = admin.post("/api/v1/letters/", request_body())

    assert refused.status_code == 400
    assert refused.json()["code"] == "grouping_not_yours"
    assert "grouping" in refused.json()["fields"]
    assert default.status_code == 202
    assert ledger.groupings == ["calendar_month"]


def test_asking_for_assessment_periods_without_a_start_day_answers_400(
    scene: Scene, client_for: Client, request_body: Callable[..., dict[str, Any]]
) -> None:
    body = request_body(grouping="uc_assessment_period")
    del body["contributor"]

    response = client_for(scene.contributor).post("/api/v1/letters/", body)

    assert response.status_code == 400
    assert response.json()["code"] == "no_assessment_period"


def test_a_withdrawn_and_replaced_letter_names_its_replacement(
    issued: Letter,
    scene: Scene,
    client_for: Client,
    api: APIClient,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    admin = client_for(scene.admin)
    revoked = admin.post(f"/api/v1/letters/{issued.pk}/revoke/", {"reason": "Wrong dates"})
    assert revoked.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        new = admin.post(f"/api/v1/letters/{issued.pk}/reissue/").json()

    body = api.get(f"/api/v1/verify/{issued.reference}/").json()

    assert body["status"] == "revoked"
    assert body["revoked_on"] is not None
    assert body["replaced_by"] == new["reference"]
    assert new["reference"] in body["message"]
