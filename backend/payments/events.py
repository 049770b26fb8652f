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
