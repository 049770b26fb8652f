"""What happens after money changes, said as signals (``payments.signals``): threshold
monitoring listens and looks at the contributor's limits again, by a worker, once the change
has committed (never for a change that rolled back)."""

from __future__ import annotations

from . import signals


def contributor_money_changed(contributor_id: int) -> None:
    signals.money_changed.send(sender=None, contributor_ids=[contributor_id])


def contributors_money_changed(contributor_ids: list[int]) -> None:
    """Many contributors at once (a session moved for everyone booked on it)."""
    if contributor_ids:
        signals.money_changed.send(sender=None, contributor_ids=sorted(set(contributor_ids)))


def payments_planned(payment_ids: list[int]) -> None:
    """A run was given a pay date: contributors are told, before the day, if a planned payment
    would take them past a limit they track."""
    if payment_ids:
        signals.payments_planned.send(sender=None, payment_ids=sorted(set(payment_ids)))
