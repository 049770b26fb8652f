"""``bench/run [--size small|large] [--only NAME]``: seed the benchmark database if needed, run
every benchmark (each in its own process) and print one table.

Benchmarks: sweep (threshold re-evaluation), http (the API under load through gunicorn and
wrk), fees (fee recording under contention, then the cap invariant), letters (PDF render
against bare WeasyPrint). The seeded database ``coproduce_bench_<size>`` is kept between runs
and made again only when the seed's version or the migrations change.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent)]

from bench.common import PG, ROOT, Row, bench_env, database_name, database_url, parse_rows  # noqa: E402
from bench.seed import SIZES, schema_stamp, seed, seeded_stamp, stamp  # noqa: E402

BENCHMARKS = {
    "sweep": "bench.sweep",
    "http": "bench.http_load",
    "fees": "bench.fees",
    "letters": "bench.letters_bench",
}
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def _migrate(size: str) -> None:
    subprocess.run(
        [PYTHON, str(ROOT / "backend" / "manage.py"), "migrate", "--noinput", "-v0"],
        env=bench_env(size),
        check=True,
    )


def ensure_seeded(size: str) -> str:
    """Migrate and, when the stamp does not match, seed afresh. Says what it did."""
    import psycopg

    name = database_name(size)
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            admin.execute(f'CREATE DATABASE "{name}"')
    _migrate(size)
    with psycopg.connect(database_url(size), autocommit=True) as conn, conn.cursor() as cur:
        wanted, held = schema_stamp(cur), seeded_stamp(cur)
        if held == wanted:
            return f"database {name} already seeded ({held})"
        cur.execute("SELECT count(*) FROM accounts_user")
        empty = cur.fetchone()[0] == 0  # type: ignore[index]
    if not empty or held is not None:
        print(f"seed {held} is not {wanted}: making {name} again", flush=True)
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        _migrate(size)
    print(f"seeding {name}...", flush=True)
    with psycopg.connect(database_url(size)) as conn, conn.cursor() as cur:
        seconds = seed(cur, SIZES[size])
        stamp(cur)
        conn.commit()
    with psycopg.connect(database_url(size), autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")  # visibility map too, for index-only scans
    return f"seeded {name} in {seconds:.0f} s"


def _cell(text: str, width: int) -> str:
    return text.ljust(width)


def table(rows: list[Row]) -> str:
    header = ["figure", "value", "baseline (same run)", "ratio", "target", "result"]
    cells = [
        [
            r.figure,
            r.value,
            r.baseline,
            r.ratio,
            r.target,
            "" if r.passed is None else ("pass" if r.passed else "FAIL"),
        ]
        for r in rows
    ]
    widths = [max(len(header[i]), *(len(c[i]) for c in cells)) for i in range(len(header))]
    lines = ["| " + " | ".join(_cell(h, w) for h, w in zip(header, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines.extend(
        "| " + " | ".join(_cell(c, w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in cells
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--only", choices=sorted(BENCHMARKS), action="append")
    args = parser.parse_args()
    started = time.perf_counter()
    print(ensure_seeded(args.size), flush=True)
    rows: list[Row] = []
    failed: list[str] = []
    for name in args.only or list(BENCHMARKS):
        print(f"running {name}...", flush=True)
        t0 = time.perf_counter()
        done = subprocess.run(
            [PYTHON, "-m", BENCHMARKS[name], "--size", args.size],
            cwd=ROOT,
            env=bench_env(args.size),
            stdout=subprocess.PIPE,
            text=True,
        )
        found = parse_rows(done.stdout)
        rows.extend(found)
        if done.returncode != 0 or not found:
            failed.append(name)
            rows.append(Row(f"{name}: benchmark did not finish", "error", passed=False))
            sys.stdout.write(done.stdout)
        print(f"  {name} took {time.perf_counter() - t0:.0f} s", flush=True)
    load = os.getloadavg()
    print()
    print(table(rows))
    print()
    print(
        f"size {args.size}; {time.perf_counter() - started:.0f} s in all; load average "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores; "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}"
    )
    passed = all(r.passed is not False for r in rows)
    print("every target met" if passed else "SOME TARGETS MISSED")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
