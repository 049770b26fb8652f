"""Applications: a contributor applies for a role; the organisation accepts (a place is
taken) or declines; the contributor may withdraw."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from coproduce.api.errors import Conflict, ErrorCode, PermissionDenied
from organisations.models import Membership
from organisations.permissions import COORDINATOR_ROLES, require_role

from ..engagements.services import engagement_withdraw
from ..models import (
    Application,
    ApplicationStatus,
    Engagement,
    EngagementStatus,
    Opportunity,
    OpportunityStatus,
)
from ..notices import (
    application_accepted_notify,
    application_declined_notify,
    application_received_notify,
)
from ..roles.services import check_text, lock_opportunity, require_own
from ..roles.session_notices import notify_place_booked
from ..signals import contributors_bookings_changed


@transaction.atomic
def application_submit(
    *, contributor: User, opportunity: Opportunity, statement: str, adjustments_requested: str = ""
) -> Application:
    """A contributor expresses interest in an open, published role."""
    if not contributor.is_contributor:
        raise PermissionDenied("Only contributors can apply for roles.")
    check_text(
        {"statement": statement, "adjustments_requested": adjustments_requested},
        ("statement", "adjustments_requested"),
    )
    locked = lock_opportunity(opportunity)
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
            application = Application.objects.create(
                opportunity=locked,
                contributor=contributor,
                statement=statement,
                adjustments_requested=adjustments_requested,
            )
    except IntegrityError as exc:
        raise Conflict(
            "You have already applied for this role.", code=ErrorCode.ALREADY_APPLIED
        ) from exc
    application_received_notify(application=application)
    return application


def _lock_application(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def application_accept(*, by: Membership, application: Application) -> Engagement:
    """Accept an application and start an engagement, if a place is free.

    The role's row is locked first, so two coordinators accepting at the same moment are
    served one after the other and the places are never over-filled."""
    require_role(by, COORDINATOR_ROLES, action="accept applications")
    opportunity = Opportunity.objects.select_for_update().get(pk=application.opportunity_id)
    require_own(by, opportunity)
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
    contributors_bookings_changed([locked.contributor_id])  # the role's sessions are now booked
    application_accepted_notify(application=locked)
    engagement.opportunity = opportunity
    notify_place_booked(engagement)
    return engagement


def decline_message_default(application: Application) -> str:
    """The kind words a coordinator starts from when they decline; they can change them."""
    opportunity = application.opportunity
    return (
        f"Thank you for applying for {opportunity.title}, and for telling us about your "
        "experience. We are sorry that we cannot offer you a place this time. We value your "
        f"interest, and we hope you will apply for {opportunity.organisation.name}'s roles "
        "again."
    )


@transaction.atomic
def application_decline(
    *, by: Membership, application: Application, message: str | None = None
) -> Application:
    """Decline with a kind message the contributor is shown (the default wording unless the
    coordinator wrote their own)."""
    require_role(by, COORDINATOR_ROLES, action="decline applications")
    require_own(by, application.opportunity)
    locked = _lock_application(application)
    if locked.status != ApplicationStatus.SUBMITTED:
        raise Conflict(
            f"This application is {locked.get_status_display().lower()}, so it cannot be declined."
        )
    if message is not None:
        check_text({"message": message}, ("message",))
    message = (message or "").strip() or decline_message_default(application)
    locked.status = ApplicationStatus.DECLINED
    locked.decided_by = by.user
    locked.decided_at = timezone.now()
    locked.decision_message = message
    locked.save(
        update_fields=["status", "decided_by", "decided_at", "decision_message", "updated_at"]
    )
    application_declined_notify(application=locked, message=locked.decision_message)
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
