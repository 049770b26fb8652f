"""What happens after money changes: the contributor's limits are checked again, by a worker,
once the change has committed (never for a change that rolled back)."""

from __future__ import annotations

from coproduce.tasks import enqueue_on_commit


def _enqueue_evaluation(contributor_id: int) -> None:
    enqueue_on_commit("thresholds.evaluate_contributor", contributor_id)


def contributor_money_changed(contributor_id: int) -> None:
    _enqueue_evaluation(contributor_id)
