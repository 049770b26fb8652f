"""What happens after money changes: the contributor's limits are checked again, by a worker,
once the change has committed (never for a change that rolled back). Every message goes
through the outbox, so a broker that is down delays it and never loses it."""

from __future__ import annotations

from coproduce.tasks import enqueue_on_commit


def _enqueue_evaluation(contributor_id: int) -> None:
    enqueue_on_commit("thresholds.evaluate_contributor", contributor_id)


def contributor_money_changed(contributor_id: int) -> None:
    _enqueue_evaluation(contributor_id)


def contributors_money_changed(contributor_ids: list[int]) -> None:
    """Many contributors at once (a session moved for everyone booked on it)."""
    for contributor_id in sorted(set(contributor_ids)):
        contributor_money_changed(contributor_id)


def payments_planned(payment_ids: list[int]) -> None:
    """A run was given a pay date: tell contributors, before the day, if a planned payment
    would take them past a limit they track."""
    if payment_ids:
        enqueue_on_commit("thresholds.planned_payments_notify", *sorted(set(payment_ids)))


def everyone_money_changed() -> None:
    """A rule changed (a new April figure, an admin correction): look at everyone again."""
    enqueue_on_commit("thresholds.reevaluate_everyone")
