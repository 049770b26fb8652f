"""When a rule changes (a new April figure, an admin correction), look at everyone again."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from contributors.signals import circumstances_changed
from payments.events import contributor_money_changed, everyone_money_changed

from .models import ThresholdRule
from .signals import rules_changed


@receiver(rules_changed)
def _rules_file_loaded(sender: Any, **_: Any) -> None:
    everyone_money_changed()  # sent after the loader's transaction committed: runs at once


@receiver(post_save, sender=ThresholdRule)
@receiver(post_delete, sender=ThresholdRule)
def _rule_edited(sender: Any, **_: Any) -> None:
    everyone_money_changed()


@receiver(circumstances_changed)
def _circumstances_changed(sender: Any, user_id: int, **_: Any) -> None:
    """Which limits apply, and the contributor's weeks and periods, may have changed: look at
    them again at once (the signal is sent after the change committed)."""
    contributor_money_changed(user_id)
