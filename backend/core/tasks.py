from __future__ import annotations

import socket

from celery import Task, shared_task

from .services import worker_heartbeat_record


@shared_task(bind=True, name="core.worker_heartbeat", ignore_result=True)
def worker_heartbeat(self: Task) -> None:
    """Record that the worker running this is alive. Runs on the beat schedule."""
    worker_heartbeat_record(hostname=self.request.hostname or socket.gethostname())
