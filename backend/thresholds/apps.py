from django.apps import AppConfig


class ThresholdsConfig(AppConfig):
    name = "thresholds"
    verbose_name = "Thresholds"

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the rule-change receivers
