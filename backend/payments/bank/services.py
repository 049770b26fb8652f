"""Contributors enter, change and remove their own bank details."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from contributors.permissions import require_contributor

from .crypto import Account, account_encrypt
from .models import BankDetails, BankDetailsAccess


@transaction.atomic
def bank_details_set(*, contributor: User, account: Account) -> Account:
    require_contributor(contributor, action="enter bank details")
    BankDetails.objects.update_or_create(
        contributor=contributor, defaults={"secret": account_encrypt(account)}
    )
    BankDetailsAccess.objects.create(
        contributor=contributor, by=contributor, action=BankDetailsAccess.Action.CHANGED
    )
    return account


@transaction.atomic
def bank_details_remove(*, contributor: User) -> None:
    require_contributor(contributor, action="remove bank details")
    deleted, _ = BankDetails.objects.filter(contributor=contributor).delete()
    if deleted:
        BankDetailsAccess.objects.create(
            contributor=contributor, by=contributor, action=BankDetailsAccess.Action.REMOVED
        )
