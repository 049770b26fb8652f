"""Involvement roles: post, change, publish, close and archive a role; schedule its sessions;
the organisation's rate card."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from coproduce.api.errors import ApplicationError, Conflict, NotFound
from organisations.models import Membership
from organisations.permissions import COORDINATOR_ROLES, require_role, require_verified

from ..models import (
    Engagement,
    EngagementStatus,
    Expense,
    Opportunity,
    OpportunityStatus,
    PayRate,
    PayUnit,
    Session,
    SessionStatus,
)
from ..signals import contributors_bookings_changed
from ..text import HTML_MESSAGE, contains_html
from .session_notices import (
    describe_when,
    notify_session_added,
    notify_session_cancelled,
    notify_session_moved,
)

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


def check_text(data: dict[str, Any], fields: tuple[str, ...]) -> None:
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
    check_text(data, TEXT_FIELDS)
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


def lock_opportunity(opportunity: Opportunity) -> Opportunity:
    return (
        Opportunity.objects.select_for_update()
        .select_related("organisation")
        .get(pk=opportunity.pk)
    )


def require_own(by: Membership, opportunity: Opportunity) -> None:
    if by.organisation_id != opportunity.organisation_id:
        raise ValueError("membership is of another organisation")


@transaction.atomic
def opportunity_update(
    *, by: Membership, opportunity: Opportunity, data: dict[str, Any]
) -> Opportunity:
    require_role(by, COORDINATOR_ROLES, action="change roles")
    require_own(by, opportunity)
    unknown = set(data) - OPPORTUNITY_FIELDS
    if unknown:
        raise ValueError(f"not opportunity fields: {sorted(unknown)}")
    locked = lock_opportunity(opportunity)
    if locked.status == OpportunityStatus.ARCHIVED:
        raise Conflict("This role is archived, so it cannot be changed.")
    check_text(data, TEXT_FIELDS)
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
    require_own(by, opportunity)
    locked = lock_opportunity(opportunity)
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
    require_own(by, opportunity)
    locked = lock_opportunity(opportunity)
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
    require_own(by, opportunity)
    locked = lock_opportunity(opportunity)
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
    require_own(by, opportunity)
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
    _bookings_changed(opportunity)
    notify_session_added(session)
    return session


def _bookings_changed(opportunity: Opportunity) -> None:
    """Forecasts depend on booked sessions: everyone on the role is looked at again."""
    contributors_bookings_changed(
        list(
            Engagement.objects.filter(
                opportunity=opportunity, status=EngagementStatus.ACTIVE
            ).values_list("contributor_id", flat=True)
        )
    )


SESSION_FIELDS = frozenset(
    {"date", "start_time", "end_time", "location", "online_link", "planned_hours"}
)
# A change to any of these moves the session: people booked are told, with a new .ics.
MOVE_FIELDS = ("date", "start_time", "end_time", "location", "online_link")


def lock_session(session: Session) -> Session:
    return (
        Session.all_objects.select_for_update()
        .select_related("opportunity", "opportunity__organisation")
        .get(pk=session.pk)
    )


def _require_changeable(session: Session, *, doing: str) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise Conflict(f"This session is cancelled, so it cannot be {doing}.")
    if session.opportunity.status == OpportunityStatus.ARCHIVED:
        raise Conflict(f"This role is archived, so its sessions cannot be {doing}.")
    if session.attendances.exists():
        raise Conflict(f"Attendance is logged for this session, so it cannot be {doing}.")


@transaction.atomic
def session_update(*, by: Membership, session: Session, data: dict[str, Any]) -> Session:
    """Change a session. A new date, time or place is a move: the sequence goes up and the
    people booked are told, with an updated calendar file."""
    require_role(by, COORDINATOR_ROLES, action="change sessions")
    unknown = set(data) - SESSION_FIELDS
    if unknown:
        raise ValueError(f"not session fields: {sorted(unknown)}")
    locked = lock_session(session)
    require_own(by, locked.opportunity)
    _require_changeable(locked, doing="changed")
    if contains_html(data.get("location", "")):
        raise ApplicationError("Use plain text only.", fields={"location": [HTML_MESSAGE]})
    before = describe_when(locked)
    moved = any(f in data and data[f] != getattr(locked, f) for f in MOVE_FIELDS)
    times_changed = any(f in data for f in ("start_time", "end_time"))
    for field, value in data.items():
        setattr(locked, field, value)
    if locked.end_time <= locked.start_time:
        raise ApplicationError(
            "The session must end after it starts.",
            fields={"end_time": ["Choose an end time after the start time."]},
        )
    if times_changed and "planned_hours" not in data:
        locked.planned_hours = _hours_between(locked.start_time, locked.end_time)
    if not Decimal(0) < locked.planned_hours <= MAX_HOURS_IN_A_DAY:
        raise ApplicationError(
            "Planned hours must be more than 0 and no more than 24.",
            fields={"planned_hours": ["Enter hours more than 0 and no more than 24."]},
        )
    if moved:
        locked.sequence += 1
    locked.full_clean()
    locked.save()
    _bookings_changed(locked.opportunity)
    if moved:
        notify_session_moved(locked, before=before)
    return locked


@transaction.atomic
def session_cancel(*, by: Membership, session: Session, reason: str) -> Session:
    """Cancel a session with a reason the people booked are told. It stops counting in their
    forecasts, and the calendar file sent takes it out of their calendars."""
    require_role(by, COORDINATOR_ROLES, action="cancel sessions")
    locked = lock_session(session)
    require_own(by, locked.opportunity)
    _require_changeable(locked, doing="cancelled")
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            "Say why the session is cancelled.",
            fields={"reason": ["Enter why the session is cancelled."]},
        )
    check_text({"reason": reason}, ("reason",))
    locked.status = SessionStatus.CANCELLED
    locked.cancelled_reason = reason
    locked.cancelled_at = timezone.now()
    locked.sequence += 1
    locked.save()
    _bookings_changed(locked.opportunity)
    notify_session_cancelled(locked)
    return locked


COPY_FIELDS = tuple(sorted(OPPORTUNITY_FIELDS))


@transaction.atomic
def opportunity_copy(
    *, by: Membership, opportunity: Opportunity, title: str | None = None
) -> Opportunity:
    """A new draft with the same details (pay offer, expenses, accessibility, places, closing
    date) and no sessions, applicants or people taking part: a role is copied to run it again,
    and its dates are the new run's own. A closing date that has passed becomes today, for the
    coordinator to change before they publish."""
    require_role(by, COORDINATOR_ROLES, action="copy roles")
    require_own(by, opportunity)
    data = {field: getattr(opportunity, field) for field in COPY_FIELDS}
    data["title"] = (title or f"Copy of {opportunity.title}")[:200]
    check_text(data, TEXT_FIELDS)
    data["closing_date"] = max(data["closing_date"], timezone.localdate())
    copy = Opportunity(
        organisation_id=opportunity.organisation_id,
        created_by=by.user,
        status=OpportunityStatus.DRAFT,
        **data,
    )
    _check_pay_offer(copy)
    copy.full_clean()
    copy.save()
    return copy


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
    check_text({"name": name, "description": description}, ("name", "description"))
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


def _pay_rate_locked(*, by: Membership, rate_id: int) -> PayRate:
    rate = (
        PayRate.objects.select_for_update()
        .filter(pk=rate_id, organisation_id=by.organisation_id)
        .first()
    )
    if rate is None:
        raise NotFound("There is no rate with that id on this organisation's rate card.")
    return rate


@transaction.atomic
def pay_rate_update(*, by: Membership, rate_id: int, data: dict[str, Any]) -> PayRate:
    """Change a rate card entry. Roles already offered keep the pay they were offered with (a
    role copies the amount, it does not point at the rate). Making it the default replaces the
    old default; a default cannot be unset here, only replaced by another."""
    require_role(by, COORDINATOR_ROLES, action="change the rate card")
    rate = _pay_rate_locked(by=by, rate_id=rate_id)
    check_text(
        {k: v for k, v in data.items() if k in ("name", "description")}, ("name", "description")
    )
    name = data.get("name", rate.name)
    if (
        PayRate.objects.filter(organisation_id=by.organisation_id, name=name)
        .exclude(pk=rate.pk)
        .exists()
    ):
        raise ApplicationError(
            "There is already a rate with that name.",
            fields={"name": ["Choose a name not used by another rate."]},
        )
    if data.get("is_default") is False and rate.is_default:
        raise ApplicationError(
            "There is always one default rate once one is chosen.",
            fields={"is_default": ["Make another rate the default instead."]},
        )
    if data.get("is_default") and not rate.is_default:
        for old in PayRate.objects.select_for_update().filter(
            organisation_id=by.organisation_id, is_default=True
        ):
            old.is_default = False
            old.save(update_fields=["is_default", "updated_at"])
    for field in ("name", "description", "amount", "unit", "is_default"):
        if field in data:
            setattr(rate, field, data[field])
    rate.full_clean()
    rate.save()
    return rate


@transaction.atomic
def pay_rate_delete(*, by: Membership, rate_id: int) -> None:
    """Take a rate off the rate card. Roles offered at it keep their pay."""
    require_role(by, COORDINATOR_ROLES, action="change the rate card")
    _pay_rate_locked(by=by, rate_id=rate_id).delete()
