"""Thin task wrappers: one service call."""

from __future__ import annotations

import logging

from coproduce.tasks import task

from .services import erased_records_pseudonymise

logger = logging.getLogger(__name__)


@task("dataprotection.pseudonymise_expired", time_limit=600, soft_time_limit=540)
def pseudonymise_expired() -> None:
    """Daily: pseudonymise kept records of erased people whose retention period has ended."""
    result = erased_records_pseudonymise()
    logger.info(
        "retention: %s payments, %s expense items, %s letters pseudonymised",
        result.payments, result.expense_items, result.letters,
    )  # fmt: skip
