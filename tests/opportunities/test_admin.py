from __future__ import annotations

import pytest
from django.apps import apps
from django.test import Client

from accounts.models import User

from .factories import AttendanceFactory, PayRateFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["opportunity", "session", "application", "engagement", "attendance", "payrate"]
)
def test_platform_admins_can_browse_involvement_records(model: str) -> None:
    attendance = AttendanceFactory.create()
    SessionFactory.create(opportunity=attendance.engagement.opportunity)
    PayRateFactory.create()
    admin = User.objects.create_superuser("admin@example.org", "a-long-password", full_name="A")
    client = Client()
    client.force_login(admin)

    listing = client.get(f"/admin/opportunities/{model}/")
    pk = apps.get_model("opportunities", model).objects.values_list("pk", flat=True).first()
    detail = client.get(f"/admin/opportunities/{model}/{pk}/change/")

    assert listing.status_code == 200
    assert detail.status_code == 200
