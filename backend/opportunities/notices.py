"""What opportunities tell people: a coordinator that someone applied, a contributor that they
were accepted or declined, and everyone booked on a session the day before it.

Each is called inside the change's transaction, so the notification exists only if the change
commits, and its e-mail is queued for after the commit (``notifications.services``)."""

from __future__ import annotations

from datetime import date, timedelta

from notifications.kinds import NotificationKind
from notifications.services import Notice, notify, notify_many
from organisations.notices import members_notify
from organisations.permissions import COORDINATOR_ROLES
from periods import uk_today

from .models import Application, Engagement, EngagementStatus, Session


def application_received_notify(*, application: Application) -> int:
    """Tell the organisation's coordinators (and admins and owners) that someone applied."""
    opportunity = application.opportunity
    organisation = opportunity.organisation
    name = application.contributor.full_name or "Someone"
    return members_notify(
        organisation=organisation,
        roles=COORDINATOR_ROLES,
        kind=NotificationKind.APPLICATION_RECEIVED,
        dedupe_key=f"application-received:{application.pk}",
        title=f"New application for {opportunity.title}",
        body=(
            f"{name} has applied for {opportunity.title}. "
            "Read their application and accept or decline it."
        ),
        link=f"/organisations/{organisation.pk}/applications/{application.pk}",
    )


def application_accepted_notify(*, application: Application) -> None:
    opportunity = application.opportunity
    organisation = opportunity.organisation
    notify(
        user=application.contributor,
        kind=NotificationKind.APPLICATION_ACCEPTED,
        dedupe_key=f"application-accepted:{application.pk}",
        title=f"You have a place on {opportunity.title}",
        body=(
            f"{organisation.name} has accepted your application for {opportunity.title}. "
            "You can see the role's sessions in your roles."
        ),
        link="/me/roles",
        sender_name=organisation.name,
        reply_to=organisation.contact_email,
    )


def application_declined_notify(*, application: Application, message: str = "") -> None:
    """Tell the contributor, with the organisation's own words when it wrote some."""
    opportunity = application.opportunity
    organisation = opportunity.organisation
    parts = [
        f"{organisation.name} will not be offering you a place on {opportunity.title} this time."
    ]
    if message.strip():
        parts.append(f"They said: {message.strip()}")
    parts.append("Thank you for applying. You can find other roles in Coproduce.")
    notify(
        user=application.contributor,
        kind=NotificationKind.APPLICATION_DECLINED,
        dedupe_key=f"application-declined:{application.pk}",
        title=f"About your application for {opportunity.title}",
        body="\n\n".join(parts),
        link="/me/roles",
        sender_name=organisation.name,
        reply_to=organisation.contact_email,
    )


def _when(session: Session) -> str:
    return (
        f"{session.date:%A} {session.date.day} {session.date:%B} from "
        f"{session.start_time:%H:%M} to {session.end_time:%H:%M}"
    )


def session_reminders_send(*, on: date | None = None) -> int:
    """Remind everyone taking part in a role of its sessions tomorrow (UK date), once per
    person and session however often this runs. Only sessions going ahead count: cancelled
    ones are not in ``Session.objects``. Returns how many reminders were made."""
    tomorrow = (on or uk_today()) + timedelta(days=1)
    sessions = list(
        Session.objects.filter(date=tomorrow).select_related("opportunity__organisation")
    )
    if not sessions:
        return 0
    booked: dict[int, list[int]] = {}
    for opportunity_id, contributor_id in Engagement.objects.filter(
        opportunity_id__in={s.opportunity_id for s in sessions},
        status=EngagementStatus.ACTIVE,
        contributor__is_active=True,
    ).values_list("opportunity_id", "contributor_id"):
        booked.setdefault(opportunity_id, []).append(contributor_id)
    notices: list[Notice] = []
    for session in sessions:
        opportunity = session.opportunity
        parts = [f"{opportunity.title} meets tomorrow, {_when(session)}."]
        if session.location:
            parts.append(f"Where: {session.location}.")
        if session.online_link:  # only people taking part get this, and may see the link
            parts.append(f"Join online: {session.online_link}")
        parts.append(f"If you cannot come, please let {opportunity.organisation.name} know.")
        body = "\n\n".join(parts)
        for contributor_id in booked.get(session.opportunity_id, []):
            notices.append(
                Notice(
                    user_id=contributor_id,
                    kind=NotificationKind.SESSION_REMINDER,
                    dedupe_key=f"session-reminder:{session.pk}:{session.date.isoformat()}",
                    title=f"Reminder: {opportunity.title} tomorrow",
                    body=body,
                    link="/me/roles",
                    sender_name=opportunity.organisation.name,
                    reply_to=opportunity.organisation.contact_email,
                )
            )
    return notify_many(notices)
