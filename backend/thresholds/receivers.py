"""When a rule changes (a new April figure, an admin correction), look at everyone again."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ThresholdRule
from .signals import rules_changed


def _reevaluate_everyone() -> None:
    from .tasks import reevaluate_everyone

    reevaluate_everyone.delay()


@receiver(rules_changed)
def _rules_file_loaded(sender: Any, **_: Any) -> None:
    _reevaluate_everyone()  # the loader sends this after its transaction committed


@receiver(post_save, sender=ThresholdRule)
@receiver(post_delete, sender=ThresholdRule)
def _rule_edited(sender: Any, **_: Any) -> None:
    transaction.on_commit(_reevaluate_everyone)
