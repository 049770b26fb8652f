from __future__ import annotations

import smtplib

from celery import Task
from django.conf import settings
from django.core.mail import send_mail

from workers.celery import app


@app.task(
    bind=True,
    name="accounts.send_account_email",
    ignore_result=True,
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=8,
)
def send_account_email(self: Task, to: str, subject: str, body: str) -> None:
    """One account e-mail (confirm your address, reset your password, an invitation). Retries
    only when the mail server could not be reached or refused for now."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
