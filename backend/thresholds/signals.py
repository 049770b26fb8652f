"""Sent after the rules file has been loaded and changed something (committed), so everyone
affected can be looked at again. Receivers get ``codes`` (the codes created or updated).
Edits in the admin send Django's ordinary ``post_save`` for ``ThresholdRule``."""

from __future__ import annotations

from django.dispatch import Signal

rules_changed = Signal()
