"""Demo roles, sessions, applications, engagements and attendance. Safe to run again and again:
everything is keyed on titles and e-mail addresses and dates are relative to today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from organisations.models import Membership, Organisation

from .models import (
    Application,
    ApplicationStatus,
    Attendance,
    Engagement,
    EngagementStatus,
    Expense,
    InvolvementType,
    Opportunity,
    OpportunityStatus,
    PayRate,
    PayUnit,
    Session,
)
from .pay import offered_fee

BENCHMARK_NAME = "Involvement benchmark (hourly)"
BENCHMARK_DESCRIPTION = (
    "Benchmark, check the current NIHR rates. Demo figure only: set your own rate card."
)
# Demo data only: the organisation's own setting, not a rate the code relies on.
BENCHMARK_DEMO_AMOUNT = Decimal("27.50")

CONTRIBUTOR_EMAILS = [
    "esa@contributors.demo.test",
    "uc@contributors.demo.test",
    "carer@contributors.demo.test",
]


@dataclass(frozen=True)
class DemoRole:
    slug: str
    title: str
    summary: str
    involvement_type: str
    status: str
    closing_in_days: int
    is_remote: bool
    places: int
    pay_rate: Decimal | None
    pay_unit: str
    session_days: tuple[int, ...] = ()
    engaged: tuple[str, ...] = ()
    attended_days: tuple[int, ...] = ()


ROLES = [
    DemoRole(
        slug="northfield",
        title="Service user advisory group",
        summary="Meet every month to check how our services feel to the people who use them.",
        involvement_type=InvolvementType.ADVISORY_GROUP,
        status=OpportunityStatus.PUBLISHED,
        closing_in_days=21,
        is_remote=True,
        places=8,
        pay_rate=BENCHMARK_DEMO_AMOUNT,
        pay_unit=PayUnit.HOUR,
        session_days=(-14, 7, 35),
        engaged=("esa@contributors.demo.test", "uc@contributors.demo.test"),
        attended_days=(-14,),
    ),
    DemoRole(
        slug="northfield",
        title="Interview panel for a peer support worker",
        summary="Sit on the panel that chooses our next peer support worker.",
        involvement_type=InvolvementType.INTERVIEW_PANEL,
        status=OpportunityStatus.PUBLISHED,
        closing_in_days=10,
        is_remote=False,
        places=2,
        pay_rate=Decimal("60.00"),
        pay_unit=PayUnit.HALF_DAY,
        session_days=(14,),
        engaged=("carer@contributors.demo.test",),
    ),
    DemoRole(
        slug="northfield",
        title="Leaflet review (draft)",
        summary="Read our new crisis leaflet and tell us what is unclear.",
        involvement_type=InvolvementType.LIVED_EXPERIENCE_REVIEW,
        status=OpportunityStatus.DRAFT,
        closing_in_days=30,
        is_remote=True,
        places=4,
        pay_rate=Decimal("40.00"),
        pay_unit=PayUnit.FIXED,
    ),
    DemoRole(
        slug="southdown",
        title="Peer co-researcher on a recovery study",
        summary="Help plan interviews and make sense of what people tell us.",
        involvement_type=InvolvementType.CO_RESEARCH,
        status=OpportunityStatus.PUBLISHED,
        closing_in_days=28,
        is_remote=False,
        places=3,
        pay_rate=Decimal("150.00"),
        pay_unit=PayUnit.DAY,
        session_days=(-7, 10, 24),
        engaged=("esa@contributors.demo.test", "carer@contributors.demo.test"),
        attended_days=(-7,),
    ),
    DemoRole(
        slug="southdown",
        title="Study steering group",
        summary="Advise the research team on the study's direction four times a year.",
        involvement_type=InvolvementType.ADVISORY_GROUP,
        status=OpportunityStatus.CLOSED,
        closing_in_days=-5,
        is_remote=True,
        places=4,
        pay_rate=Decimal("50.00"),
        pay_unit=PayUnit.SESSION,
        session_days=(12,),
        engaged=("uc@contributors.demo.test",),
    ),
]


def _rate_card(organisation: Organisation) -> None:
    PayRate.objects.update_or_create(
        organisation=organisation,
        name=BENCHMARK_NAME,
        defaults={
            "description": BENCHMARK_DESCRIPTION,
            "amount": BENCHMARK_DEMO_AMOUNT,
            "unit": PayUnit.HOUR,
            "is_default": True,
        },
    )


def _role(spec: DemoRole, organisation: Organisation, coordinator: User) -> Opportunity:
    today = timezone.localdate()
    now = timezone.now()
    opportunity, _ = Opportunity.objects.update_or_create(
        organisation=organisation,
        title=spec.title,
        defaults={
            "summary": spec.summary,
            "description": (
                f"{spec.summary} You do not need any qualifications: your experience is what "
                "counts. You can stop taking part at any time."
            ),
            "involvement_type": spec.involvement_type,
            "location": "" if spec.is_remote else f"{organisation.town} community centre",
            "is_remote": spec.is_remote,
            "accessibility": "Step-free access, quiet room, papers in large print on request.",
            "places": spec.places,
            "closing_date": today + timedelta(days=spec.closing_in_days),
            "status": spec.status,
            "pay_rate": spec.pay_rate,
            "pay_unit": spec.pay_unit,
            "expenses_covered": [Expense.TRAVEL, Expense.CARE, Expense.MEALS],
            "expenses_notes": "Keep your receipts and claim within 30 days.",
            "session_count": len(spec.session_days) or None,
            "hours_per_session": Decimal("2.00"),
            "created_by": coordinator,
            "published_at": now if spec.status != OpportunityStatus.DRAFT else None,
            "closed_at": now if spec.status == OpportunityStatus.CLOSED else None,
        },
    )
    return opportunity


def _sessions(spec: DemoRole, opportunity: Opportunity) -> dict[int, Session]:
    today = timezone.localdate()
    sessions: dict[int, Session] = {}
    wanted = {today + timedelta(days=offset) for offset in spec.session_days}
    # Dates move with today: drop demo sessions that no attendance uses and are not wanted.
    opportunity.sessions.exclude(date__in=wanted).filter(attendances__isnull=True).delete()
    for offset in spec.session_days:
        day = today + timedelta(days=offset)
        session = opportunity.sessions.filter(date=day).first()
        if session is None:
            session = Session.objects.create(
                opportunity=opportunity,
                date=day,
                start_time=time(10, 0),
                end_time=time(12, 0),
                location=opportunity.location,
                online_link="https://meet.example.org/coproduce-demo"
                if opportunity.is_remote
                else "",
                planned_hours=Decimal("2.00"),
            )
        sessions[offset] = session
    return sessions


def _engage(opportunity: Opportunity, contributor: User, coordinator: User) -> Engagement:
    application = (
        Application.objects.filter(opportunity=opportunity, contributor=contributor)
        .order_by("id")
        .first()
    )
    if application is None:
        application = Application.objects.create(
            opportunity=opportunity,
            contributor=contributor,
            statement="I have used mental health services and want to help make them better.",
            adjustments_requested="Please send papers a week before each meeting.",
        )
    if application.status != ApplicationStatus.ACCEPTED:
        application.status = ApplicationStatus.ACCEPTED
        application.decided_by = coordinator
        application.decided_at = timezone.now()
        application.save()
    engagement, _ = Engagement.objects.get_or_create(
        application=application,
        defaults={
            "opportunity": opportunity,
            "contributor": contributor,
            "status": EngagementStatus.ACTIVE,
        },
    )
    return engagement


def _attend(engagement: Engagement, session: Session, coordinator: User) -> None:
    opportunity = engagement.opportunity
    Attendance.objects.create(
        engagement=engagement,
        session=session,
        date=session.date,
        hours=session.planned_hours,
        offered_amount=offered_fee(
            rate=opportunity.pay_rate,
            unit=opportunity.pay_unit,
            hours=session.planned_hours,
            first_attendance=not engagement.attendances.exists(),
        ),
        logged_by=coordinator,
    )


@transaction.atomic
def seed() -> None:
    """Load the demo roles. Needs the organisations and users from core's demo_seed()."""
    contributors = {u.email: u for u in User.objects.filter(email__in=CONTRIBUTOR_EMAILS)}
    for spec in ROLES:
        organisation = Organisation.objects.filter(slug=spec.slug).first()
        if organisation is None:
            continue
        _rate_card(organisation)
        membership = (
            Membership.objects.select_related("user")
            .filter(organisation=organisation, user__email=f"coordinator@{spec.slug}.demo.test")
            .first()
        )
        if membership is None:
            continue
        coordinator = membership.user
        opportunity = _role(spec, organisation, coordinator)
        sessions = _sessions(spec, opportunity)
        for email in spec.engaged:
            contributor = contributors.get(email)
            if contributor is None:
                continue
            engagement = _engage(opportunity, contributor, coordinator)
            if engagement.attendances.exists():
                continue  # logged on an earlier run
            for offset in spec.attended_days:
                _attend(engagement, sessions[offset], coordinator)
