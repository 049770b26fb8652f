"""A session's register: everyone's attendance and fee logged at once, all or nothing, safe
to retry; and the fee each logged attendance recorded, as the organisation may read it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from opportunities.models import Attendance, Engagement, RegisterEntry, Session
from organisations.models import Membership, Role
from payments.models import Payment, PaymentPreference
from tests.clients import client_for
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory
from tests.opportunities.factories import EngagementFactory, OpportunityFactory, SessionFactory

Prefer = Callable[..., PaymentPreference]

pytestmark = pytest.mark.django_db


class Group:
    """A paid role (£25 an hour) with a session yesterday and three people booked on it."""

    def __init__(self) -> None:
        organisation = OrganisationFactory.create(name="Northfield")
        self.coordinator: Membership = MembershipFactory.create(
            organisation=organisation, role=Role.COORDINATOR
        )
        role = OpportunityFactory.create(organisation=organisation, title="Service design panel")
        self.session: Session = SessionFactory.create(
            opportunity=role,
            date=timezone.localdate() - dt.timedelta(days=1),
            planned_hours=Decimal("2.00"),
        )
        self.people: list[Engagement] = [
            EngagementFactory.create(
                application__opportunity=role,
                application__contributor=ContributorFactory.create(full_name=name),
            )
            for name in ("Ada Ash", "Bo Birch", "Cy Cedar")
        ]

    @property
    def url(self) -> str:
        return f"/api/v1/sessions/{self.session.pk}/register/"

    def client(self) -> APIClient:
        return client_for(self.coordinator.user)

    def post(self, rows: list[dict[str, Any]], key: str | None = None) -> Any:
        if key is None:
            return self.client().post(self.url, {"rows": rows}, format="json")
        return self.client().post(self.url, {"rows": rows}, format="json", HTTP_IDEMPOTENCY_KEY=key)

    def rows(self, *hours: str | None) -> list[dict[str, Any]]:
        return [
            {"engagement": e.pk, "attended": h is not None, "hours": h}
            for e, h in zip(self.people, hours, strict=True)
        ]


@pytest.fixture
def group() -> Group:
    return Group()


def test_register_logs_who_came_and_answers_with_each_fee_recorded(group: Group) -> None:
    response = group.post(group.rows("2.00", "1.50", None))

    assert response.status_code == 201, response.json()
    body = response.json()
    by_name = {row["name"]: row for row in body["rows"]}
    assert [by_name[n]["state"] for n in ("Ada Ash", "Bo Birch", "Cy Cedar")] == [
        "attended",
        "attended",
        "absent",
    ]
    ada = by_name["Ada Ash"]
    assert ada["attendance"]["hours"] == "2.00"
    assert ada["fee"] == {
        "payment_id": ada["fee"]["payment_id"],
        "status": "pending",
        "offered": "50.00",
        "payable": "50.00",
        "waived": "0.00",
        "reason": "Full fee, as the contributor chose.",
        "donated_to": "",
        "due_on": group.session.date.isoformat(),
    }
    assert by_name["Bo Birch"]["fee"]["payable"] == "37.50"
    assert by_name["Cy Cedar"]["attendance"] is None and by_name["Cy Cedar"]["fee"] is None
    assert Payment.objects.filter(attendance__session=group.session).count() == 2

    again = group.client().get(group.url).json()
    assert [row["state"] for row in again["rows"]] == ["attended", "attended", "absent"]
    assert again["session"]["planned_hours"] == "2.00"


def test_one_wrong_row_logs_nothing_and_names_the_row(group: Group) -> None:
    rows = group.rows("2.00", "30", "2.00")
    rows.append({"engagement": EngagementFactory.create().pk, "attended": True, "hours": "1"})

    response = group.post(rows)

    assert response.status_code == 400
    fields = response.json()["fields"]
    assert set(fields) == {"rows.1.hours"}
    assert Attendance.objects.count() == 0 and Payment.objects.count() == 0


def test_business_rule_errors_are_collected_for_every_row_and_nothing_is_kept(
    group: Group,
) -> None:
    stranger = EngagementFactory.create()
    rows: list[dict[str, Any]] = [
        {"engagement": group.people[0].pk, "attended": True, "hours": "2"},
        {"engagement": stranger.pk, "attended": True, "hours": "2"},
        {"engagement": group.people[0].pk, "attended": False},
        {"engagement": group.people[2].pk, "attended": True},
    ]

    response = group.post(rows)

    assert response.status_code == 400, response.json()
    fields = response.json()["fields"]
    assert fields["rows.1.engagement"] == ["This person is not booked on this role."]
    assert fields["rows.2.engagement"] == ["Ada Ash is on this register twice."]
    assert fields["rows.3.hours"] == ["Enter the hours they gave."]
    assert "rows.0.hours" not in fields
    assert Attendance.objects.count() == 0
    assert Payment.objects.count() == 0
    assert RegisterEntry.objects.count() == 0


def test_someone_already_logged_cannot_be_logged_again(group: Group) -> None:
    assert group.post(group.rows("2", None, None)).status_code == 201

    response = group.post(group.rows(None, "2", "2"))

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "rows.0.attended": ["They are already on this session's register."],
        "rows.1.attended": ["They are already on this session's register."],
        "rows.2.attended": ["They are already on this session's register."],
    }
    assert Attendance.objects.count() == 1


def test_a_person_logged_one_by_one_shows_as_attended_and_cannot_be_on_the_register(
    group: Group,
) -> None:
    one = group.client().post(
        f"/api/v1/engagements/{group.people[0].pk}/attendance/",
        {"session": group.session.pk, "date": group.session.date.isoformat(), "hours": "2"},
        format="json",
    )
    assert one.status_code == 201

    response = group.post(group.rows("2", "2", "2"))

    assert response.status_code == 400
    assert response.json()["fields"]["rows.0.attended"] == [
        "Attendance for this session has already been logged."
    ]
    states = [r["state"] for r in group.client().get(group.url).json()["rows"]]
    assert states == ["attended", "to_log", "to_log"]


def test_same_key_replays_the_register_and_a_changed_request_is_a_conflict(
    group: Group,
) -> None:
    first = group.post(group.rows("2", "2", None), key="register-1")
    again = group.post(group.rows("2", "2", None), key="register-1")
    changed = group.post(group.rows("2", "1", None), key="register-1")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert changed.status_code == 409
    assert Attendance.objects.count() == 2 and Payment.objects.count() == 2


def test_capped_contributors_fee_is_decided_by_the_ledger_and_the_reason_names_no_cap(
    group: Group, prefer: Prefer
) -> None:
    ada = group.people[0].contributor
    prefer(ada, choice="capped", cap_amount="20.00", cap_period="benefit_week")

    response = group.post(group.rows("2", None, None))

    fee = response.json()["rows"][0]["fee"]
    assert (fee["offered"], fee["payable"], fee["waived"]) == ("50.00", "20.00", "30.00")
    assert fee["reason"] == "Reduced to £20.00 at the contributor's request."
    assert "cap" not in fee["reason"].lower() and "benefit" not in fee["reason"].lower()


def test_a_session_still_to_come_cannot_have_its_register_logged(group: Group) -> None:
    group.session.date = timezone.localdate() + dt.timedelta(days=1)
    group.session.save()

    response = group.post(group.rows("2", "2", "2"))

    assert response.status_code == 400
    assert "has not happened yet" in response.json()["message"]
    assert Attendance.objects.count() == 0


def test_another_organisations_session_is_not_there(group: Group) -> None:
    other = MembershipFactory.create(role=Role.ADMIN)

    assert client_for(other.user).get(group.url).status_code == 404
    posted = client_for(other.user).post(
        group.url, {"rows": group.rows("2", "2", "2")}, format="json"
    )
    assert posted.status_code == 404
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize(("role", "status"), [(Role.FINANCE, 403), (Role.VIEWER, 403)])
def test_only_coordinators_log_a_register_though_every_member_reads_it(
    group: Group, role: str, status: int
) -> None:
    member = MembershipFactory.create(organisation=group.coordinator.organisation, role=role)
    client = client_for(member.user)

    assert client.get(group.url).status_code == 200
    response = client.post(group.url, {"rows": group.rows("2", "2", "2")}, format="json")
    assert response.status_code == status
    assert Attendance.objects.count() == 0


def test_unknown_fields_in_a_row_are_refused(group: Group) -> None:
    rows = group.rows("2", None, None)
    rows[0]["payable"] = "100.00"

    response = group.post(rows)

    assert response.status_code == 400
    assert "rows.0.payable" in response.json()["fields"]


def test_sessions_waiting_for_a_register_until_everyone_is_logged(group: Group) -> None:
    organisation_id = group.coordinator.organisation_id
    url = f"/api/v1/organisations/{organisation_id}/registers/"
    SessionFactory.create(opportunity=group.session.opportunity)  # next week: not yet

    waiting = group.client().get(url).json()["results"]
    assert [(s["id"], s["waiting"]) for s in waiting] == [(group.session.pk, 3)]

    group.post(group.rows("2", None, None))
    assert group.client().get(url).json()["results"] == []
    assert client_for(MembershipFactory.create().user).get(url).status_code == 404


def test_logging_one_attendance_answers_with_the_fee_recorded(group: Group) -> None:
    response = group.client().post(
        f"/api/v1/engagements/{group.people[1].pk}/attendance/",
        {"date": group.session.date.isoformat(), "hours": "3"},
        format="json",
    )

    assert response.status_code == 201
    fee = response.json()["fee"]
    assert (fee["offered"], fee["payable"], fee["waived"]) == ("75.00", "75.00", "0.00")
    listed = group.client().get(f"/api/v1/engagements/{group.people[1].pk}/attendance/").json()
    assert listed["results"][0]["fee"]["payment_id"] == fee["payment_id"]
