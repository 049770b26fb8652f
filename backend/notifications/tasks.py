from __future__ import annotations

import smtplib

from celery import Task

from workers.celery import app

from .services import notification_email_send


# Bound to the project app (not shared_task) so that web processes that enqueue it use the
# configured broker even when nothing else has imported the Celery app yet.
@app.task(
    bind=True,
    name="notifications.send_email",
    ignore_result=True,
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=8,
)
def send_email(self: Task, notification_id: int) -> None:
    """E-mail one notification. Sends at most once, however often it runs; retries only when
    the mail server could not be reached or refused for now."""
    notification_email_send(notification_id=notification_id)
