"""Threshold monitoring at scale, on PostgreSQL.

Seeds 20,000 contributors and 1,000,000 payments (once; the database is kept for re-runs),
then measures in the same run:

* the full sweep: pick everyone with money in a current period and evaluate them in chunks,
  as the periodic task does (the first sweep, which raises alerts, and the steady state);
* one raw SQL aggregation computing each contributor's totals for their current benefit
  week, calendar month and tax year: the floor any sweep has to pay;
* single-contributor evaluation, as run after every payment change (median of 200).

Run: .venv/bin/python bench/thresholds_sweep.py   (BENCH_DATABASE_URL to use another database)
Targets: steady sweep within 2x the raw aggregation; single evaluation under 20 ms median.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "backend"), str(ROOT)]
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/coproduce_bench"
)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings.base")

CONTRIBUTORS = 20_000
PAYMENTS = 1_000_000


def ensure_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def seed() -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM payments_payment")
        if cur.fetchone()[0] >= PAYMENTS:
            return
        print("seeding 20,000 contributors and 1,000,000 payments (once)...", flush=True)
        started = time.perf_counter()
        cur.execute(
            "TRUNCATE payments_payment, payments_historicalpayment RESTART IDENTITY CASCADE"
        )
        cur.execute(
            """
            INSERT INTO organisations_organisation (name, slug, kind, description, charity_number,
                address_line_1, address_line_2, town, postcode, contact_email, contact_phone, website,
                letterhead_text, letterhead_colour, signatory_name, signatory_title, verified_at,
                created_at, updated_at)
            SELECT 'Bench org ' || g, 'bench-org-' || g, 'charity', '', '', '', '', '', '', '', '', '',
                   '', '#1d4f91', '', '', now(), now(), now()
            FROM generate_series(1, 20) g ON CONFLICT (slug) DO NOTHING
            """
        )
        cur.execute(
            """
            INSERT INTO accounts_user (email, full_name, account_type, password, is_active, is_staff,
                is_superuser, date_joined)
            SELECT 'bench' || g || '@bench.test', 'Bench Person ' || g, 'contributor', '!', true,
                   false, false, now()
            FROM generate_series(1, %s) g ON CONFLICT DO NOTHING
            """,
            [CONTRIBUTORS],
        )
        cur.execute(
            """
            INSERT INTO contributors_benefitcircumstances (user_id, receives_esa,
                esa_permitted_work_limit, receives_uc, uc_housing_element, uc_work_allowance,
                receives_carers_allowance, receives_carer_support_payment_scotland,
                receives_pension_credit, pension_credit_category, receives_housing_benefit,
                housing_benefit_category, receives_legacy_income_support_jsa, receives_pip_dla_adp,
                benefit_week_start, uc_assessment_start_day, track_tax_year, created_at, updated_at)
            SELECT u.id,
                   u.id % 10 < 5, CASE WHEN u.id % 10 = 4 THEN 'higher' WHEN u.id % 10 < 4 THEN 'lower' ELSE '' END,
                   u.id % 10 IN (5, 6, 7), u.id % 2 = 0, true,
                   u.id % 10 = 8, false, false, '', false, '', false, false,
                   u.id % 7, 1 + u.id % 31, true, now(), now()
            FROM accounts_user u WHERE u.email LIKE 'bench%%@bench.test'
            ON CONFLICT (user_id) DO NOTHING
            """
        )
        # About 50 payments each over the last two years; recent ones not yet paid.
        cur.execute(
            """
            WITH bounds AS (
                SELECT (SELECT min(id) FROM accounts_user WHERE email LIKE 'bench%%@bench.test') AS first_person,
                       (SELECT min(id) FROM organisations_organisation WHERE slug LIKE 'bench-org-%%') AS first_org
            ), raw AS (
                SELECT g,
                       b.first_person + (g * 7919) %% %(people)s AS contributor_id,
                       b.first_org + g %% 20 AS organisation_id,
                       CURRENT_DATE - ((g * 104729) %% 760)::int + 30 AS due_on,
                       (5 + (g * 31) %% 120)::numeric(12, 2) AS amount
                FROM generate_series(1::bigint, %(payments)s) g CROSS JOIN bounds b
            )
            INSERT INTO payments_payment (organisation_id, contributor_id, kind, description, offered,
                payable, waived, choice, choice_snapshot, choice_reason, donated_to, method, due_on,
                paid_on, counts_on, status, request_fingerprint, created_at, updated_at,
                cancel_reason, time_based)
            SELECT organisation_id, contributor_id,
                   CASE WHEN g %% 7 = 0 THEN 'expense' ELSE 'fee' END,
                   'Bench session', amount, amount, 0,
                   CASE WHEN g %% 7 = 0 THEN '' WHEN g %% 50 = 1 THEN 'donate' ELSE 'full' END,
                   '{}'::jsonb, '', '', CASE WHEN g %% 10 = 3 THEN 'voucher' ELSE 'bank_transfer' END,
                   due_on,
                   CASE WHEN due_on < CURRENT_DATE - 14 THEN due_on + 5 END,
                   CASE WHEN due_on < CURRENT_DATE - 14 THEN due_on + 5 ELSE due_on END,
                   CASE WHEN due_on < CURRENT_DATE - 14 THEN 'paid'
                        WHEN g %% 3 = 0 THEN 'approved' ELSE 'pending' END,
                   '', now(), now(), '', true
            FROM raw
            """,
            {"people": CONTRIBUTORS, "payments": PAYMENTS},
        )
        cur.execute("ANALYZE")
        print(f"seeded in {time.perf_counter() - started:.0f} s", flush=True)


def baseline_sql(today: date) -> str:
    """Hand-written SQL for the same totals the sweep computes: each contributor's current
    benefit week (by their weekday), UC assessment period (by their start day), calendar month
    and tax year, each also without vouchers."""
    from thresholds.monitoring.sweep import CurrentPeriods

    current = CurrentPeriods.on(today)
    start, end = current.window

    def case(column: str, periods: dict, default: int, attr: str) -> str:
        whens = " ".join(f"WHEN {k} THEN DATE '{getattr(p, attr)}'" for k, p in periods.items())
        return f"(CASE COALESCE({column}, {default}) {whens} END)"

    bounds = {
        "week": (
            case("c.benefit_week_start", current.weeks, 0, "start"),
            case("c.benefit_week_start", current.weeks, 0, "end"),
        ),
        "uc": (
            case("c.uc_assessment_start_day", current.uc, 1, "start"),
            case("c.uc_assessment_start_day", current.uc, 1, "end"),
        ),
        "month": (f"DATE '{current.month.start}'", f"DATE '{current.month.end}'"),
        "tax": (f"DATE '{current.tax_year.start}'", f"DATE '{current.tax_year.end}'"),
    }
    sums = []
    for name, (lo, hi) in bounds.items():
        within = f"p.counts_on BETWEEN {lo} AND {hi}"
        sums.append(f"SUM(p.payable) FILTER (WHERE {within}) AS {name}")
        sums.append(
            f"SUM(p.payable) FILTER (WHERE {within} AND p.method = 'voucher') AS {name}_vouchers"
        )
    return f"""
        SELECT p.contributor_id, {", ".join(sums)}
        FROM payments_payment p
        LEFT JOIN contributors_benefitcircumstances c ON c.user_id = p.contributor_id
        WHERE p.kind = 'fee' AND p.status IN ('pending', 'approved', 'paid') AND p.choice <> 'donate'
          AND p.counts_on BETWEEN DATE '{start}' AND DATE '{end}'
        GROUP BY p.contributor_id
    """


def timed(fn, repeat: int = 3) -> float:
    results = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        results.append(time.perf_counter() - started)
    return statistics.median(results)


def main() -> None:
    ensure_database()
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)  # one line per task would drown the figures
    from django.db import connection

    from periods import uk_today
    from thresholds.monitoring.alerts import contributor_evaluate
    from thresholds.monitoring.sweep import sweep_range, sweep_ranges
    from workers.celery import app

    app.conf.task_always_eager = True  # e-mails for new alerts are sent in-process
    seed()
    today = uk_today()
    sql = baseline_sql(today)

    def baseline() -> int:
        with connection.cursor() as cur:
            cur.execute(sql)
            return len(cur.fetchall())

    def sweep() -> None:
        for first_id, last_id in sweep_ranges():
            sweep_range(first_id=first_id, last_id=last_id, today=today)

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM thresholds_thresholdalert")
        held = cur.fetchone()[0]
    if held == 0:
        started = time.perf_counter()
        sweep()
        print(
            f"first sweep (raises every alert, sends e-mails): {time.perf_counter() - started:.1f} s"
        )
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM thresholds_thresholdalert")
        alerts = cur.fetchone()[0]
    rows = baseline()
    steady = timed(sweep, repeat=5)
    raw = timed(baseline, repeat=5)
    with connection.cursor() as cur:
        cur.execute("SELECT DISTINCT contributor_id FROM payments_payment ORDER BY 1")
        everyone = [r[0] for r in cur.fetchall()]
    singles = []
    for contributor_id in random.Random(7).sample(everyone, 200):
        t0 = time.perf_counter()
        contributor_evaluate(contributor_id=contributor_id, today=today)
        singles.append((time.perf_counter() - t0) * 1000)

    print(
        f"contributors with money this tax year: {rows:,} of {CONTRIBUTORS:,}; payments: {PAYMENTS:,}; alerts held: {alerts:,}"
    )
    print(f"full sweep, steady state (median of 5):   {steady:.3f} s")
    print(f"raw SQL, same per-period totals (median): {raw:.3f} s")
    print(f"ratio sweep / raw aggregation:            {steady / raw:.2f}x (target under 2x)")
    print(
        f"single evaluation median:                 {statistics.median(singles):.1f} ms (target under 20 ms)"
    )
    print(f"single evaluation 95th percentile:        {sorted(singles)[189]:.1f} ms")


if __name__ == "__main__":
    main()
