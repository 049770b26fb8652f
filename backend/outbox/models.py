"""Tasks waiting to reach a worker, written in the same transaction as the change they follow.

A row is published to the broker after its transaction commits. If the broker is down then, the
row stays unpublished and a drain publishes it when the broker is back. A worker marks the row
started and finished, so a task lost with a killed worker is sent again.
"""

from django.db import models


class OutboxMessage(models.Model):
    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    queue = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    publish_attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    started_by = models.CharField(max_length=255, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outbox_unpublished",
                condition=models.Q(published_at__isnull=True),
            ),
            models.Index(
                fields=["published_at"],
                name="outbox_unfinished",
                condition=models.Q(published_at__isnull=False, finished_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)} #{self.pk}"
