"""The real Celery app, made to pause once in the middle of a threshold evaluation so a fault
test can strike there: after the alert and its notification are written, before the
evaluation's transaction commits.

``FAULT_PAUSE_MARKER`` names a file written when the pause begins; the pause lasts until the
file ``FAULT_PAUSE_RELEASE`` exists (or ``FAULT_PAUSE_SECONDS`` pass). Without
``FAULT_PAUSE_MARKER`` this is the ordinary worker.

Start a worker with it:  celery -A tests.reliability.fault_worker worker
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from celery.signals import worker_init

from workers.celery import app

__all__ = ["app"]


@worker_init.connect
def _pause_once_mid_evaluation(**_: Any) -> None:
    marker = os.environ.get("FAULT_PAUSE_MARKER")
    if not marker:
        return
    # Imported here: the worker's Django is set up by now (worker_init), not at import.
    from thresholds.monitoring import alerts

    original = alerts.notify_many
    paused = False

    def notify_then_pause(*args: Any, **kwargs: Any) -> Any:
        nonlocal paused
        result = original(*args, **kwargs)
        if not paused:
            paused = True
            Path(marker).write_text(str(os.getpid()))
            release = Path(os.environ.get("FAULT_PAUSE_RELEASE", f"{marker}.release"))
            deadline = time.monotonic() + float(os.environ.get("FAULT_PAUSE_SECONDS", "120"))
            while not release.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
        return result

    alerts.notify_many = notify_then_pause
