"""Settings for Coproduce, read from the environment.

Two runtime modes, chosen by the environment only:

* embedded default: SQLite under ``var/`` and kombu's filesystem transport as the broker, so
  ``make run`` needs no server;
* services: ``DATABASE_URL`` (PostgreSQL) and ``REDIS_URL`` (Redis as broker and cache).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import environ

# Fixed settings kept in their own modules (they read no environment variable).
from .headers import CONTENT_SECURITY_POLICY  # noqa: F401
from .schema import SPECTACULAR_SETTINGS  # noqa: F401

BACKEND_DIR = Path(__file__).resolve().parent.parent.parent
ROOT_DIR = BACKEND_DIR.parent

env = environ.Env()

VAR_DIR = Path(env.str("COPRODUCE_VAR_DIR", default=str(ROOT_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept under var/."""
    from_env = env.str("DJANGO_SECRET_KEY", default="")
    if from_env:
        return from_env
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _dev_bank_details_key() -> str:
    """For ``make run`` and tests only: a Fernet key generated once and kept under var/.
    Production settings refuse to start without BANK_DETAILS_KEYS (see production.py)."""
    from cryptography.fernet import Fernet

    path = VAR_DIR / "bank_details_key"
    if not path.exists():
        path.write_text(Fernet.generate_key().decode())
        path.chmod(0o600)
    return path.read_text().strip()


# Fernet keys for contributors' bank details, newest first: the first encrypts, every one
# decrypts (so a key can be rotated: add the new one in front, re-save, then drop the old).
BANK_DETAILS_KEYS: list[str] = env.list("BANK_DETAILS_KEYS", default=[]) or [
    _dev_bank_details_key()
]
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_filters",
    "drf_spectacular",
    "django_celery_beat",
    "simple_history",
    "core",
    "outbox",
    "accounts",
    "organisations",
    "contributors",
    "opportunities",
    "payments",
    "thresholds",
    "notifications",
    "letters",
    "dataprotection",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "coproduce.api.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "coproduce.api.middleware.PrivateResponseMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees the response of every view that signed someone in (or refused to).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coproduce.urls"
WSGI_APPLICATION = "coproduce.wsgi.application"

FRONTEND_DIR = ROOT_DIR / "frontend"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [FRONTEND_DIR],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database ------------------------------------------------------------------------------------

SQLITE_PATH = VAR_DIR / "coproduce.sqlite3"
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share one file: wait for locks instead of failing, take the write
    # lock at the start of each transaction, and let readers run beside the writer (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts ------------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Cookies, sessions and security headers: see "Security" at the end of this file.

# Internationalisation -------------------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static files --------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"  # private files: never served by URL, only through views

# Request limits: the largest JSON body the API reads; uploads get their own limits.
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = API_MAX_BODY_BYTES
# Multipart uploads (receipts, letters to verify): the whole request, and one receipt.
API_MAX_UPLOAD_BYTES = env.int("API_MAX_UPLOAD_BYTES", default=25 * 1024 * 1024)
RECEIPT_MAX_BYTES = env.int("RECEIPT_MAX_BYTES", default=10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Cache (throttling) --------------------------------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "coproduce.api.cache.FailOpenRedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# API -----------------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an unauthenticated request answers 401 with WWW-Authenticate.
        "accounts.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Organisation owners, admins and finance officers must set up two-factor sign-in before
    # anything else that uses these defaults answers them (accounts.permissions).
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "accounts.permissions.TwoFactorSetupComplete",
    ],
    "DEFAULT_PARSER_CLASSES": ["coproduce.api.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "coproduce.api.pagination.StandardPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "coproduce.api.exception_handlers.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "login": env.str("LOGIN_THROTTLE_RATE", default="10/min"),
        "login_account": env.str("LOGIN_ACCOUNT_THROTTLE_RATE", default="20/hour"),
        "password_reset": env.str("PASSWORD_RESET_THROTTLE_RATE", default="10/hour"),
        "register": env.str("REGISTER_THROTTLE_RATE", default="20/hour"),
        "verify": env.str("VERIFY_THROTTLE_RATE", default="60/min"),
    },
    # Throttles key on the client address: trust X-Forwarded-For only this many hops deep.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "COERCE_DECIMAL_TO_STRING": True,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# Celery --------------------------------------------------------------------------------------


def filesystem_broker_options(folder: Path) -> dict[str, object]:
    """kombu's filesystem transport: messages are files in one folder, polled every 0.1 s."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "control_folder": str(folder / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }


CELERY_BROKER_DIR = Path(env.str("CELERY_BROKER_DIR", default=str(VAR_DIR / "broker")))
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
# A message a worker took but never acknowledged (the worker was killed) goes back on the queue
# once the longest task could no longer be running (see coproduce.settings and outbox).
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = (
    {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 60}
    if REDIS_URL
    else filesystem_broker_options(CELERY_BROKER_DIR)
)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

THRESHOLD_APPROACHING_PERCENT = env.int("THRESHOLD_APPROACHING_PERCENT", default=80)

WORKER_HEARTBEAT_INTERVAL = timedelta(seconds=15)
WORKER_HEARTBEAT_MAX_AGE = timedelta(seconds=60)

# E-mail --------------------------------------------------------------------------------------

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Coproduce <no-reply@coproduce.local>")

# Logging -------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "kombu.connection": {"level": "ERROR"},  # "No hostname was supplied" for files
    },
}

# Demo data -----------------------------------------------------------------------------------

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="coproduce-demo")

# Web app, API schema and links -------------------------------------------------------------
# The React app in frontend/ is built to frontend/dist (``make run`` builds it when missing or
# stale). WhiteNoise serves its files at the site root; Vite's hashed assets are cached for a
# year. coproduce.frontend answers the app's routes with its index.html.

FRONTEND_DIST_DIR = Path(env.str("FRONTEND_DIST_DIR", default=str(FRONTEND_DIR / "dist")))
WHITENOISE_ROOT = FRONTEND_DIST_DIR if FRONTEND_DIST_DIR.is_dir() else None
WHITENOISE_IMMUTABLE_FILE_TEST = r"^/?(?:static/.+\.[0-9a-f]{12}\.|assets/.+-[\w-]{8}\.)\w+$"

INSTALLED_APPS.append("drf_spectacular_sidecar")  # Swagger UI from local files, not a CDN
REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "coproduce.api.schema.CoproduceAutoSchema"

# The address people use to reach this site: printed in e-mails, letters and their QR codes.
# By default, the address ``make run`` serves (it honours PORT).
PUBLIC_BASE_URL = env.str(
    "PUBLIC_BASE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}"
).rstrip("/")

# Security: sign-in, two-factor, tokens, sessions, cookies and headers -----------------------
# (accounts app; production switches are in coproduce.settings.production)

AUTHENTICATION_BACKENDS = [
    # First: refuses any sign-in (API, token or /admin/login/) while an account or address is
    # locked out, and records each failure.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock out after this many failed sign-ins for one account, or from one address, for a while.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Failures are counted in the database, so lockout works without Redis (embedded mode).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_USERNAME_CALLABLE = "accounts.signin.axes_username"
AXES_CLIENT_IP_CALLABLE = "accounts.signin.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.signin.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # no history of every sign-in's address kept
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "code"]
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
API_TOKEN_LIFETIME = timedelta(days=env.int("API_TOKEN_LIFETIME_DAYS", default=30))
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 60 * 60)
# Roles whose holders must sign in with a second factor (organisation accounts only).
TWO_FACTOR_REQUIRED_ROLES = ["owner", "admin", "finance"]
TWO_FACTOR_ISSUER = env.str("TWO_FACTOR_ISSUER", default="Coproduce")
OTP_TOTP_ISSUER = TWO_FACTOR_ISSUER

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The browser app reads the CSRF token from GET /api/v1/auth/csrf/, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Secure (HTTPS-only) cookies unless switched off: `make run` serves plain http on 127.0.0.1.
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: coproduce.settings.headers.

# The platform admin asks for a second factor (coproduce.admin_site).
INSTALLED_APPS = [
    "coproduce.apps.CoproduceAdminConfig" if app == "django.contrib.admin" else app
    for app in INSTALLED_APPS
]
