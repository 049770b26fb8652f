from __future__ import annotations

from coproduce.tasks import task

from .notices import finance_digests_send


@task("payments.send_finance_digests", time_limit=300, soft_time_limit=240)
def send_finance_digests() -> int:
    """Tell finance staff what waits for them. Runs daily on the beat schedule; running it
    again the same day makes no second message."""
    return finance_digests_send()
