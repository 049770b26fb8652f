"""Reading bank details: each reading is logged (``BankDetailsAccess``) in the same
transaction. Contributors read their own in full; finance reads them masked."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from contributors.permissions import require_contributor
from organisations.models import Membership
from organisations.permissions import FINANCE_ROLES, require_role

from ..models import Payment, PaymentMethod, PaymentRun
from ..runs.services import contributor_reference
from .crypto import Account, account_decrypt
from .models import BankDetails, BankDetailsAccess


def _log(contributor_ids: list[int], *, by: User, action: str, **where: object) -> None:
    BankDetailsAccess.objects.bulk_create(
        BankDetailsAccess(contributor_id=pk, by=by, action=action, **where)
        for pk in contributor_ids
    )


@transaction.atomic
def bank_details_own(*, contributor: User) -> Account | None:
    """The contributor's own details in full, or None if they have not entered any."""
    require_contributor(contributor, action="have bank details")
    details = BankDetails.objects.filter(contributor=contributor).first()
    if details is None:
        return None
    _log([contributor.pk], by=contributor, action=BankDetailsAccess.Action.VIEWED_OWN)
    return account_decrypt(details.secret)


@transaction.atomic
def bank_details_for_personal_data(*, contributor: User) -> Account | None:
    """The contributor's own details for their data download (they are theirs to see)."""
    details = BankDetails.objects.filter(contributor=contributor).first()
    if details is None:
        return None
    _log([contributor.pk], by=contributor, action=BankDetailsAccess.Action.PERSONAL_DATA_EXPORT)
    return account_decrypt(details.secret)


def bank_details_accesses(*, contributor: User) -> list[BankDetailsAccess]:
    return list(
        BankDetailsAccess.objects.filter(contributor=contributor).select_related("organisation")
    )


@dataclass(frozen=True)
class RunPayee:
    """Someone a run pays by bank transfer, with their details as finance may see them."""

    contributor_id: int
    contributor_reference: str
    payee_name: str
    has_bank_details: bool
    sort_code_masked: str
    account_number_masked: str


def run_payee_ids(run: PaymentRun) -> list[int]:
    """Contributors the run pays by bank transfer (donations go to the charity, not them)."""
    return sorted(
        set(
            Payment.objects.filter(
                run=run, method=PaymentMethod.BANK_TRANSFER, donated_to="", payable__gt=0
            ).values_list("contributor_id", flat=True)
        )
    )


def run_accounts(run: PaymentRun) -> dict[int, Account]:
    """The decrypted details of the run's bank-transfer payees who have entered them. Only for
    the bank file: callers log the export."""
    ids = run_payee_ids(run)
    return {
        details.contributor_id: account_decrypt(details.secret)
        for details in BankDetails.objects.filter(contributor_id__in=ids)
    }


@transaction.atomic
def run_payees_masked(*, membership: Membership, run: PaymentRun) -> list[RunPayee]:
    """Finance's view of who the run pays by bank transfer and whether they can be paid:
    masked details only, each reading logged."""
    require_role(membership, FINANCE_ROLES, action="see payees' bank details")
    accounts = run_accounts(run)
    names = dict(User.objects.filter(pk__in=run_payee_ids(run)).values_list("pk", "full_name"))
    _log(
        sorted(accounts),
        by=membership.user,
        action=BankDetailsAccess.Action.VIEWED_MASKED,
        organisation_id=membership.organisation_id,
        run=run,
    )
    return [
        RunPayee(
            contributor_id=pk,
            contributor_reference=contributor_reference(pk),
            payee_name=name,
            has_bank_details=pk in accounts,
            sort_code_masked=accounts[pk].sort_code_masked if pk in accounts else "",
            account_number_masked=accounts[pk].account_number_masked if pk in accounts else "",
        )
        for pk, name in sorted(names.items())
    ]
