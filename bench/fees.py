"""Fee recording under contention: 16 concurrent clients (wrk, bench/fees.lua) POST fees to
``payments/`` for 50 contributors with a monthly cap across 10 organisations, through gunicorn
as the Procfile runs it. Then the cap invariant is checked over every period of every capped
contributor: what counts in the period never passes the cap.

Targets: at least 200 fees/s, p95 under 100 ms, zero breaches.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from bench.common import ROOT, Row, django_setup, emit
from bench.http_load import ensure_wrk
from bench.seed import CAPPED, bench_token, layout
from bench.server import gunicorn

CLIENTS = 16
ORGANISATIONS = 10


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="small")
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    wrk = ensure_wrk()
    if wrk is None:
        emit([Row("fee recording", "wrk is not installed", passed=False)])
        return
    django_setup()
    from django.db import connection
    from django.db.models import Sum

    from payments.ledger import COUNTS, calendar_for
    from payments.models import Payment, PaymentPreference
    from periods import uk_today

    with connection.cursor() as cur:
        at = layout(cur)
        capped = [at.first_capped + n for n in range(CAPPED)]
        # Start from no fees for them, so every run checks its own.
        cur.execute(
            "DELETE FROM payments_historicalpayment WHERE contributor_id = ANY(%s)", [capped]
        )
        cur.execute("DELETE FROM payments_payment WHERE contributor_id = ANY(%s)", [capped])
    today = uk_today()
    # Different days in and across months, so fees land in several cap periods at once.
    days = [today.replace(day=1 + n % 28) for n in range(7)]
    plan = Path(tempfile.mkdtemp(prefix="bench-fees-")) / "plan.txt"
    lines = []
    # Consecutive requests are for different contributors (each fee locks its contributor).
    for day in days:
        for n, contributor in enumerate(capped):
            k = n % ORGANISATIONS
            token = bench_token(at.first_staff + 2 * k)  # coordinator of organisation k
            lines.append(f"{token} {at.first_org + k} {contributor} {day.isoformat()}")
    plan.write_text("\n".join(lines) + "\n")
    with gunicorn() as base:
        done = subprocess.run(
            [
                wrk,
                "-t2",
                f"-c{CLIENTS}",
                f"-d{args.seconds}s",
                "--timeout",
                "10s",
                "-s",
                str(ROOT / "bench" / "fees.lua"),
                f"{base}/api/v1/payments/",
                "--",
                str(plan),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    data = json.loads(next(x for x in done.stdout.splitlines() if x.startswith("{")))
    recorded = Payment.objects.filter(contributor_id__in=capped).count()
    rate = recorded / data["seconds"]
    caps = dict(
        PaymentPreference.objects.filter(contributor_id__in=capped).values_list(
            "contributor_id", "cap_amount"
        )
    )
    totals: dict[tuple[int, object], Decimal] = defaultdict(Decimal)
    rows = (
        Payment.objects.filter(COUNTS, contributor_id__in=capped)
        .values("contributor_id", "counts_on")
        .annotate(total=Sum("payable"))
    )
    for row in rows:
        period = calendar_for(contributor_id=row["contributor_id"]).period(
            "calendar_month", row["counts_on"]
        )
        totals[(row["contributor_id"], period.start)] += row["total"]
    breaches = sum(1 for (who, _), total in totals.items() if total > (caps[who] or 0))
    emit(
        [
            Row(
                f"fees recorded by {CLIENTS} clients for {CAPPED} capped contributors in "
                f"{ORGANISATIONS} organisations",
                f"{rate:.0f} fees/s ({recorded:,} fees"
                + (f", {data['errors']} errors" if data["errors"] else "")
                + ")",
                target="at least 200 fees/s",
                passed=rate >= 200 and data["errors"] == 0,
            ),
            Row(
                "fee recording latency",
                f"p50 {data['p50'] * 1000:.1f} ms, p95 {data['p95'] * 1000:.1f} ms, "
                f"p99 {data['p99'] * 1000:.1f} ms",
                target="p95 under 100 ms",
                passed=data["p95"] < 0.100,
            ),
            Row(
                f"cap invariant over {len(totals)} contributor-periods",
                f"{breaches} breaches",
                target="zero breaches",
                passed=breaches == 0,
            ),
        ]
    )


if __name__ == "__main__":
    main()
