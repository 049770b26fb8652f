from __future__ import annotations

from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import UserFactory
from thresholds.models import ThresholdRule

pytestmark = pytest.mark.django_db


def test_load_command_reports_nothing_changed_on_a_second_run() -> None:
    out = StringIO()
    call_command("load_threshold_rules", stdout=out)
    assert "0 added, 0 updated" in out.getvalue()


def _admin_client() -> Client:
    admin = UserFactory.create(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "path",
    [
        lambda rule: "/admin/thresholds/thresholdrule/",
        lambda rule: f"/admin/thresholds/thresholdrule/{rule.pk}/change/",
        lambda rule: f"/admin/thresholds/thresholdrule/{rule.pk}/history/",
    ],
)
def test_platform_admin_can_open_rules_and_their_history(
    path: Callable[[ThresholdRule], str],
) -> None:
    rule = ThresholdRule.objects.get(code="carers_allowance", effective_from="2026-04-06")

    response = _admin_client().get(path(rule))

    assert response.status_code == 200


def test_changing_a_rule_keeps_its_history() -> None:
    rule = ThresholdRule.objects.get(code="carers_allowance", effective_from="2026-04-06")
    before = rule.history.count()
    rule.status = "estimated"
    rule.save()
    assert rule.history.count() == before + 1
