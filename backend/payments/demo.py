"""Demo money: fees from two organisations under each contributor's payment choice, an
expense claim, and a paid payment run. Dates follow today; safe to run again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from opportunities.models import Attendance, Engagement
from organisations.models import Membership, Organisation
from periods import PeriodKind, period_containing, uk_today

from .bank.crypto import Account
from .bank.services import bank_details_set
from .expenses.services import ItemInput, expense_claim_submit, expense_items_decide
from .fees.services import payment_approve, payment_record
from .models import (
    BankDetails,
    ExpenseClaim,
    ExportSettings,
    Payment,
    PaymentPreference,
    PaymentRun,
    PaymentStatus,
)
from .preferences.services import preference_set
from .runs.services import payment_run_create, payment_run_export, payment_run_mark_paid

ESA = "esa@contributors.demo.test"
UC = "uc@contributors.demo.test"
CARER = "carer@contributors.demo.test"


@dataclass(frozen=True)
class DemoFee:
    key: str
    slug: str
    email: str
    amount: str
    day: date
    description: str
    method: str | None = None
    approve: bool = False


def _member(slug: str, role: str) -> Membership:
    return Membership.objects.select_related("organisation", "user").get(
        organisation__slug=slug, user__email=f"{role}@{slug}.demo.test"
    )


def _engagement(slug: str, contributor: User) -> Engagement | None:
    return (
        Engagement.objects.filter(opportunity__organisation__slug=slug, contributor=contributor)
        .order_by("id")
        .first()
    )


def _fee(fee: DemoFee, people: dict[str, User]) -> Payment:
    coordinator = _member(fee.slug, "coordinator")
    contributor = people[fee.email]
    payment = payment_record(
        by=coordinator,
        contributor=contributor,
        kind="fee",
        amount=Decimal(fee.amount),
        description=fee.description,
        due_on=fee.day,
        method=fee.method,
        engagement=_engagement(fee.slug, contributor),
        idempotency_key=f"demo:{fee.key}",
        time_based=False,
    ).payment
    if fee.approve and payment.status == PaymentStatus.PENDING:
        payment = payment_approve(by=_member(fee.slug, "finance"), payment=payment)
    return payment


def _attendance_fees() -> None:
    """Fees for attendance the roles demo logged directly."""
    for attendance in Attendance.objects.filter(
        payment__isnull=True, offered_amount__gt=0
    ).select_related("engagement__opportunity__organisation", "engagement__contributor"):
        slug = attendance.engagement.opportunity.organisation.slug
        payment_record(
            by=_member(slug, "coordinator"),
            contributor=attendance.engagement.contributor,
            kind="fee",
            amount=attendance.offered_amount,
            description=f"{attendance.engagement.opportunity.title}: {attendance.hours:g} hours",
            due_on=attendance.date,
            engagement=attendance.engagement,
            attendance=attendance,
            idempotency_key=f"demo:attendance:{attendance.pk}",
            hours=attendance.hours,
        )


def _paid_run(today: date, payments: list[Payment]) -> None:
    finance = _member("northfield", "finance")
    if PaymentRun.objects.filter(organisation=finance.organisation, status="paid").exists():
        return
    approved = [
        p
        for p in payments
        if p.organisation_id == finance.organisation_id and p.status == "approved"
    ]
    if not approved:
        return
    run = payment_run_create(by=finance, payment_ids=[p.pk for p in approved])
    payment_run_export(by=finance, run=run)
    paid_on = min(today, max(p.due_on for p in approved) + timedelta(days=3))
    payment_run_mark_paid(by=finance, run=run, paid_on=paid_on)


def _expense_claim(people: dict[str, User], today: date) -> None:
    esa = people[ESA]
    if ExpenseClaim.objects.filter(contributor=esa, idempotency_key="demo:claim").exists():
        return
    engagement = _engagement("northfield", esa)
    claim = expense_claim_submit(
        contributor=esa,
        organisation_id=Organisation.objects.get(slug="northfield").pk,
        engagement_id=engagement.pk if engagement else None,
        items=[
            ItemInput(
                category="mileage",
                description="Drove to the advisory group and back",
                spent_on=today - timedelta(days=14),
                miles=Decimal("18.0"),
            )
        ],
        receipts={},
        note="Mileage for the last meeting.",
        idempotency_key="demo:claim",
    )
    expense_items_decide(by=_member("northfield", "finance"), claim=claim, approve=True)


@transaction.atomic
def _export_setup(people: dict[str, User]) -> None:
    """Codes for the demo organisations' exports, and Jo's (fictional) bank details, so a run's
    Xero and bank files have something in them. Alex enters theirs in the portal."""
    for slug, prefix in (("northfield", "NORTHFIELD"), ("southdown", "SOUTHDOWN")):
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is not None:
            ExportSettings.objects.get_or_create(
                organisation=organisation,
                defaults={
                    "fee_nominal_code": "5010",
                    "travel_nominal_code": "5020",
                    "mileage_nominal_code": "5020",
                    "care_nominal_code": "5030",
                    "meals_nominal_code": "5040",
                    "internet_phone_nominal_code": "5050",
                    "other_nominal_code": "5090",
                    "cost_centre": "INVOLVEMENT",
                    "bank_reference": prefix[:10],
                },
            )
    if not BankDetails.objects.filter(contributor=people[CARER]).exists():
        bank_details_set(
            contributor=people[CARER],
            account=Account(
                sort_code="309457", account_number="00733445", account_name="Jo Williams"
            ),
        )


def seed(*, today: date | None = None) -> None:
    today = today or uk_today()
    people = {u.email: u for u in User.objects.filter(email__in=[ESA, UC, CARER])}
    if len(people) < 3:
        return
    # Choices first, so fees are decided under them (a second run changes nothing).
    preference_set(
        contributor=people[ESA],
        data={
            "choice": "capped",
            "cap_amount": Decimal("20.00"),
            "cap_period": "benefit_week",
            "method": "bank_transfer",
        },
    )
    if not PaymentPreference.objects.filter(contributor=people[UC]).exists():
        preference_set(contributor=people[UC], data={"choice": "full", "method": "voucher"})
    this_week = period_containing(PeriodKind.BENEFIT_WEEK, today)
    carer_last_week = period_containing(
        PeriodKind.BENEFIT_WEEK, today - timedelta(days=7), week_start=2
    )
    uc_period = period_containing(PeriodKind.UC_ASSESSMENT_PERIOD, today, uc_start_day=15)
    fees = [
        # Alex (ESA, capped at £20 a week): two organisations in one week reach the cap.
        DemoFee(
            "esa-1", "northfield", ESA, "12.00", this_week.start, "Advisory group: papers review"
        ),
        DemoFee(
            "esa-2",
            "southdown",
            ESA,
            "25.00",
            this_week.start,
            "Co-research: interview analysis",
            approve=True,
        ),
        # Sam (Universal Credit, paid in vouchers): most of the work allowance this period.
        DemoFee(
            "uc-1",
            "northfield",
            UC,
            "180.00",
            uc_period.start,
            "Advisory group: two meetings",
            approve=True,
        ),
        DemoFee(
            "uc-2",
            "southdown",
            UC,
            "180.00",
            uc_period.start + timedelta(days=2),
            "Steering group: full day",
        ),
        # Jo (Carer's Allowance): went over the weekly limit last week, paid in a payment run.
        DemoFee(
            "carer-1",
            "northfield",
            CARER,
            "120.00",
            carer_last_week.start,
            "Interview panel: shortlisting",
            approve=True,
        ),
        DemoFee(
            "carer-2",
            "southdown",
            CARER,
            "90.00",
            carer_last_week.start + timedelta(days=1),
            "Co-research: workshop",
            approve=True,
        ),
    ]
    payments = [_fee(fee, people) for fee in fees]
    _paid_run(today, payments)
    # After going over, Jo chose expenses only.
    if PaymentPreference.objects.filter(contributor=people[CARER]).first() is None:
        preference_set(
            contributor=people[CARER], data={"choice": "expenses_only", "method": "bank_transfer"}
        )
    _attendance_fees()
    _expense_claim(people, today)
    _export_setup(people)
