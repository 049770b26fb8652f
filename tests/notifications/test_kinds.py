"""The settings page lists every kind of notification, by the name the back end gives it, and
says who each is for as the back end does."""

from __future__ import annotations

import re
from pathlib import Path

from notifications.kinds import STAFF_KINDS, NotificationKind

KINDS_TS = (
    Path(__file__).resolve().parents[2] / "frontend/src/features/notifications/api/notifications.ts"
)
ENTRY = re.compile(
    r'\{ kind: "(?P<kind>[a-z_]+)", label: "(?P<label>[^"]+)", hint: "[^"]*", '
    r'audience: "(?P<audience>contributor|organisation)" \}'
)


def test_the_settings_page_lists_each_kind_with_its_name_and_audience() -> None:
    listed = {m["kind"]: (m["label"], m["audience"]) for m in ENTRY.finditer(KINDS_TS.read_text())}

    assert listed == {
        kind.value: (kind.label, "organisation" if kind in STAFF_KINDS else "contributor")
        for kind in NotificationKind
    }
