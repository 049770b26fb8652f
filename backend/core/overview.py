"""An organisation's overview: spend against budget, what waits, who needs care, what to do today.

It composes the payments dashboard with the contributors near or over a limit (thresholds), the
letters waiting (letters) and a list of what each role has to do today, so the overview page is
one request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q

from letters.models import Letter, LetterStatus
from opportunities.models import (
    Application,
    ApplicationStatus,
    Attendance,
    Engagement,
    EngagementStatus,
    Session,
)
from organisations.models import Membership
from organisations.permissions import ADMIN_ROLES, COORDINATOR_ROLES, FINANCE_ROLES
from payments.finance.selectors import organisation_dashboard
from periods import uk_today
from thresholds.monitoring.attention import contributors_near_or_over

# How far back a session without a register is still something to do today.
REGISTER_LOOKBACK = timedelta(days=28)


@dataclass(frozen=True)
class Task:
    """One thing to do today: what it is (a stable kind the web app links), and how many."""

    kind: str
    count: int


def _sessions_without_register(organisation_id: int, today: date) -> int:
    """Past sessions (in the last four weeks) of roles with people booked, where no one's
    attendance has been logged yet."""
    booked = Engagement.objects.filter(
        opportunity_id=OuterRef("opportunity_id"), status=EngagementStatus.ACTIVE
    )
    logged = Attendance.objects.filter(session_id=OuterRef("pk"))
    return (
        Session.objects.filter(
            opportunity__organisation_id=organisation_id,
            date__lte=today,
            date__gte=today - REGISTER_LOOKBACK,
        )
        .filter(Exists(booked))
        .exclude(Exists(logged))
        .count()
    )


def _tasks(membership: Membership, dashboard: dict[str, Any], today: date) -> list[Task]:
    organisation_id = membership.organisation_id
    tasks: list[Task] = []
    if membership.role in COORDINATOR_ROLES:
        tasks.append(
            Task(
                "applications",
                Application.objects.filter(
                    opportunity__organisation_id=organisation_id,
                    status=ApplicationStatus.SUBMITTED,
                ).count(),
            )
        )
        tasks.append(Task("registers", _sessions_without_register(organisation_id, today)))
    if membership.role in FINANCE_ROLES:
        tasks.append(Task("approvals", dashboard["pending_approvals"]))
        tasks.append(Task("expense_items", dashboard["open_expense_items"]))
        tasks.append(Task("payment_run", dashboard["approved_not_in_run"]))
    if membership.role in ADMIN_ROLES:
        tasks.append(Task("letters", _letters_waiting(organisation_id)))
    return [task for task in tasks if task.count]


def _letters_waiting(organisation_id: int) -> int:
    """Letters contributors asked for that no admin has issued yet, and letters that failed to
    be made (an admin issues them again)."""
    return Letter.objects.filter(
        Q(status=LetterStatus.REQUESTED, approved_at__isnull=True) | Q(status=LetterStatus.FAILED),
        organisation_id=organisation_id,
    ).count()


def organisation_overview(*, membership: Membership, today: date | None = None) -> dict[str, Any]:
    """Everything the overview page shows, for this member's role."""
    today = today or uk_today()
    organisation_id = membership.organisation_id
    dashboard = organisation_dashboard(organisation=membership.organisation, today=today)
    return {
        **dashboard,
        "letters_waiting": _letters_waiting(organisation_id),
        "contributors_needing_care": contributors_near_or_over(
            organisation_id=organisation_id, today=today
        ),
        "today": _tasks(membership, dashboard, today),
    }
