"""Request bodies and client types shared by the opportunities API tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from organisations.models import Membership, Organisation

ClientFor = Callable[[User], APIClient]
MemberOf = Callable[..., Membership]


def future(days: int = 30) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def role_body(organisation: Organisation, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organisation": organisation.pk,
        "title": "Interview panel",
        "summary": "Help us choose a peer worker.",
        "description": "One morning.",
        "involvement_type": "interview_panel",
        "location": "Town hall",
        "is_remote": False,
        "accessibility": "Step-free access.",
        "places": 2,
        "closing_date": future(),
        "pay_rate": "25.00",
        "pay_unit": "hour",
        "expenses_covered": ["travel", "care"],
        "session_count": 1,
        "hours_per_session": "3.00",
    }
    body.update(overrides)
    return body
