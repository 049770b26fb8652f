"""A session's register: who came and their hours, and who did not, logged in one request.
Every attendance and the fee it earns is recorded in one transaction: all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from coproduce.api.errors import ApplicationError
from opportunities.models import Engagement, Register, RegisterEntry, Session
from organisations.models import Membership
from organisations.permissions import COORDINATOR_ROLES, require_role

from ..fees.services import attendance_record
from ..idempotency import once_per_key, replayed


@dataclass(frozen=True)
class RegisterRow:
    engagement_id: int
    attended: bool
    hours: Decimal | None


@dataclass(frozen=True)
class RegisterResult:
    register: Register
    replayed: bool


NOTHING_LOGGED = "Nothing was logged. Check the rows marked and send the register again."


def _replay(session: Session, key: str, fingerprint: str) -> RegisterResult | None:
    existing = replayed(
        Register.objects.filter(session=session), key=key, request_fingerprint=fingerprint
    )
    return None if existing is None else RegisterResult(existing, replayed=True)


def register_record(
    *,
    by: Membership,
    session: Session,
    rows: Sequence[RegisterRow],
    idempotency_key: str | None = None,
    fingerprint: str = "",
) -> RegisterResult:
    """Log a session's register. Each row is one booked person: their attendance and fee if
    they came, a note that they did not if not. If any row cannot be logged, nothing is, and
    the error names each row's problem (``rows.<n>.<field>``, n counting from 0)."""
    require_role(by, COORDINATOR_ROLES, action="log a register")
    if session.opportunity.organisation_id != by.organisation_id:
        raise ApplicationError("That session is not one of your organisation's.")
    return once_per_key(
        key=idempotency_key,
        replay=lambda key: _replay(session, key, fingerprint),
        record=lambda: RegisterResult(
            _record_locked(by, session, rows, idempotency_key, fingerprint), replayed=False
        ),
    )


def _record_locked(
    by: Membership,
    session: Session,
    rows: Sequence[RegisterRow],
    idempotency_key: str | None,
    fingerprint: str,
) -> Register:
    # One register of a session at a time: the second waits and sees who the first logged.
    session = Session.objects.select_for_update().select_related("opportunity").get(pk=session.pk)
    if session.date > timezone.localdate():
        raise ApplicationError(
            "This session has not happened yet, so its register cannot be logged.",
            fields={"session": [f"This session is on {session.date:%-d %B %Y}."]},
        )
    engagements = {
        e.pk: e
        for e in Engagement.objects.filter(
            opportunity_id=session.opportunity_id, pk__in=[row.engagement_id for row in rows]
        ).select_related("contributor")
    }
    on_register = set(
        RegisterEntry.objects.filter(session=session).values_list("engagement_id", flat=True)
    )
    errors: dict[str, list[str]] = {}
    seen: set[int] = set()
    register = Register.objects.create(
        session=session,
        logged_by=by.user,
        idempotency_key=idempotency_key or None,
        request_fingerprint=fingerprint,
    )
    for index, row in enumerate(rows):
        where = f"rows.{index}"
        engagement = engagements.get(row.engagement_id)
        if engagement is None:
            errors[f"{where}.engagement"] = ["This person is not booked on this role."]
            continue
        name = engagement.contributor.full_name
        if row.engagement_id in seen:
            errors[f"{where}.engagement"] = [f"{name} is on this register twice."]
            continue
        seen.add(row.engagement_id)
        if row.engagement_id in on_register:
            errors[f"{where}.attended"] = ["They are already on this session's register."]
            continue
        if row.attended and row.hours is None:
            errors[f"{where}.hours"] = ["Enter the hours they gave."]
            continue
        try:
            with transaction.atomic():  # one row's failure must not spoil the others' checks
                attendance = None
                if row.attended and row.hours is not None:
                    attendance = attendance_record(
                        by=by,
                        engagement=engagement,
                        date=session.date,
                        hours=row.hours,
                        session=session,
                    )
                RegisterEntry.objects.create(
                    register=register,
                    session=session,
                    engagement=engagement,
                    attendance=attendance,
                )
        except ApplicationError as exc:
            if exc.fields:
                for field, messages in exc.fields.items():
                    key = "hours" if field == "hours" else "attended"
                    errors[f"{where}.{key}"] = list(messages)
            else:
                errors[f"{where}.attended"] = [exc.message]
    if errors:
        raise ApplicationError(NOTHING_LOGGED, fields=errors)
    return register
