from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Task outbox"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the task signals
