from __future__ import annotations

from coproduce.tasks import MAIL_ERRORS, task

from .services import notification_email_send


@task(
    "notifications.send_email",
    retry_for=MAIL_ERRORS,
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def send_email(notification_id: int) -> None:
    """E-mail one notification. Sends at most once, however often it runs; retries only when
    the mail server could not be reached or refused for now."""
    notification_email_send(notification_id=notification_id)
