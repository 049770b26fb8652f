"""The payments app's reads, for other apps: each lives with its subdomain; inside the app,
import from there."""

from .expenses.selectors import expense_claim_get, expense_claim_list
from .fees.selectors import payment_get, payment_list
from .preferences.selectors import choice_spec_for
from .runs.selectors import payment_run_get, payment_run_list

__all__ = [
    "choice_spec_for",
    "expense_claim_get",
    "expense_claim_list",
    "payment_get",
    "payment_list",
    "payment_run_get",
    "payment_run_list",
]
