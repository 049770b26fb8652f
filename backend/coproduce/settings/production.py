"""Production settings: the base settings behind HTTPS, with every switch a deployment needs.

Used by docker-compose.yml (``DJANGO_SETTINGS_MODULE=coproduce.settings.production``).
``manage.py check --deploy`` is clean under these settings (tests/security).
"""

from __future__ import annotations

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False

# Behind a proxy that ends TLS and says so in X-Forwarded-Proto (and only then).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The health check is called over plain http inside the stack (docker-compose.yml).
SECURE_REDIRECT_EXEMPT = [r"^api/v1/health/$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Contributors' bank details are encrypted with keys from the environment, never the dev key.
BANK_DETAILS_KEYS = env.list("BANK_DETAILS_KEYS", default=[])
if not BANK_DETAILS_KEYS:
    raise ImproperlyConfigured(
        "Set BANK_DETAILS_KEYS to one or more Fernet keys (comma-separated, newest first) "
        "to encrypt contributors' bank details."
    )
for _key in BANK_DETAILS_KEYS:
    try:
        Fernet(_key)
    except ValueError as error:
        raise ImproperlyConfigured(
            "Each of BANK_DETAILS_KEYS must be a Fernet key (32 url-safe base64-encoded bytes)."
        ) from error
