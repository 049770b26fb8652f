"""Start a real Celery worker process for a test, on the same broker and test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """The test database as a URL the worker process can use."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextmanager
def worker_process(
    *, pool: str = "solo", queue: str | None = None, app: str = "workers.celery"
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start a worker on this test run's broker and test database. Yields the queue it
    consumes (a private one, or ``queue``, e.g. "default" to run what the code under test
    enqueues) and the process, so a test can also kill it. ``app`` is the Celery app module
    (fault tests use ``tests.reliability.fault_worker``, the real app with a pause in it)."""
    from django.conf import settings  # read when the worker starts, after pytest-django set it

    queue = queue or f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "CELERY_BROKER_DIR": str(settings.CELERY_BROKER_DIR),
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "coproduce.settings.base",
        "PYTHONPATH": f"{ROOT / 'backend'}{os.pathsep}{ROOT}",
    }
    log = open(ROOT / "var" / f"worker-{uuid.uuid4().hex[:8]}.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", app, "worker",
            "--pool", pool, "--queues", queue, "--hostname", f"{queue}@%h",
            "--without-mingle", "--without-gossip", "--loglevel", "INFO",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield queue, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        process.wait()
        log.close()


@contextmanager
def running_worker(*, pool: str = "solo", queue: str | None = None) -> Iterator[str]:
    """A worker for the length of the block; yields the queue it consumes."""
    with worker_process(pool=pool, queue=queue) as (name, _):
        yield name


def wait_for(
    condition: Callable[[], bool], *, timeout: float = 60, what: str = "condition"
) -> None:
    """Poll until ``condition()`` holds. The deadline is a safety net, not an assertion on speed."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)
