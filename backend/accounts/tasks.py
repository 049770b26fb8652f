from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail

from coproduce.tasks import MAIL_ERRORS, task


@task(
    "accounts.send_account_email",
    retry_for=MAIL_ERRORS,
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def send_account_email(to: str, subject: str, body: str) -> None:
    """One account e-mail (confirm your address, reset your password, an invitation). Retries
    only when the mail server could not be reached or refused for now."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
