from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = "Payments"

    def ready(self) -> None:
        # Connects the receivers of the lower apps' signals (imported for that side effect).
        from . import receivers  # noqa: F401
