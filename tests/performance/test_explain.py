"""The hot queries use indexes on PostgreSQL: the lists, the dashboard's aggregates, earnings
and the sweep, captured as the endpoints and the sweep really run them, on a database seeded
(bench/seed.py, set-based) with enough rows for the planner to prefer an index where one
serves, then ANALYZEd. Any plan with a sequential scan of payments_payment fails.

A PostgreSQL planner test: on SQLite it is skipped (SQLite has no such planner choice)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import User
from bench.seed import Layout, Size, layout, seed
from periods import uk_today

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="a PostgreSQL planner test: run it in services mode (DATABASE_URL=postgres://...)",
    ),
]

# 40 organisations share 40,000 payments (one has 5,000); 1,000 contributors have ~40 each.
SEQ_SCAN = re.compile(r"Seq Scan on payments_payment\b(?!_)")
SIZE = Size("test", 1_000, 40_000, 40, 400, big_org_payments=5_000)


@pytest.fixture
def seeded() -> Iterator[Layout]:
    with connection.cursor() as cur:
        seed(cur, SIZE)  # ends with ANALYZE
        yield layout(cur)


def _payment_plans(captured: CaptureQueriesContext) -> list[tuple[str, str]]:
    plans = []
    with connection.cursor() as cur:
        for query in captured.captured_queries:
            sql = query["sql"]
            if sql.lstrip().upper().startswith("SELECT") and '"payments_payment"' in sql:
                cur.execute(f"EXPLAIN {sql}")
                plans.append((sql, "\n".join(row[0] for row in cur.fetchall())))
    return plans


def _seq_scans(captured: CaptureQueriesContext) -> list[str]:
    return [
        f"{sql[:300]}\n{plan}" for sql, plan in _payment_plans(captured) if SEQ_SCAN.search(plan)
    ]


def _get(user_id: int, url: str) -> None:
    client = APIClient()
    client.force_authenticate(User.objects.get(pk=user_id))
    answer = client.get(url)
    assert answer.status_code == 200, (url, answer.content[:300])


def test_list_dashboard_and_earnings_queries_never_scan_every_payment(seeded: Layout) -> None:
    contributor, staff, big = seeded.first_contributor + 3, seeded.first_staff, seeded.big_org
    calls = [
        (contributor, "/api/v1/me/earnings/"),
        (contributor, "/api/v1/payments/"),
        (contributor, "/api/v1/payments/?page=2"),
        (staff, f"/api/v1/organisations/{big}/dashboard/"),
        (staff, f"/api/v1/organisations/{big}/contributors/"),
        (staff, "/api/v1/payments/"),
        (staff, "/api/v1/payments/?page=3"),
    ]
    calls += [
        (staff, f"/api/v1/payments/?organisation={big}&{query}")
        for query in (
            "status=pending",
            "status=paid",
            "kind=expense",
            "counts_from=2026-01-01",
            "in_run=false",
            f"contributor={contributor}",
        )
    ]
    scans = []
    checked = 0
    for user_id, url in calls:
        with CaptureQueriesContext(connection) as captured:
            _get(user_id, url)
        checked += len(_payment_plans(captured))
        scans += [f"{url}:\n{scan}" for scan in _seq_scans(captured)]

    assert checked >= len(calls)  # every call read payments
    assert not scans, "\n\n".join(scans)


def test_sweep_and_single_evaluation_never_scan_every_payment(seeded: Layout) -> None:
    from thresholds.monitoring.alerts import contributor_evaluate
    from thresholds.monitoring.sweep import sweep_range, sweep_ranges

    today = uk_today()
    with CaptureQueriesContext(connection) as captured:
        for first_id, last_id in sweep_ranges():
            sweep_range(first_id=first_id, last_id=last_id, today=today)
        contributor_evaluate(contributor_id=seeded.first_contributor + 7, today=today)

    assert _payment_plans(captured)
    scans = _seq_scans(captured)
    assert not scans, "\n\n".join(scans)


def test_a_query_no_index_serves_is_caught(seeded: Layout) -> None:
    """The check above can fail: a filter on a column without an index is reported."""
    with CaptureQueriesContext(connection) as captured, connection.cursor() as cur:
        cur.execute('SELECT count(*) FROM "payments_payment" WHERE description = %s', ["Nothing"])

    assert len(_seq_scans(captured)) == 1
