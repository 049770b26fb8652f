"""Signals payments sends, so apps above it (threshold monitoring) can act on money changes
without payments knowing them. Receivers run at once, inside the sender's transaction: they
should only enqueue work on commit (``coproduce.tasks.enqueue_on_commit``), so nothing is done
for a change that rolls back.

``money_changed``: a contributor's money changed (a fee, a payment, an expense, a choice, a
booked session). Receivers get ``contributor_ids`` (sorted, without repeats).
``payments_planned``: a payment run was given a pay date. Receivers get ``payment_ids``.
``run_statuses_wanted``: a payment-run preview, inside its transaction with the run's payments
counted on the pay date, asks how close each contributor who shares it is to their limits.
Receivers get ``contributor_ids`` and ``on`` and answer ``{contributor_id: status}``.
"""

from __future__ import annotations

from django.dispatch import Signal

money_changed = Signal()
payments_planned = Signal()
run_statuses_wanted = Signal()
