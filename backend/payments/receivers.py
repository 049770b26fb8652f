"""Payments listens to the apps below it: a change to a contributor's booked work changes the
money they are planned to earn, so their limits and forecasts are looked at again."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from opportunities.signals import bookings_changed

from .events import contributors_money_changed


@receiver(bookings_changed, dispatch_uid="payments.bookings_changed")
def on_bookings_changed(sender: Any, *, contributor_ids: list[int], **kwargs: Any) -> None:
    contributors_money_changed(contributor_ids)
