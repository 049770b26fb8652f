# Load the Celery app with Django, so every task enqueued from web requests uses its settings.
from workers.celery import app as celery_app

__all__ = ["celery_app"]
