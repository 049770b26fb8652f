"""The seeded world the permission matrix runs in: two organisations, each with its contributor
and one of everything (a fee, a payment run, an expense claim with a receipt, an alert, a
notification, an issued letter, a pending invitation, an API token), and the nine actors."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tokens import email_confirmation_token
from core.services import worker_heartbeat_record
from letters.services import letter_render, letter_request
from notifications.models import Notification
from opportunities.models import PayRate
from organisations.models import Invitation, Membership, Role
from tests.dataprotection.conftest import BENEFITS, png
from tests.factories import TEST_PASSWORD, ContributorFactory, MembershipFactory, UserFactory
from tests.opportunities.factories import ApplicationFactory, SessionFactory
from tests.payments.conftest import Org
from thresholds.models import ThresholdAlert
from thresholds.monitoring.alerts import contributor_evaluate

# The nine kinds of caller, in the order of the expected table's columns.
ACTORS = ("anon", "a", "b", "xc", "xf", "xv", "xa", "ya", "pa")
ACTOR_NAMES = {
    "anon": "anonymous",
    "a": "contributor A (engaged with X)",
    "b": "contributor B (engaged with Y)",
    "xc": "coordinator of X",
    "xf": "finance officer of X",
    "xv": "viewer of X",
    "xa": "admin of X",
    "ya": "admin of Y",
    "pa": "platform admin",
}
# Whose objects each actor may be entitled to: X's side (A's), Y's side (B's), or neither.
HOME = {"a": "x", "xc": "x", "xf": "x", "xv": "x", "xa": "x", "b": "y", "ya": "y"}


def _ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body: dict[str, Any] = response.json()
    return body


def client_as(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@dataclass
class Side:
    """One organisation and everything of its contributor's there."""

    org: Org
    viewer: Membership
    admin: Membership
    contributor: User
    ids: dict[str, Any] = field(default_factory=dict)

    @property
    def organisation_id(self) -> int:
        return self.org.organisation.pk


def _side(name: str, contributor_email: str, week: date) -> Side:
    org = Org(name)
    org.organisation.signatory_name = "Sam Signer"
    org.organisation.save()
    viewer = MembershipFactory.create(organisation=org.organisation, role=Role.VIEWER)
    admin = MembershipFactory.create(organisation=org.organisation, role=Role.ADMIN)
    person = ContributorFactory.create(email=contributor_email)
    engagement = org.engage(person)
    session = SessionFactory.create(opportunity=engagement.opportunity, date=date(2026, 11, 24))
    application = ApplicationFactory.create(
        opportunity__organisation=org.organisation, contributor=person
    )
    me = client_as(person)
    _ok(me.patch("/api/v1/me/benefits/", BENEFITS, format="json"))

    finance = org.client("finance")
    pending = _ok(org.record(person, "15.00", week), 201)
    in_run = _ok(org.record(person, "3.00", week), 201)
    _ok(finance.post(f"/api/v1/payments/{in_run['id']}/approve/"))
    approved = _ok(org.record(person, "2.00", week), 201)
    _ok(finance.post(f"/api/v1/payments/{approved['id']}/approve/"))
    run = _ok(
        finance.post(
            f"/api/v1/organisations/{org.organisation.pk}/payment-runs/",
            {"payments": [in_run["id"]]},
            format="json",
        ),
        201,
    )
    items = [
        {"category": "travel", "description": "Bus", "spent_on": "2026-11-23", "amount": "4.20"}
    ]
    claim = _ok(
        me.post(
            "/api/v1/expense-claims/",
            {
                "organisation": org.organisation.pk,
                "items": json.dumps(items),
                "receipt_0": SimpleUploadedFile("ticket.png", png(), content_type="image/png"),
            },
            format="multipart",
        ),
        201,
    )
    _ok(org.record(person, "9.00", week), 201)  # £27 in the week: over the £20 ESA limit
    contributor_evaluate(contributor_id=person.pk)
    alert = ThresholdAlert.objects.filter(contributor=person).first()
    assert alert is not None
    notification = Notification.objects.create(
        user=person, kind="general", title="Welcome", body="Hello", dedupe_key=f"hi-{name}"
    )
    letter = letter_render(
        letter_id=letter_request(
            requested_by=admin.user,
            organisation=org.organisation,
            contributor=person,
            kind="benefits_advisor",
            period_start=date(2026, 11, 1),
            period_end=date(2026, 11, 24),
        ).pk
    )
    assert letter.status == "issued"
    rate = PayRate.objects.create(
        organisation=org.organisation, name="Meeting", amount=Decimal("20.00"), unit="session"
    )
    invitation = Invitation.objects.create(
        organisation=org.organisation, email=person.email, role=Role.VIEWER, invited_by=admin.user
    )
    token = _ok(me.post("/api/v1/auth/tokens/", {"name": "Laptop"}, format="json"), 201)
    _ok(
        finance.put(
            f"/api/v1/organisations/{org.organisation.pk}/finance-settings/mileage-rates/2026/",
            {"rate": "0.45"},
            format="json",
        )
    )
    return Side(
        org=org,
        viewer=viewer,
        admin=admin,
        contributor=person,
        ids={
            "organisation_id": org.organisation.pk,
            "engagement_id": engagement.pk,
            "session_id": session.pk,
            "application_id": application.pk,
            "opportunity_id": engagement.application.opportunity_id,
            "payment_id": pending["id"],
            "run_id": run["id"],
            "export_format": "bank",
            "approved_id": approved["id"],
            "claim_id": claim["id"],
            "item_id": claim["items"][0]["id"],
            "letter_id": letter.pk,
            "reference": letter.reference,
            "alert_id": alert.pk,
            "notification_id": notification.pk,
            "invitation_id": invitation.pk,
            "rate_id": rate.pk,
            "member_id": viewer.pk,
            "token_id": token["id"],
            "tax_year": 2026,
            "letter_pdf": letter.pdf.read(),
        },
    )


@dataclass
class World:
    x: Side
    y: Side
    platform: User
    newcomer: User  # registered, e-mail address not yet confirmed

    def user(self, actor: str) -> User | None:
        return {
            "anon": None,
            "a": self.x.contributor,
            "b": self.y.contributor,
            "xc": self.x.org.coordinator.user,
            "xf": self.x.org.finance.user,
            "xv": self.x.viewer.user,
            "xa": self.x.admin.user,
            "ya": self.y.admin.user,
            "pa": self.platform,
        }[actor]

    def side(self, scope: str) -> Side:
        return self.x if scope == "x" else self.y


def world_build() -> World:
    week = date(2026, 11, 23)  # the Monday of the frozen week (see the matrix test)
    x = _side("Northfield", "alex.a@example.org", week)
    y = _side("Southdown", "blake.b@example.org", week)
    platform = UserFactory.create(email="platform@example.org", is_staff=True, is_superuser=True)
    newcomer = ContributorFactory.create(email="newcomer.unconfirmed@example.org", is_active=False)
    worker_heartbeat_record(hostname="matrix@test")  # else health rightly answers 503
    return World(x=x, y=y, platform=platform, newcomer=newcomer)


def link_for(user: User, generator: Any = default_token_generator) -> dict[str, str]:
    user = User.objects.get(pk=user.pk)  # as stored: an earlier call may have changed the object
    return {"uid": urlsafe_base64_encode(force_bytes(user.pk)), "token": generator.make_token(user)}


def _letter_file(side: Side) -> SimpleUploadedFile:
    return SimpleUploadedFile("letter.pdf", side.ids["letter_pdf"], content_type="application/pdf")


# A valid body for every operation that takes one, for the objects of one side. Operations that
# cannot be given a valid body by a stranger are listed with ``400`` in the table.
def body_for(operation_id: str, side: Side, world: World) -> Any:
    person = side.contributor
    organisation_id = side.organisation_id
    match operation_id:
        case "auth_login_create" | "auth_token_create":
            return {"email": person.email, "password": TEST_PASSWORD}
        case "auth_login_two_factor_create":
            return {"code": "123456"}
        case "auth_password_change_create":
            return {"current_password": TEST_PASSWORD, "new_password": "another-long-passphrase-9"}
        case "auth_password_reset_create":
            return {"email": person.email}
        case "auth_password_reset_confirm_create":
            return {**link_for(person), "new_password": "another-long-passphrase-9"}
        case "auth_register_create":
            return {
                "email": "newcomer@example.org",
                "password": "a-new-long-passphrase-7",
                "full_name": "New Comer",
                "account_type": "contributor",
            }
        case "auth_register_confirm_create":
            return link_for(world.newcomer, email_confirmation_token)
        case "auth_tokens_create":
            return {"name": "Phone"}
        case "auth_two_factor_create":
            return {"code": "123456"}
        case "engagements_partial_update":
            return {"status": "completed"}
        case "engagements_attendance_create":
            return {"date": "2026-11-24", "hours": "2.00"}
        case "sessions_register_create":
            return {
                "rows": [{"engagement": side.ids["engagement_id"], "attended": True, "hours": "2"}]
            }
        case "expense_claims_create":
            items = [
                {
                    "category": "travel",
                    "description": "Bus",
                    "spent_on": "2026-11-24",
                    "amount": "2.10",
                }
            ]
            return {
                "organisation": organisation_id,
                "items": json.dumps(items),
                "receipt_0": SimpleUploadedFile("bus.png", png(), content_type="image/png"),
            }
        case "expense_claims_approve_create":
            return {}
        case "expense_claims_reject_create":
            return {"reason": "No receipt for the taxi."}
        case "letters_create":
            return {
                "organisation": organisation_id,
                "contributor": person.pk,
                "kind": "benefits_advisor",
                "period_start": "2026-11-01",
                "period_end": "2026-11-24",
            }
        case "letters_revoke_create":
            return {"reason": "Issued for the wrong period."}
        case "me_benefits_update" | "me_benefits_partial_update":
            return BENEFITS
        case "me_erase_create":
            return {"password": TEST_PASSWORD, "confirm": True}
        case "me_notification_preferences_update":
            return {"email_enabled": True, "email_muted_kinds": []}
        case "me_bank_details_update":
            return {"sort_code": "309457", "account_number": "00733445", "account_name": "A Person"}
        case "me_payment_preference_update":
            return {"choice": "full"}
        case "me_profile_update" | "me_profile_partial_update":
            from tests.dataprotection.conftest import PROFILE

            return {**PROFILE, "name_for_letters": "Alex Example"}
        case "opportunities_create":
            return {
                "organisation": organisation_id,
                "title": "Reading panel",
                "summary": "Read our leaflets.",
                "involvement_type": "advisory_group",
                "places": 2,
                "closing_date": "2026-12-20",
                "pay_rate": "25.00",
                "pay_unit": "hour",
            }
        case "opportunities_partial_update":
            return {"summary": "Read our new leaflets."}
        case "opportunities_applications_create":
            return {"statement": "I would like to help."}
        case "opportunities_sessions_create":
            return {"date": "2026-12-02", "start_time": "10:00", "end_time": "12:00"}
        case "opportunities_sessions_partial_update":
            return {"location": "Room 2"}
        case "opportunities_sessions_cancel_create":
            return {"reason": "The room flooded."}
        case "organisations_create":
            return {"name": "New Group", "kind": "user_led_group"}
        case "organisations_partial_update":
            return {"description": "A local charity."}
        case "organisations_export_settings_update":
            return {"fee_nominal_code": "5010"}
        case "organisations_finance_settings_update":
            return {"mileage_rate": "0.45"}
        case "organisations_finance_settings_mileage_rates_update":
            return {"rate": "0.50"}
        case "organisations_members_create":
            return {"email": "new.member@example.org", "role": "viewer"}
        case "organisations_members_partial_update":
            return {"role": "coordinator"}
        case "organisations_pay_rates_create":
            return {"name": "Panel", "amount": "25.00", "unit": "hour"}
        case "organisations_pay_rates_partial_update":
            return {"amount": "30.00"}
        case "organisations_letter_preview_create":
            return {"signatory_name": "Robin Draft"}
        case "organisations_payment_runs_create":
            return {"payments": [side.ids["approved_id"]]}
        case "organisations_payment_runs_preview_list":
            return {"paid_on": "2026-11-30"}
        case "organisations_payment_runs_mark_paid_create" | "payments_mark_paid_create":
            return {"paid_on": "2026-11-25"}
        case "organisations_payment_runs_pay_date_create":
            return {"pay_on": "2026-11-30"}
        case "payments_create":
            return {
                "organisation": organisation_id,
                "contributor": person.pk,
                "kind": "fee",
                "amount": "1.00",
                "description": "Reading panel",
                "due_on": "2026-11-25",
                "time_based": False,
            }
        case "payments_cancel_create":
            return {"reason": "Recorded twice."}
        case "payments_reschedule_create":
            return {"due_on": "2026-12-01"}
        case "verify_create":
            return {"file": _letter_file(side)}
    return None
