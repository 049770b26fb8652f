"""Encrypting bank details with the keys in settings.BANK_DETAILS_KEYS (Fernet: AES in CBC
mode with an HMAC). The first key encrypts; every key decrypts, so keys can be rotated."""

from __future__ import annotations

import json
from dataclasses import dataclass

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


@dataclass(frozen=True)
class Account:
    """A UK bank account as entered: sort code (6 digits), account number (8) and name."""

    sort_code: str
    account_number: str
    account_name: str

    def __repr__(self) -> str:
        # Never let the digits reach a log or a traceback by accident.
        return f"Account({self.sort_code_masked}, {self.account_number_masked})"

    __str__ = __repr__

    @property
    def sort_code_masked(self) -> str:
        return f"**-**-{self.sort_code[-2:]}"

    @property
    def account_number_masked(self) -> str:
        return f"****{self.account_number[-4:]}"


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.BANK_DETAILS_KEYS])


def account_encrypt(account: Account) -> str:
    plain = json.dumps(
        {
            "sort_code": account.sort_code,
            "account_number": account.account_number,
            "account_name": account.account_name,
        }
    )
    return _fernet().encrypt(plain.encode()).decode()


def account_decrypt(secret: str) -> Account:
    values = json.loads(_fernet().decrypt(secret.encode()))
    return Account(
        sort_code=values["sort_code"],
        account_number=values["account_number"],
        account_name=values["account_name"],
    )
