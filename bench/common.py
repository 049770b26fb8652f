"""What the benchmarks share: where the project is, the database of a size, result rows."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
PORT = int(os.environ.get("BENCH_PORT", "8250"))
# The seeded database is ``<BENCH_DB_PREFIX>_<size>`` (another prefix keeps parallel runs apart).
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "coproduce_bench")
ROW_MARK = "BENCH-ROWS "


def database_name(size: str) -> str:
    return f"{DB_PREFIX}_{size}"


def database_url(size: str) -> str:
    return f"{PG}/{database_name(size)}"


def bench_env(size: str) -> dict[str, str]:
    """The environment every benchmark process runs in."""
    return {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'backend'}:{ROOT}",
        "DATABASE_URL": database_url(size),
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
        "BENCH_SIZE": size,
    }


def django_setup() -> None:
    """Set up Django in a benchmark process started by ``bench/run`` (bench_env)."""
    sys.path[:0] = [str(ROOT / "backend"), str(ROOT)]
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)


@dataclass
class Row:
    """One line of the table: a figure, its value, the baseline measured in the same run, and
    the target. ``ratio`` is value / baseline; ``passed`` is None where there is no target."""

    figure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    passed: bool | None = None


def emit(rows: list[Row]) -> None:
    """Hand rows back to bench/run (one marked line on stdout)."""
    print(ROW_MARK + json.dumps([asdict(r) for r in rows]), flush=True)


def parse_rows(stdout: str) -> list[Row]:
    rows: list[Row] = []
    for line in stdout.splitlines():
        if line.startswith(ROW_MARK):
            rows.extend(Row(**item) for item in json.loads(line[len(ROW_MARK) :]))
    return rows


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def as_json(value: Any) -> str:
    return json.dumps(value, default=str)
