"""The API under load: gunicorn as the Procfile runs it, wrk in a second process.

Each endpoint is loaded at 1, 8 and 32 clients with real users' tokens (the seed's contributors
for ``me/...`` and their lists, the coordinators of the 50,000-payment and the 500-payment
organisations for organisation pages). The baseline, measured in the same run, is a fixed-body
DRF view behind the same server, middleware and authentication (bench/urls.py).

Targets at 8 clients: at least 40 % of the baseline's requests/s and p95 under 50 ms; the
50,000-payment organisation within 20 % of the 500-payment one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT, Row, django_setup, emit
from bench.seed import TOKEN_CONTRIBUTORS, bench_token, layout
from bench.server import gunicorn

CLIENTS = (1, 8, 32)
TARGET_SHARE = 0.4
TARGET_P95 = 0.050
TARGET_HISTORY = 1.2


@dataclass
class Endpoint:
    name: str
    path: str
    who: str  # "contributors", "paid" (with 20 payments or more), "big", "small", "anonymous"


@dataclass
class Load:
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int

    def text(self) -> str:
        return (
            f"{self.rps:.0f} req/s, p50 {self.p50 * 1000:.1f} ms, p95 {self.p95 * 1000:.1f} ms, "
            f"p99 {self.p99 * 1000:.1f} ms" + (f", {self.errors} errors" if self.errors else "")
        )


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get"):
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"], capture_output=True, check=False
        )  # as root only; otherwise the message below
    return shutil.which("wrk")


def largest_asset() -> Path:
    dist = ROOT / "frontend" / "dist"
    if not (dist / "index.html").exists():
        subprocess.run(["make", "frontend"], cwd=ROOT, check=True, capture_output=True)
    return max((dist / "assets").iterdir(), key=lambda p: p.stat().st_size)


def run_wrk(wrk: str, url: str, tokens: Path, clients: int, seconds: int) -> Load:
    done = subprocess.run(
        [
            wrk,
            f"-t{min(2, clients)}",
            f"-c{clients}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench" / "wrk.lua"),
            url,
            "--",
            str(tokens),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("{"))
    data = json.loads(line)
    return Load(
        rps=data["requests"] / data["seconds"],
        p50=data["p50"],
        p95=data["p95"],
        p99=data["p99"],
        errors=data["errors"],
    )


def check(url: str, token: str) -> None:
    """Fail loudly when an endpoint does not answer 200 (a load test of 403s means nothing)."""
    request = urllib.request.Request(url)  # noqa: S310 (http://127.0.0.1 only)
    if token != "-":  # noqa: S105 (the anonymous marker, not a password)
        request.add_header("Authorization", f"Token {token}")
    with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
        if answer.status != 200:
            raise RuntimeError(f"{url} answered {answer.status}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="small")
    parser.add_argument("--seconds", type=int, default=0)
    args = parser.parse_args()
    seconds = args.seconds or (5 if args.size == "large" else 3)
    wrk = ensure_wrk()
    if wrk is None:
        emit(
            [
                Row(
                    "HTTP under load",
                    "wrk is not installed (apt-get install -y wrk, as root)",
                    passed=False,
                )
            ]
        )
        return
    django_setup()
    from django.db import connection

    with connection.cursor() as cur:
        at = layout(cur)
        # Contributors with a second page of ten payments to read (not everyone has one).
        cur.execute(
            """SELECT contributor_id FROM payments_payment
               WHERE contributor_id BETWEEN %s AND %s
               GROUP BY contributor_id HAVING count(*) >= 20 ORDER BY 1 LIMIT 150""",
            [at.first_contributor, at.first_contributor + TOKEN_CONTRIBUTORS - 1],
        )
        paid = [row[0] for row in cur.fetchall()]
    folder = Path(tempfile.mkdtemp(prefix="bench-http-"))
    groups = {
        "contributors": [
            bench_token(at.first_contributor + n) for n in range(0, TOKEN_CONTRIBUTORS, 7)
        ],
        "paid": [bench_token(contributor_id) for contributor_id in paid],
        # Staff 2k is the coordinator of organisation k (bench/seed.py).
        "big": [bench_token(at.first_staff)],
        "small": [bench_token(at.first_staff + 2)],
        "anonymous": ["-"],
    }
    files = {}
    for who, tokens in groups.items():
        files[who] = folder / f"{who}.txt"
        files[who].write_text("\n".join(tokens) + "\n")
    asset = largest_asset()
    big, small = at.big_org, at.small_org
    endpoints = [
        Endpoint("baseline: fixed body, same stack", "/api/v1/bench/baseline/", "contributors"),
        Endpoint("me/earnings/", "/api/v1/me/earnings/", "contributors"),
        Endpoint("me/alerts/", "/api/v1/me/alerts/", "contributors"),
        Endpoint("opportunities/?q=research", "/api/v1/opportunities/?q=research", "contributors"),
        Endpoint(
            "opportunities/?involvement_type=co_research&page=2",
            "/api/v1/opportunities/?involvement_type=co_research&page=2",
            "contributors",
        ),
        Endpoint(
            "payments/?page_size=10&page=2 (contributor)",
            "/api/v1/payments/?page_size=10&page=2",
            "paid",
        ),
        Endpoint("expense-claims/", "/api/v1/expense-claims/", "contributors"),
        Endpoint("letters/", "/api/v1/letters/", "contributors"),
        Endpoint("index.html", "/", "anonymous"),
        Endpoint(
            f"largest asset ({asset.stat().st_size // 1024} KB)",
            f"/assets/{asset.name}",
            "anonymous",
        ),
    ]
    for label, org, who in (("50,000", big, "big"), ("500", small, "small")):
        endpoints += [
            Endpoint(f"organisations/{{id}}/dashboard/ ({label} payments)", f"/api/v1/organisations/{org}/dashboard/", who),
            Endpoint(f"organisations/{{id}}/contributors/ ({label} payments)", f"/api/v1/organisations/{org}/contributors/", who),
            Endpoint(f"payments/?organisation&status=pending ({label} payments)", f"/api/v1/payments/?organisation={org}&status=pending", who),
            Endpoint(f"payments/?organisation&page=3 ({label} payments)", f"/api/v1/payments/?organisation={org}&page=3", who),
        ]  # fmt: skip
    results: dict[str, dict[int, Load]] = {}
    with gunicorn() as base:
        for endpoint in endpoints:
            check(base + endpoint.path, groups[endpoint.who][0])
            run_wrk(wrk, base + endpoint.path, files[endpoint.who], 8, 1)  # warm up
            results[endpoint.name] = {
                n: run_wrk(wrk, base + endpoint.path, files[endpoint.who], n, seconds)
                for n in CLIENTS
            }
    baseline = results[endpoints[0].name]
    rows = []
    for endpoint in endpoints:
        for n in CLIENTS:
            load, base_load = results[endpoint.name][n], baseline[n]
            share = load.rps / base_load.rps
            is_target = n == 8 and endpoint is not endpoints[0]
            rows.append(
                Row(
                    f"{endpoint.name} at {n} client{'s' if n > 1 else ''}",
                    load.text(),
                    f"{base_load.rps:.0f} req/s, p95 {base_load.p95 * 1000:.1f} ms",
                    f"{share:.0%}",
                    "≥ 40 % of baseline req/s, p95 < 50 ms" if is_target else "",
                    (share >= TARGET_SHARE and load.p95 < TARGET_P95 and load.errors == 0)
                    if is_target
                    else (False if load.errors else None),
                )
            )
    for kind in ("dashboard", "contributors", "status=pending", "page=3"):
        names = [e.name for e in endpoints if kind in e.name and "payments)" in e.name]
        heavy, light = results[names[0]][8], results[names[1]][8]
        ratio = light.rps / heavy.rps
        rows.append(
            Row(
                f"{names[0].split(' (')[0]}: 50,000 against 500 payments, 8 clients",
                f"{heavy.rps:.0f} req/s, p95 {heavy.p95 * 1000:.1f} ms",
                f"{light.rps:.0f} req/s, p95 {light.p95 * 1000:.1f} ms",
                f"{ratio:.2f}x",
                "within 20 %",
                ratio <= TARGET_HISTORY,
            )
        )
    emit(rows)


if __name__ == "__main__":
    main()
