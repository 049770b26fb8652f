"""The kinds of notification Coproduce gives, who they are for, and their plain-English names
(the notification settings page shows the same names: frontend/src/features/notifications/api/
notifications.ts). ``STAFF_KINDS`` go to an organisation's members: nothing in them may name a
benefit (tests/privacy/test_staff_notifications.py makes each one and reads it)."""

from __future__ import annotations

from django.db import models


class NotificationKind(models.TextChoices):
    # For contributors
    THRESHOLD_ALERT = "threshold_alert", "When you are close to a limit or go over it"
    APPLICATION_ACCEPTED = (
        "application_accepted",
        "When an organisation gives you a place on a role",
    )
    APPLICATION_DECLINED = (
        "application_declined",
        "When an organisation says no to your application",
    )
    SESSION_BOOKED = "session_booked", "When you are booked on sessions, with calendar files"
    SESSION_MOVED = "session_moved", "When a session you are booked on is moved"
    SESSION_CANCELLED = "session_cancelled", "When a session you are booked on is cancelled"
    SESSION_REMINDER = "session_reminder", "A reminder the day before a session you are booked on"
    FEE_APPROVED = "fee_approved", "When a fee for your work is approved"
    FEE_PAID = "fee_paid", "When you are paid a fee or an expense"
    EXPENSE_CLAIM_DECIDED = (
        "expense_claim_decided",
        "When an organisation has decided on your expense claim",
    )
    LETTER_ISSUED = "letter_issued", "When a letter you asked for is ready"
    # For organisation staff
    APPLICATION_RECEIVED = "application_received", "When someone applies for a role"
    FINANCE_DIGEST = "finance_digest", "Once a day, what is waiting for finance"
    LETTER_REQUESTED = "letter_requested", "When a contributor asks for a letter"
    HEADROOM_WARNING = "headroom_warning", "When someone you pay is close to a limit"


STAFF_KINDS: frozenset[str] = frozenset(
    {
        NotificationKind.APPLICATION_RECEIVED,
        NotificationKind.FINANCE_DIGEST,
        NotificationKind.LETTER_REQUESTED,
        NotificationKind.HEADROOM_WARNING,
    }
)
