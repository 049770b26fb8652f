from __future__ import annotations

from coproduce.tasks import task

from .notices import session_reminders_send


@task("opportunities.send_session_reminders", time_limit=300, soft_time_limit=240)
def send_session_reminders() -> int:
    """Remind people of tomorrow's sessions. Runs daily on the beat schedule; running it again
    the same day makes no second reminder."""
    return session_reminders_send()
