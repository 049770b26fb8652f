"""Seeding the benchmark database with set-based SQL (INSERT ... SELECT over generate_series).

Every table is filled by one statement. Columns a statement does not name get a neutral value
from their type (the schema can grow without this file changing); the seed is stamped with
its version and the migrations it was made for, and made again from an empty database when
either changes. Identity ids are contiguous in a fresh database, so rows refer to each other
by offset (``first id + n``).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import Any

SEED_VERSION = "4"
TOKEN_CONTRIBUTORS = 1000  # contributors who get an API token, for the HTTP benchmark
CAPPED = 50  # contributors with a monthly cap and no history, for the fee benchmark


@dataclass(frozen=True)
class Size:
    name: str
    contributors: int
    payments: int
    organisations: int
    roles: int
    big_org_payments: int
    small_org_payments: int = 500

    @property
    def sessions(self) -> int:
        return 3 * self.roles

    @property
    def engagements(self) -> int:
        return 3 * self.contributors


SIZES = {
    "small": Size("small", 1_000, 50_000, 25, 1_000, big_org_payments=10_000),
    "large": Size("large", 20_000, 1_000_000, 500, 20_000, big_org_payments=50_000),
}

_NEUTRAL = {
    "boolean": "false",
    "jsonb": "'{}'::jsonb",
    "timestamp with time zone": "now()",
    "date": "CURRENT_DATE",
    "numeric": "0",
    "integer": "0",
    "smallint": "0",
    "bigint": "0",
}


def bench_token(user_id: int) -> str:
    """The API key the seed gives a user (the database holds only its hash)."""
    return f"bench-{user_id}-key"


def _fill(cur: Any, table: str, given: dict[str, str], source: str, params: Any = None) -> None:
    cur.execute(
        """SELECT column_name, data_type FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name = %s AND is_nullable = 'NO'
             AND column_default IS NULL AND is_identity = 'NO'""",
        [table],
    )
    columns = dict(given)
    for column, data_type in cur.fetchall():
        if column not in columns:
            columns[column] = _NEUTRAL.get(data_type, "''")
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(columns.values())
    cur.execute(f"INSERT INTO {table} ({names}) SELECT {values} {source}", params or {})


def schema_stamp(cur: Any) -> str:
    cur.execute("SELECT app || '.' || name FROM django_migrations ORDER BY 1")
    names = "\n".join(row[0] for row in cur.fetchall())
    return f"{SEED_VERSION}:{hashlib.sha256(names.encode()).hexdigest()[:16]}"


def seeded_stamp(cur: Any) -> str | None:
    cur.execute("SELECT to_regclass('bench_meta')")
    if cur.fetchone()[0] is None:
        return None
    cur.execute("SELECT stamp FROM bench_meta")
    row = cur.fetchone()
    return row[0] if row else None


@dataclass(frozen=True)
class Layout:
    """Where the seeded rows are: first ids and the two organisations compared."""

    first_contributor: int
    first_staff: int
    first_capped: int
    big_org: int
    small_org: int
    first_org: int


def layout(cur: Any) -> Layout:
    cur.execute(
        """SELECT (SELECT min(id) FROM accounts_user WHERE email LIKE 'c%%@bench.test'),
                  (SELECT min(id) FROM accounts_user WHERE email LIKE 's%%@bench.test'),
                  (SELECT min(id) FROM accounts_user WHERE email LIKE 'cap%%@bench.test'),
                  (SELECT min(id) FROM organisations_organisation WHERE slug LIKE 'bench-%%')"""
    )
    contributor, staff, capped, org = cur.fetchone()
    return Layout(contributor, staff, capped, big_org=org, small_org=org + 1, first_org=org)


def seed(cur: Any, size: Size) -> float:
    """Fill an empty, migrated database. Returns the seconds it took."""
    started = time.perf_counter()
    c, o, r = size.contributors, size.organisations, size.roles
    staff = 2 * o
    p = {"c": c, "o": o, "r": r, "staff": staff, "capped": CAPPED}
    _fill(
        cur,
        "organisations_organisation",
        {
            "name": "'Bench organisation ' || g",
            "slug": "'bench-' || g",
            "kind": "'charity'",
            "letterhead_colour": "'#1d4f91'",
            "verified_at": "now()",
        },
        "FROM generate_series(1, %(o)s) g",
        p,
    )
    # Contributors, then two staff per organisation, then the capped contributors.
    for prefix, count, kind in (
        ("c", c, "contributor"),
        ("s", staff, "organisation"),
        ("cap", CAPPED, "contributor"),
    ):
        _fill(
            cur,
            "accounts_user",
            {
                "email": f"'{prefix}' || g || '@bench.test'",
                "full_name": "'Bench Person ' || lpad(g::text, 6, '0')",
                "account_type": f"'{kind}'",
                "password": "'!'",
                "is_active": "true",
            },
            "FROM generate_series(1, %s) g ORDER BY g",
            [count],
        )
    at = layout(cur)
    p |= {"fc": at.first_contributor, "fs": at.first_staff, "fo": at.first_org}
    _fill(
        cur,
        "organisations_membership",
        {
            "organisation_id": "%(fo)s + (g / 2)",
            "user_id": "%(fs)s + g",
            "role": "CASE WHEN g %% 2 = 0 THEN 'coordinator' ELSE 'viewer' END",
        },
        "FROM generate_series(0, %(staff)s - 1) g",
        p,
    )
    _fill(
        cur,
        "contributors_benefitcircumstances",
        {
            "user_id": "u.id",
            "receives_esa": "u.id %% 10 < 5",
            "esa_permitted_work_limit": (
                "CASE WHEN u.id %% 10 = 4 THEN 'higher' WHEN u.id %% 10 < 4 THEN 'lower' ELSE '' END"
            ),
            "receives_uc": "u.id %% 10 IN (5, 6, 7)",
            "uc_housing_element": "u.id %% 2 = 0",
            "uc_work_allowance": "true",
            "receives_carers_allowance": "u.id %% 10 = 8",
            "benefit_week_start": "u.id %% 7",
            "uc_assessment_start_day": "1 + u.id %% 28",
            "track_tax_year": "true",
        },
        "FROM accounts_user u WHERE u.account_type = 'contributor'",
    )
    _fill(
        cur,
        "payments_paymentpreference",
        {
            "contributor_id": "u.id",
            "choice": "'capped'",
            "cap_amount": "100",
            "cap_period": "'calendar_month'",
            "method": "'bank_transfer'",
        },
        "FROM accounts_user u WHERE u.email LIKE 'cap%%@bench.test'",
    )
    words = "ARRAY['advisory', 'research', 'panel', 'workshop', 'review', 'training', 'mental health', 'housing']"
    kinds = (
        "ARRAY['advisory_group', 'interview_panel', 'co_research', 'co_design_workshop', "
        "'training_delivery', 'consultation', 'lived_experience_review', 'other']"
    )
    _fill(
        cur,
        "opportunities_opportunity",
        {
            "organisation_id": "%(fo)s + g %% %(o)s",
            "title": f"'Bench role ' || g || ': ' || ({words})[1 + g %% 8]",
            "summary": f"'A ' || ({words})[1 + (g / 8) %% 8] || ' role'",
            "description": f"'We are looking for people to join our ' || ({words})[1 + g %% 8] || ' group.'",
            "involvement_type": f"({kinds})[1 + g %% 8]",
            "location": "CASE WHEN g %% 3 = 0 THEN 'Leeds' ELSE 'Manchester' END",
            "is_remote": "g %% 2 = 0",
            "places": "5",
            "closing_date": "CURRENT_DATE + 60",
            "status": "CASE WHEN g %% 10 = 0 THEN 'closed' ELSE 'published' END",
            "pay_rate": "20",
            "pay_unit": "'hour'",
            "expenses_covered": "'[]'::jsonb",
            "published_at": "now()",
        },
        "FROM generate_series(0, %(r)s - 1) g",
        p,
    )
    cur.execute("SELECT min(id) FROM opportunities_opportunity")
    p["fr"] = cur.fetchone()[0]
    _fill(
        cur,
        "opportunities_session",
        {
            "opportunity_id": "%(fr)s + g / 3",
            "date": "CURRENT_DATE + (g %% 90) - 30",
            "start_time": "'10:00'",
            "end_time": "'12:00'",
            "planned_hours": "2",
            "status": "'scheduled'",
        },
        "FROM generate_series(0, 3 * %(r)s - 1) g",
        p,
    )
    # Three engagements per contributor, on roles spread over every organisation.
    p["e"] = size.engagements
    _fill(
        cur,
        "opportunities_application",
        {
            "contributor_id": "%(fc)s + g %% %(c)s",
            "opportunity_id": "%(fr)s + (g * 7 + g / %(c)s) %% %(r)s",
            "status": "'accepted'",
            "decided_at": "now()",
        },
        "FROM generate_series(0, %(e)s - 1) g",
        p,
    )
    # Capped contributor n works with organisation n % 10 (role fr + k is organisation k's).
    _fill(
        cur,
        "opportunities_application",
        {
            "contributor_id": "u.id",
            "opportunity_id": "%(fr)s + (u.id - %(fcap)s) %% 10",
            "status": "'accepted'",
            "decided_at": "now()",
        },
        "FROM accounts_user u WHERE u.email LIKE 'cap%%@bench.test'",
        p | {"fcap": at.first_capped},
    )
    _fill(
        cur,
        "opportunities_engagement",
        {
            "application_id": "a.id",
            "contributor_id": "a.contributor_id",
            "opportunity_id": "a.opportunity_id",
            "status": "'active'",
        },
        "FROM opportunities_application a ORDER BY a.id",
    )
    # Payments go to people engaged with the organisation: the big organisation gets
    # big_org_payments, the small one small_org_payments, the rest is spread.
    cur.execute(
        """CREATE TEMP TABLE org_people AS
           SELECT o.organisation_id AS org, array_agg(e.contributor_id ORDER BY e.id) AS people
           FROM opportunities_engagement e JOIN opportunities_opportunity o ON o.id = e.opportunity_id
           GROUP BY o.organisation_id"""
    )
    p |= {"p": size.payments, "big": size.big_org_payments, "small": size.small_org_payments}
    # The daily spend triggers (payments migration 0006) would run once a row: fill the spend
    # once, set-based, after the payments instead.
    # (ALTER TABLE needs no deferred foreign key checks pending: run them first.)
    cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cur.execute("ALTER TABLE payments_payment DISABLE TRIGGER USER")
    _fill(
        cur,
        "payments_payment",
        {
            "organisation_id": "x.org",
            "contributor_id": "x.people[1 + (x.g * 7919) %% cardinality(x.people)]",
            "kind": "CASE WHEN x.g %% 7 = 0 THEN 'expense' ELSE 'fee' END",
            "description": "'Bench session'",
            "offered": "x.amount",
            "payable": "x.amount",
            "waived": "0",
            "choice": "CASE WHEN x.g %% 7 = 0 THEN '' WHEN x.g %% 50 = 1 THEN 'donate' ELSE 'full' END",
            "choice_snapshot": "'{}'::jsonb",
            "method": "CASE WHEN x.g %% 10 = 3 THEN 'voucher' ELSE 'bank_transfer' END",
            "due_on": "x.due_on",
            "paid_on": "CASE WHEN x.due_on < CURRENT_DATE - 14 THEN x.due_on + 5 END",
            "counts_on": "CASE WHEN x.due_on < CURRENT_DATE - 14 THEN x.due_on + 5 ELSE x.due_on END",
            "status": """CASE WHEN x.due_on < CURRENT_DATE - 14 THEN 'paid'
                              WHEN x.g %% 3 = 0 THEN 'approved' ELSE 'pending' END""",
            "hours": "2",
            "time_based": "true",
        },
        """FROM (
             SELECT g, op.org, op.people,
                    CURRENT_DATE - ((g * 104729) %% 760)::int + 30 AS due_on,
                    (5 + (g * 31) %% 120)::numeric(12, 2) AS amount
             FROM generate_series(1::bigint, %(p)s) g
             JOIN org_people op ON op.org = CASE
                 WHEN g <= %(big)s THEN %(fo)s
                 WHEN g <= %(big)s + %(small)s THEN %(fo)s + 1
                 ELSE %(fo)s + 2 + g %% (%(o)s - 2) END
           ) x""",
        p,
    )
    cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cur.execute("ALTER TABLE payments_payment ENABLE TRIGGER USER")
    cur.execute("SET CONSTRAINTS ALL DEFERRED")
    cur.execute(
        """INSERT INTO payments_dailyspend (organisation_id, day, kind, total)
           SELECT organisation_id, counts_on, kind, SUM(payable) FROM payments_payment
           WHERE status <> 'cancelled' GROUP BY organisation_id, counts_on, kind"""
    )
    _fill(
        cur,
        "payments_expenseclaim",
        {
            "organisation_id": "%(fo)s + g %% %(o)s",
            "contributor_id": "%(fc)s + g %% %(c)s",
            "note": "'Bus fares'",
        },
        "FROM generate_series(0, %(c)s - 1) g",
        p,
    )
    _fill(
        cur,
        "payments_expenseitem",
        {
            "claim_id": "x.id",
            "category": "'travel'",
            "description": "'Bus fare'",
            "spent_on": "CURRENT_DATE - 3",
            "amount": "4.50",
            "status": "'pending'",
        },
        "FROM payments_expenseclaim x",
    )
    _fill(
        cur,
        "letters_letter",
        {
            "reference": "'BENCH-' || g",
            "kind": "'payment_statement'",
            "period_start": "CURRENT_DATE - 90",
            "period_end": "CURRENT_DATE",
            "status": "'issued'",
            "pdf": "'letters/bench.pdf'",
            "sha256": "md5(g::text) || md5(g::text)",
            "issued_by": "'Bench'",
            "issued_at": "now()",
            "approved_at": "now()",
            "contributor_id": "%(fc)s + g %% %(c)s",
            "organisation_id": "%(fo)s + g %% %(o)s",
            "requested_by_id": "%(fc)s + g %% %(c)s",
        },
        "FROM generate_series(0, %(c)s / 2 - 1) g",
        p,
    )
    _fill(
        cur,
        "accounts_apitoken",
        {
            "user_id": "u.id",
            "name": "'bench'",
            "key_hash": "encode(sha256(convert_to('bench-' || u.id || '-key', 'UTF8')), 'hex')",
            "key_prefix": "'bench-'",
            "expires_at": "now() + interval '3650 days'",
        },
        """FROM accounts_user u WHERE u.email LIKE 's%%@bench.test' OR u.email LIKE 'cap%%@bench.test'
           OR u.id < %(fc)s + %(tokens)s""",
        p | {"tokens": TOKEN_CONTRIBUTORS},
    )
    cur.execute("ANALYZE")
    return time.perf_counter() - started


def stamp(cur: Any) -> None:
    value = schema_stamp(cur)
    cur.execute("CREATE TABLE bench_meta (stamp text NOT NULL)")
    cur.execute("INSERT INTO bench_meta VALUES (%s)", [value])
