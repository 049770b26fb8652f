"""Engagements: a contributor's place on a role; withdrawing, completing, and logging the hours
they gave (the fee those hours earn is recorded by payments)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import ApplicationError, Conflict, PermissionDenied
from organisations.models import Membership
from organisations.permissions import COORDINATOR_ROLES, require_role

from ..models import Attendance, Engagement, EngagementStatus, Session
from ..pay import offered_fee
from ..roles.services import MAX_HOURS_IN_A_DAY, require_own
from ..signals import contributors_bookings_changed


def lock_engagement(engagement: Engagement) -> Engagement:
    return (
        Engagement.objects.select_for_update()
        .select_related("opportunity", "opportunity__organisation", "contributor")
        .get(pk=engagement.pk)
    )


@transaction.atomic
def engagement_withdraw(*, by: User, engagement: Engagement) -> Engagement:
    """Stop taking part. Contributors may do this at any time; coordinators may record it."""
    locked = lock_engagement(engagement)
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
    contributors_bookings_changed([locked.contributor_id])  # its booked sessions no longer count
    return locked


@transaction.atomic
def engagement_complete(*, by: Membership, engagement: Engagement) -> Engagement:
    require_role(by, COORDINATOR_ROLES, action="mark someone's involvement as complete")
    locked = lock_engagement(engagement)
    require_own(by, locked.opportunity)
    if locked.status == EngagementStatus.COMPLETED:
        return locked
    if locked.status != EngagementStatus.ACTIVE:
        raise Conflict("This person has withdrawn, so their involvement cannot be completed.")
    locked.status = EngagementStatus.COMPLETED
    locked.completed_at = timezone.now()
    locked.save(update_fields=["status", "completed_at", "updated_at"])
    contributors_bookings_changed([locked.contributor_id])
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
    """Record hours a contributor gave and the fee offered for them under the role's pay offer
    (``payments.fees.services.attendance_record`` records that fee as a payment).

    The engagement row is locked so that "first attendance" (for fixed fees) and the day's
    hours are decided one at a time."""
    require_role(by, COORDINATOR_ROLES, action="log attendance")
    locked = lock_engagement(engagement)
    opportunity = locked.opportunity
    require_own(by, opportunity)
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
    return attendance
