"""Sent after a contributor's benefit circumstances change and the change is committed, so
threshold monitoring can look at them again. Receivers get ``user_id``."""

from __future__ import annotations

from django.dispatch import Signal

circumstances_changed = Signal()
