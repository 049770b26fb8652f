"""Test settings: the same as base, with fast hashing, an isolated broker folder and a file
test database (so a real worker process can see what a test commits)."""

from __future__ import annotations

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, VAR_DIR, env, filesystem_broker_options

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Unit tests run tasks in-process; tests marked `worker` start a real worker on the real broker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# A broker folder of this test run's own, so a worker started by a test never shares
# messages with a `make run` on the same machine. (With Redis, CI gives tests their own DB.)
CELERY_BROKER_DIR = Path(
    env.str("CELERY_BROKER_DIR", default=str(VAR_DIR / f"test-broker-{os.getpid()}"))
)
if not REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(CELERY_BROKER_DIR)
