"""Threshold monitoring listens to the apps below it: when money or circumstances change, or a
rule changes (a new April figure, an admin correction), the limits are looked at again by a
worker, once the change has committed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from contributors.signals import circumstances_changed
from coproduce.tasks import enqueue_on_commit
from opportunities.signals import bookings_changed, fee_fit_wanted
from payments.signals import money_changed, payments_planned, run_statuses_wanted
from periods import uk_today

from .models import ThresholdRule
from .monitoring.organisation_view import NextFee, fee_fit_if_booked, status_for
from .monitoring.statuses import contributors_statuses
from .rules.book import rules_forget
from .signals import rules_changed


def _evaluate(contributor_id: int) -> None:
    enqueue_on_commit("thresholds.evaluate_contributor", contributor_id)


def _evaluate_everyone() -> None:
    enqueue_on_commit("thresholds.reevaluate_everyone")


@receiver(rules_changed)
def _rules_file_loaded(sender: Any, **_: Any) -> None:
    rules_forget()
    _evaluate_everyone()  # sent after the loader's transaction committed: runs at once


@receiver(post_save, sender=ThresholdRule)
@receiver(post_delete, sender=ThresholdRule)
def _rule_edited(sender: Any, **_: Any) -> None:
    rules_forget()
    _evaluate_everyone()


@receiver(post_migrate)
def _migrated(sender: Any, **_: Any) -> None:
    """A migration may load rules with the historical model (no post_save): forget them."""
    rules_forget()


@receiver(circumstances_changed)
def _circumstances_changed(sender: Any, user_id: int, **_: Any) -> None:
    """Which limits apply, and the contributor's weeks and periods, may have changed: look at
    them again at once (the signal is sent after the change committed)."""
    _evaluate(user_id)


@receiver(bookings_changed)
@receiver(money_changed)
def _money_changed(sender: Any, contributor_ids: list[int], **_: Any) -> None:
    for contributor_id in contributor_ids:
        _evaluate(contributor_id)


@receiver(payments_planned)
def _payments_planned(sender: Any, payment_ids: list[int], **_: Any) -> None:
    enqueue_on_commit("thresholds.planned_payments_notify", *payment_ids)


@receiver(run_statuses_wanted)
def _run_statuses(sender: Any, contributor_ids: list[int], on: date, **_: Any) -> dict[int, str]:
    """What an organisation may see of each contributor (who shares it) once a planned run's
    payments count on ``on``: the status only, never a figure."""
    statuses = contributors_statuses(contributor_ids, today=on, on=on)
    return {cid: status_for(statuses[cid], on=on) for cid in contributor_ids}


@receiver(fee_fit_wanted)
def _fee_fit_wanted(
    sender: Any,
    organisation_id: int,
    contributor_id: int,
    opportunity_id: int,
    name: str,
    **_: Any,
) -> NextFee | None:
    """Before an organisation accepts someone: does the role's next fee fit? What the
    organisation may see only ("fits", "fits £X of it", "does not fit"), never a limit."""
    return fee_fit_if_booked(
        organisation_id=organisation_id,
        contributor_id=contributor_id,
        opportunity_id=opportunity_id,
        name=name,
        today=uk_today(),
    )
