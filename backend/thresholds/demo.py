"""Demo alerts: evaluate the demo contributors now, so their alerts are there at once."""

from __future__ import annotations

from accounts.models import User

from .monitoring.alerts import contributors_evaluate

DEMO_CONTRIBUTORS = [
    "esa@contributors.demo.test",
    "uc@contributors.demo.test",
    "carer@contributors.demo.test",
]


def seed() -> None:
    ids = list(User.objects.filter(email__in=DEMO_CONTRIBUTORS).values_list("pk", flat=True))
    contributors_evaluate(contributor_ids=ids)
