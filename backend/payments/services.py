"""The payments app's write services, for other apps and tests: each lives with its subdomain
(``fees``, ``preferences``, ``expenses``, ``runs``, ``finance``); inside the app, import from
there."""

from .expenses.services import ItemInput, expense_claim_submit, expense_items_decide
from .fees.services import (
    RecordResult,
    attendance_record,
    payment_approve,
    payment_cancel,
    payment_mark_paid,
    payment_record,
    payment_reschedule,
)
from .finance.services import finance_settings_set
from .preferences.services import engagement_choice_set, engagement_update, preference_set
from .runs.services import (
    payment_run_create,
    payment_run_export,
    payment_run_mark_paid,
    payment_run_schedule,
)

__all__ = [
    "ItemInput",
    "RecordResult",
    "attendance_record",
    "engagement_choice_set",
    "engagement_update",
    "expense_claim_submit",
    "expense_items_decide",
    "finance_settings_set",
    "payment_approve",
    "payment_cancel",
    "payment_mark_paid",
    "payment_record",
    "payment_reschedule",
    "payment_run_create",
    "payment_run_export",
    "payment_run_mark_paid",
    "payment_run_schedule",
    "preference_set",
]
