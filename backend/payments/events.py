"""What happens after money changes: the contributor's limits are checked again, by a worker,
once the change has committed (never for a change that rolled back)."""

from __future__ import annotations

from functools import partial

from django.db import transaction


def _enqueue_evaluation(contributor_id: int) -> None:
    from thresholds.tasks import evaluate_contributor

    evaluate_contributor.delay(contributor_id)


def contributor_money_changed(contributor_id: int) -> None:
    transaction.on_commit(partial(_enqueue_evaluation, contributor_id))


def contributors_money_changed(contributor_ids: list[int]) -> None:
    """Many contributors at once (a session moved for everyone booked on it)."""
    for contributor_id in sorted(set(contributor_ids)):
        contributor_money_changed(contributor_id)


def _enqueue_planned_notice(payment_ids: list[int]) -> None:
    from thresholds.tasks import planned_payments_notify

    planned_payments_notify.delay(payment_ids)


def payments_planned(payment_ids: list[int]) -> None:
    """A run was given a pay date: tell contributors, before the day, if a planned payment
    would take them past a limit they track."""
    if payment_ids:
        transaction.on_commit(partial(_enqueue_planned_notice, list(payment_ids)))


def _enqueue_everyone() -> None:
    from thresholds.tasks import reevaluate_everyone

    reevaluate_everyone.delay()


def everyone_money_changed() -> None:
    """A rule changed (a new April figure, an admin correction): look at everyone again."""
    transaction.on_commit(_enqueue_everyone)
