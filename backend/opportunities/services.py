"""Business rules for involvement roles: post, publish, apply, select, schedule, log attendance."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import ApplicationError, Conflict, ErrorCode, PermissionDenied
from organisations.models import Membership
from organisations.permissions import COORDINATOR_ROLES, require_role, require_verified
from payments.events import contributor_money_changed, contributors_money_changed
from payments.models import PaymentKind
from payments.services import payment_record

from .models import (
    Application,
    ApplicationStatus,
    Attendance,
    Engagement,
    EngagementStatus,
    Expense,
    Opportunity,
    OpportunityStatus,
    PayRate,
    PayUnit,
    Session,
)
from .pay import offered_fee
from .text import HTML_MESSAGE, contains_html

# Fields coordinators may set when they post or change a role.
OPPORTUNITY_FIELDS = frozenset(
    {
        "title",
        "summary",
        "description",
        "involvement_type",
        "location",
        "is_remote",
        "accessibility",
        "places",
        "closing_date",
        "pay_rate",
        "pay_unit",
        "expenses_covered",
        "expenses_notes",
        "session_count",
        "hours_per_session",
    }
)
TEXT_FIELDS = ("title", "summary", "description", "location", "accessibility", "expenses_notes")
MAX_HOURS_IN_A_DAY = Decimal(24)


def _check_text(data: dict[str, Any], fields: tuple[str, ...]) -> None:
    bad = {
        f: [HTML_MESSAGE] for f in fields if isinstance(data.get(f), str) and contains_html(data[f])
    }
    if bad:
        raise ApplicationError("Use plain text only.", fields=bad)


def _check_closing_date(closing_date: date) -> None:
    if closing_date < timezone.localdate():
        raise ApplicationError(
            "The closing date has passed.",
            fields={"closing_date": ["Choose a closing date that is today or later."]},
        )


def _check_pay_offer(opportunity: Opportunity) -> None:
    if opportunity.pay_rate is None:
        opportunity.pay_unit = ""
        return
    if opportunity.pay_rate <= 0:
        raise ApplicationError(
            "The pay rate must be more than £0.",
            fields={"pay_rate": ["Enter an amount more than £0, or leave it empty if unpaid."]},
        )
    if opportunity.pay_unit not in PayUnit.values:
        raise ApplicationError(
            "Say what the pay rate is for.",
            fields={"pay_unit": ["Choose hour, half day, day, session or fixed fee."]},
        )


def _check_expenses(expenses: list[str]) -> list[str]:
    unknown = [e for e in expenses if e not in Expense.values]
    if unknown:
        raise ApplicationError(
            "Some expenses are not ones we know.",
            fields={"expenses_covered": [f"Choose from: {', '.join(Expense.values)}."]},
        )
    return sorted(set(expenses), key=Expense.values.index)


def pay_rate_default(*, organisation_id: int) -> PayRate | None:
    """The organisation's suggested rate for new roles, if it has set one."""
    return PayRate.objects.filter(organisation_id=organisation_id, is_default=True).first()


@transaction.atomic
def opportunity_create(*, by: Membership, data: dict[str, Any]) -> Opportunity:
    """A new draft role. Without a pay offer in ``data`` the organisation's default rate card
    entry is used; send ``pay_rate: None`` for an unpaid (expenses only) role."""
    require_role(by, COORDINATOR_ROLES, action="post roles")
    unknown = set(data) - OPPORTUNITY_FIELDS
    if unknown:
        raise ValueError(f"not opportunity fields: {sorted(unknown)}")
    _check_text(data, TEXT_FIELDS)
    _check_closing_date(data["closing_date"])
    data = dict(data)
    if "pay_rate" not in data:
        default = pay_rate_default(organisation_id=by.organisation_id)
        if default is None:
            raise ApplicationError(
                "Say what the role pays.",
                fields={
                    "pay_rate": [
                        "Enter the pay rate, or leave it empty (null) if the role is unpaid. "
                        "Your organisation has no default rate to suggest."
                    ]
                },
            )
        data["pay_rate"] = default.amount
        data.setdefault("pay_unit", default.unit)
    data["expenses_covered"] = _check_expenses(data.get("expenses_covered", []))
    opportunity = Opportunity(
        organisation_id=by.organisation_id,
        created_by=by.user,
        status=OpportunityStatus.DRAFT,
        **data,
    )
    _check_pay_offer(opportunity)
    opportunity.full_clean()
    opportunity.save()
    return opportunity


def _lock(opportunity: Opportunity) -> Opportunity:
    return (
        Opportunity.objects.select_for_update()
        .select_related("organisation")
        .get(pk=opportunity.pk)
    )


def _require_own(by: Membership, opportunity: Opportunity) -> None:
    if by.organisation_id != opportunity.organisation_id:
        raise ValueError("membership is of another organisation")


@transaction.atomic
def opportunity_update(
    *, by: Membership, opportunity: Opportunity, data: dict[str, Any]
) -> Opportunity:
    require_role(by, COORDINATOR_ROLES, action="change roles")
    _require_own(by, opportunity)
    unknown = set(data) - OPPORTUNITY_FIELDS
    if unknown:
        raise ValueError(f"not opportunity fields: {sorted(unknown)}")
    locked = _lock(opportunity)
    if locked.status == OpportunityStatus.ARCHIVED:
        raise Conflict("This role is archived, so it cannot be changed.")
    _check_text(data, TEXT_FIELDS)
    if "closing_date" in data and data["closing_date"] != locked.closing_date:
        _check_closing_date(data["closing_date"])
    if "expenses_covered" in data:
        data = {**data, "expenses_covered": _check_expenses(data["expenses_covered"])}
    if "places" in data:
        filled = locked.engagements.filter(status=EngagementStatus.ACTIVE).count()
        if data["places"] < filled:
            raise ApplicationError(
                "There are more people taking part than that.",
                fields={
                    "places": [f"{filled} people are taking part, so choose {filled} or more."]
                },
            )
    for field, value in data.items():
        setattr(locked, field, value)
    _check_pay_offer(locked)
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def opportunity_publish(*, by: Membership, opportunity: Opportunity) -> Opportunity:
    """Make a draft (or reopen a closed) role visible to everyone. Verified organisations only."""
    require_role(by, COORDINATOR_ROLES, action="publish roles")
    _require_own(by, opportunity)
    locked = _lock(opportunity)
    require_verified(locked.organisation, action="publish roles")
    if locked.status not in (OpportunityStatus.DRAFT, OpportunityStatus.CLOSED):
        raise Conflict(
            f"This role is {locked.get_status_display().lower()}, so it cannot be published."
        )
    _check_closing_date(locked.closing_date)
    locked.status = OpportunityStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.closed_at = None
    locked.save(update_fields=["status", "published_at", "closed_at", "updated_at"])
    return locked


@transaction.atomic
def opportunity_close(*, by: Membership, opportunity: Opportunity) -> Opportunity:
    """Stop taking applications. People already taking part carry on."""
    require_role(by, COORDINATOR_ROLES, action="close roles")
    _require_own(by, opportunity)
    locked = _lock(opportunity)
    if locked.status != OpportunityStatus.PUBLISHED:
        raise Conflict("Only a published role can be closed.")
    locked.status = OpportunityStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    return locked


@transaction.atomic
def opportunity_archive(*, by: Membership, opportunity: Opportunity) -> Opportunity:
    """Put away a draft or closed role. It stays in the organisation's records."""
    require_role(by, COORDINATOR_ROLES, action="archive roles")
    _require_own(by, opportunity)
    locked = _lock(opportunity)
    if locked.status not in (OpportunityStatus.DRAFT, OpportunityStatus.CLOSED):
        raise Conflict("Close the role before you archive it.")
    locked.status = OpportunityStatus.ARCHIVED
    locked.save(update_fields=["status", "updated_at"])
    return locked


def _hours_between(start: time, end: time) -> Decimal:
    today = date(2000, 1, 1)
    seconds = (datetime.combine(today, end) - datetime.combine(today, start)).total_seconds()
    return (Decimal(int(seconds)) / Decimal(3600)).quantize(Decimal("0.01"))


@transaction.atomic
def session_create(
    *,
    by: Membership,
    opportunity: Opportunity,
    date: date,
    start_time: time,
    end_time: time,
    location: str = "",
    online_link: str = "",
    planned_hours: Decimal | None = None,
) -> Session:
    require_role(by, COORDINATOR_ROLES, action="schedule sessions")
    _require_own(by, opportunity)
    if contains_html(location):
        raise ApplicationError("Use plain text only.", fields={"location": [HTML_MESSAGE]})
    if end_time <= start_time:
        raise ApplicationError(
            "The session must end after it starts.",
            fields={"end_time": ["Choose an end time after the start time."]},
        )
    if opportunity.status == OpportunityStatus.ARCHIVED:
        raise Conflict("This role is archived, so it cannot have new sessions.")
    if planned_hours is None:
        planned_hours = _hours_between(start_time, end_time)
    if not Decimal(0) < planned_hours <= MAX_HOURS_IN_A_DAY:
        raise ApplicationError(
            "Planned hours must be more than 0 and no more than 24.",
            fields={"planned_hours": ["Enter hours more than 0 and no more than 24."]},
        )
    session = Session(
        opportunity=opportunity,
        date=date,
        start_time=start_time,
        end_time=end_time,
        location=location,
        online_link=online_link,
        planned_hours=planned_hours,
    )
    session.full_clean()
    session.save()
    # Forecasts depend on booked sessions: everyone on the role is looked at again.
    contributors_money_changed(
        list(
            Engagement.objects.filter(
                opportunity=opportunity, status=EngagementStatus.ACTIVE
            ).values_list("contributor_id", flat=True)
        )
    )
    return session


@transaction.atomic
def application_submit(
    *, contributor: User, opportunity: Opportunity, statement: str, adjustments_requested: str = ""
) -> Application:
    """A contributor expresses interest in an open, published role."""
    if not contributor.is_contributor:
        raise PermissionDenied("Only contributors can apply for roles.")
    _check_text(
        {"statement": statement, "adjustments_requested": adjustments_requested},
        ("statement", "adjustments_requested"),
    )
    locked = _lock(opportunity)
    if locked.status != OpportunityStatus.PUBLISHED or locked.closing_date < timezone.localdate():
        raise Conflict("This role is not taking applications.", code=ErrorCode.OPPORTUNITY_NOT_OPEN)
    already = Application.objects.filter(
        opportunity=locked,
        contributor=contributor,
        status__in=(ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED),
    ).exists()
    if already:
        raise Conflict("You have already applied for this role.", code=ErrorCode.ALREADY_APPLIED)
    try:
        with transaction.atomic():
            return Application.objects.create(
                opportunity=locked,
                contributor=contributor,
                statement=statement,
                adjustments_requested=adjustments_requested,
            )
    except IntegrityError as exc:
        raise Conflict(
            "You have already applied for this role.", code=ErrorCode.ALREADY_APPLIED
        ) from exc


def _lock_application(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def application_accept(*, by: Membership, application: Application) -> Engagement:
    """Accept an application and start an engagement, if a place is free.

    The role's row is locked first, so two coordinators accepting at the same moment are
    served one after the other and the places are never over-filled."""
    require_role(by, COORDINATOR_ROLES, action="accept applications")
    opportunity = Opportunity.objects.select_for_update().get(pk=application.opportunity_id)
    _require_own(by, opportunity)
    locked = _lock_application(application)
    if locked.status != ApplicationStatus.SUBMITTED:
        raise Conflict(
            f"This application is {locked.get_status_display().lower()}, so it cannot be accepted."
        )
    if opportunity.status not in (OpportunityStatus.PUBLISHED, OpportunityStatus.CLOSED):
        raise Conflict("This role is not running, so no one can be accepted.")
    filled = Engagement.objects.filter(
        opportunity=opportunity, status=EngagementStatus.ACTIVE
    ).count()
    if filled >= opportunity.places:
        raise Conflict(
            f"All {opportunity.places} places on this role are filled.",
            code=ErrorCode.PLACES_FILLED,
        )
    now = timezone.now()
    locked.status = ApplicationStatus.ACCEPTED
    locked.decided_by = by.user
    locked.decided_at = now
    locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    try:
        with transaction.atomic():
            engagement = Engagement.objects.create(
                opportunity=opportunity, contributor_id=locked.contributor_id, application=locked
            )
    except IntegrityError as exc:
        raise Conflict("This person is already taking part in this role.") from exc
    contributor_money_changed(locked.contributor_id)  # the role's sessions are now booked
    return engagement


@transaction.atomic
def application_decline(*, by: Membership, application: Application) -> Application:
    require_role(by, COORDINATOR_ROLES, action="decline applications")
    _require_own(by, application.opportunity)
    locked = _lock_application(application)
    if locked.status != ApplicationStatus.SUBMITTED:
        raise Conflict(
            f"This application is {locked.get_status_display().lower()}, so it cannot be declined."
        )
    locked.status = ApplicationStatus.DECLINED
    locked.decided_by = by.user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return locked


@transaction.atomic
def application_withdraw(*, contributor: User, application: Application) -> Application:
    """The contributor takes back their application. If it was accepted, they stop taking part."""
    if application.contributor_id != contributor.pk:
        raise PermissionDenied("Only the person who applied can withdraw an application.")
    locked = _lock_application(application)
    if locked.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED):
        raise Conflict(
            f"This application is {locked.get_status_display().lower()}, so it cannot be withdrawn."
        )
    engagement = Engagement.objects.filter(application=locked).first()
    if engagement is not None and engagement.status == EngagementStatus.COMPLETED:
        raise Conflict(
            "Your part in this role is already complete, so there is nothing to withdraw."
        )
    locked.status = ApplicationStatus.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    if engagement is not None and engagement.status == EngagementStatus.ACTIVE:
        engagement_withdraw(by=contributor, engagement=engagement)
    return locked


def _lock_engagement(engagement: Engagement) -> Engagement:
    return (
        Engagement.objects.select_for_update()
        .select_related("opportunity", "opportunity__organisation", "contributor")
        .get(pk=engagement.pk)
    )


@transaction.atomic
def engagement_withdraw(*, by: User, engagement: Engagement) -> Engagement:
    """Stop taking part. Contributors may do this at any time; coordinators may record it."""
    locked = _lock_engagement(engagement)
    if by.pk != locked.contributor_id:
        membership = Membership.objects.filter(
            user=by, organisation_id=locked.opportunity.organisation_id
        ).first()
        if membership is None:
            raise PermissionDenied("Only the contributor or the organisation can do this.")
        require_role(membership, COORDINATOR_ROLES, action="record that someone has withdrawn")
    if locked.status == EngagementStatus.WITHDRAWN:
        return locked
    locked.status = EngagementStatus.WITHDRAWN
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["status", "withdrawn_at", "updated_at"])
    contributor_money_changed(locked.contributor_id)  # its booked sessions no longer count
    return locked


@transaction.atomic
def engagement_complete(*, by: Membership, engagement: Engagement) -> Engagement:
    require_role(by, COORDINATOR_ROLES, action="mark someone's involvement as complete")
    locked = _lock_engagement(engagement)
    _require_own(by, locked.opportunity)
    if locked.status == EngagementStatus.COMPLETED:
        return locked
    if locked.status != EngagementStatus.ACTIVE:
        raise Conflict("This person has withdrawn, so their involvement cannot be completed.")
    locked.status = EngagementStatus.COMPLETED
    locked.completed_at = timezone.now()
    locked.save(update_fields=["status", "completed_at", "updated_at"])
    contributor_money_changed(locked.contributor_id)
    return locked


@transaction.atomic
def engagement_status_set(*, by: User, engagement: Engagement, status: str) -> Engagement:
    """PATCH of an engagement's status: the contributor may withdraw; coordinators may
    complete or withdraw."""
    if status == EngagementStatus.WITHDRAWN:
        return engagement_withdraw(by=by, engagement=engagement)
    membership = Membership.objects.filter(
        user=by, organisation_id=engagement.opportunity.organisation_id
    ).first()
    if status == EngagementStatus.COMPLETED and membership is not None:
        return engagement_complete(by=membership, engagement=engagement)
    if status == EngagementStatus.COMPLETED:
        raise PermissionDenied("Only the organisation can mark involvement as complete.")
    raise ApplicationError(
        "You can only set the status to completed or withdrawn.",
        fields={"status": ["Choose completed or withdrawn."]},
    )


@transaction.atomic
def attendance_log(
    *,
    by: Membership,
    engagement: Engagement,
    date: date,
    hours: Decimal,
    session: Session | None = None,
) -> Attendance:
    """Record hours a contributor gave and the fee offered for them under the role's pay offer.

    The engagement row is locked so that "first attendance" (for fixed fees) and the day's
    hours are decided one at a time."""
    require_role(by, COORDINATOR_ROLES, action="log attendance")
    locked = _lock_engagement(engagement)
    opportunity = locked.opportunity
    _require_own(by, opportunity)
    if not Decimal(0) < hours <= MAX_HOURS_IN_A_DAY:
        raise ApplicationError(
            "Hours must be more than 0 and no more than 24.",
            fields={"hours": ["Enter hours more than 0 and no more than 24."]},
        )
    if date > timezone.localdate():
        raise ApplicationError(
            "You cannot log attendance for a day that has not happened yet.",
            fields={"date": ["Choose today or a day in the past."]},
        )
    if locked.status == EngagementStatus.WITHDRAWN and (
        locked.withdrawn_at is None or date > timezone.localdate(locked.withdrawn_at)
    ):
        raise Conflict("This person withdrew before that day, so no attendance can be logged.")
    if session is not None:
        if session.opportunity_id != opportunity.pk:
            raise ApplicationError(
                "That session is not part of this role.",
                fields={"session": ["Choose a session of this role."]},
            )
        if session.date != date:
            raise ApplicationError(
                "The date must be the session's date.",
                fields={"date": [f"This session was on {session.date:%d %B %Y}."]},
            )
        if Attendance.objects.filter(engagement=locked, session=session).exists():
            raise Conflict("Attendance for this session has already been logged.")
    already = Attendance.objects.filter(
        engagement__contributor_id=locked.contributor_id, date=date
    ).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    if already + hours > MAX_HOURS_IN_A_DAY:
        raise ApplicationError(
            "That is more than 24 hours in one day.",
            fields={"hours": [f"{already} hours are already logged for this person on this day."]},
        )
    first_attendance = not Attendance.objects.filter(engagement=locked).exists()
    amount = offered_fee(
        rate=opportunity.pay_rate,
        unit=opportunity.pay_unit,
        hours=hours,
        first_attendance=first_attendance,
    )
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                engagement=locked,
                session=session,
                date=date,
                hours=hours,
                offered_amount=amount,
                logged_by=by.user,
            )
    except IntegrityError as exc:
        raise Conflict("Attendance for this session has already been logged.") from exc
    if amount > 0:
        # The fee, with the contributor's payment choice applied, in the same transaction.
        payment_record(
            by=by,
            contributor=locked.contributor,
            kind=PaymentKind.FEE,
            amount=amount,
            description=f"{opportunity.title}: {hours:g} hours on {date:%d %B %Y}",
            due_on=date,
            engagement=locked,
            attendance=attendance,
            hours=hours,
        )
    return attendance


@transaction.atomic
def pay_rate_create(
    *,
    by: Membership,
    name: str,
    amount: Decimal,
    unit: str,
    description: str = "",
    is_default: bool = False,
) -> PayRate:
    """Add an entry to the organisation's rate card. A new default replaces the old one."""
    require_role(by, COORDINATOR_ROLES, action="change the rate card")
    _check_text({"name": name, "description": description}, ("name", "description"))
    if PayRate.objects.filter(organisation_id=by.organisation_id, name=name).exists():
        raise ApplicationError(
            "There is already a rate with that name.",
            fields={"name": ["Choose a name not used by another rate."]},
        )
    if is_default:
        PayRate.objects.select_for_update().filter(
            organisation_id=by.organisation_id, is_default=True
        ).update(is_default=False)
    rate = PayRate(
        organisation_id=by.organisation_id,
        name=name,
        amount=amount,
        unit=unit,
        description=description,
        is_default=is_default,
    )
    rate.full_clean()
    rate.save()
    return rate
