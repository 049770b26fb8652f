"""Safe retries: a client sends an ``Idempotency-Key`` with a write; the same key with the same
request answers with what the first one made, the same key with a different request is a
conflict. One rule for every write that takes a key (payments and expense claims)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from rest_framework.request import Request

from coproduce.api.errors import ApplicationError, Conflict, ErrorCode

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200  # the column's length: a longer key is refused, never cut short


def idempotency_key_from(request: Request) -> str | None:
    """The request's key, or None when it sent none."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return None
    if len(key) > MAX_KEY_LENGTH:
        raise ApplicationError(
            f"The {HEADER} is too long.",
            fields={HEADER: [f"Use a key of {MAX_KEY_LENGTH} characters or fewer."]},
        )
    return key


def fingerprint(data: Mapping[str, Any]) -> str:
    """A digest of what was asked for, to tell a true retry from a reused key."""
    canonical = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def replayed(rows: QuerySet[Any], *, key: str, request_fingerprint: str) -> Any | None:
    """What an earlier request with this key made (None: the key is new). ``rows`` are the
    objects the key is unique among (one organisation's payments, one person's claims)."""
    existing = rows.filter(idempotency_key=key).first()
    if existing is None:
        return None
    if existing.request_fingerprint != request_fingerprint:
        raise Conflict(
            f"This {HEADER} was already used for a different request.", code=ErrorCode.CONFLICT
        )
    return existing


T = TypeVar("T")


def once_per_key(
    *, key: str | None, replay: Callable[[str], T | None], record: Callable[[], T]
) -> T:
    """``record()`` in one transaction, unless ``key`` was used already: then what ``replay(key)``
    finds. When two requests with one key race, the unique key makes the loser fail; it then
    answers as the winner did."""
    if key:
        earlier = replay(key)
        if earlier is not None:
            return earlier
    try:
        with transaction.atomic():
            return record()
    except IntegrityError:
        if key:
            earlier = replay(key)
            if earlier is not None:
                return earlier
        raise
