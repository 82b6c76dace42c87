"""Django settings, read from the environment (see the README's table).

Outside the demo nothing fails open: no default secret key, DEBUG off, second factor required.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import secrets
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.utils.translation import gettext_lazy as _

from tegak.config.env import (
    ConfigurationError,
    env_bool,
    env_date,
    env_int,
    env_list,
    env_optional,
    env_path,
    env_str,
)
from tegak.core.signing import SigningKeyError, generate_private_key_text, parse_private_key

BASE_DIR = Path(__file__).resolve().parent.parent
DEMO = env_bool("TEGAK_DEMO", False)
DATA_DIR = env_path("TEGAK_DATA_DIR", Path.cwd() / "var")


def _demo_secret(filename: str, make: str) -> str:
    """In the demo only: a secret generated once and kept in the data folder."""
    DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = DATA_DIR / filename
    if not path.exists():
        path.write_text(make + "\n")
        path.chmod(0o600)
    return path.read_text().strip()


if DEMO:
    SECRET_KEY = env_optional("TEGAK_SECRET_KEY") or _demo_secret(
        "secret_key", secrets.token_urlsafe(50)
    )
else:
    SECRET_KEY = env_str("TEGAK_SECRET_KEY")
if len(SECRET_KEY) < 32:
    raise ConfigurationError("TEGAK_SECRET_KEY must be at least 32 characters long")

DEBUG = env_bool("TEGAK_DEBUG", False)
ALLOWED_HOSTS = env_list("TEGAK_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("TEGAK_CSRF_TRUSTED_ORIGINS", [])
# Proxies whose X-Forwarded-For is believed (addresses, CIDRs); empty: the peer is the client.
TRUSTED_PROXIES = env_list("TEGAK_TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ConfigurationError(
            f"TEGAK_TRUSTED_PROXIES: {_proxy!r} is not an address or a network (CIDR)"
        ) from None
HTTPS = env_bool("TEGAK_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("TEGAK_SESSION_SECONDS", 8 * 3600)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "ninja",
    "django_tasks",
    "tegak.core",
    "tegak.audit",
    "tegak.people",
    "tegak.accounts",
    "tegak.law",
    "tegak.intake",
    "tegak.cases",
    "tegak.hearings",
    "tegak.decisions",
    "tegak.documents",
    "tegak.attendance",
    "tegak.portal",
    "tegak.administration",
    "tegak.jobs",
    "tegak.dashboard",
    "tegak.connectors",
    "tegak.retention",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Below WhiteNoise (static files keep their caching); wraps every page a signed-in user gets.
    "tegak.core.middleware.SignedInResponsesNotStoredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "tegak.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tegak.config.urls"
WSGI_APPLICATION = "tegak.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "tegak.core.context_processors.tegak",
            ],
        },
    },
]

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
DATABASE_URL = env_optional("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'tegak.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend, waiting for the write lock in steps of milliseconds, not SQLite's own
    # sleeps of up to 100 ms, which starved writers under load (tegak.core.sqlite_backend).
    DATABASES["default"]["ENGINE"] = "tegak.core.sqlite_backend"
    # Closed at the end of every request, into the process's pool (the backend's docstring):
    # under ASGI a request's thread is new each time, so a "persistent" connection was never
    # found again by the next request and only closed when it was garbage.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "TEGAK_DB_POOL", True
):
    # Django's native pool (psycopg_pool, ADR 0033): under ASGI each request runs in a thread of
    # its own, so a "persistent" connection was never found again and every request paid a new
    # PostgreSQL connection (a server process and authentication). Each process (web worker,
    # `tegak worker` child) has its own pool, opened at its first query: gunicorn's master never
    # imports Django and `tegak worker` starts its children as new interpreters, so no pool is
    # ever forked. A request waits at most the timeout for a free connection, then answers 503
    # "busy, nothing saved" (tegak.core.busy). Django requires CONN_MAX_AGE = 0 with a pool: a
    # connection goes back to the pool at the end of each request (and of each loop of the job
    # runner). The pool checks a connection before handing it out (CONN_HEALTH_CHECKS), so one
    # dropped by a restart of PostgreSQL is replaced, not given to a request.
    DB_POOL_MAX_SIZE = env_int("TEGAK_DB_POOL_MAX_SIZE", 8)
    if DB_POOL_MAX_SIZE < 1:
        raise ConfigurationError("TEGAK_DB_POOL_MAX_SIZE must be 1 or more (TEGAK_DB_POOL=0: none)")
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DB_POOL_MAX_SIZE,
        "timeout": env_int("TEGAK_DB_POOL_TIMEOUT_SECONDS", 10),
    }
# Values bound by the server, and each statement prepared once a connection has run it
# five times (psycopg's automatic preparation): PostgreSQL then neither parses nor
# plans it again, a third less of its CPU per report (docs/operations.md). Pooled
# connections live long, so what is prepared is kept. Off (0) behind a pooler that cannot
# keep prepared statements (PgBouncer in transaction mode before 1.21).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "TEGAK_DB_PREPARED_STATEMENTS", True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
# How long a write transaction on SQLite waits for the write lock before the page answers 503
# "busy, try again" (nothing written).
SQLITE_WRITE_WAIT_SECONDS = env_int("TEGAK_SQLITE_WRITE_WAIT_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "tegak.accounts.passwords.PredictablePasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "portal:home"
# Staff must confirm a TOTP code after the password; the demo may switch this off.
REQUIRE_SECOND_FACTOR = env_bool("TEGAK_REQUIRE_2FA", not DEMO)
OTP_TOTP_ISSUER = "Tegak"

AXES_FAILURE_LIMIT = env_int("TEGAK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failed logins from one address on any accounts within the cool-off before that address may not
# try again (password spraying): high enough for an office behind one address.
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("TEGAK_LOGIN_ADDRESS_FAILURE_LIMIT", 30)
AXES_CLIENT_IP_CALLABLE = "tegak.core.clients.login_client_address"
AXES_RESET_ON_SUCCESS = True
# Login records (who signed in or failed, from where) are kept this long, then pruned by the
# worker (accounts.prune_sessions).
LOGIN_RECORDS_KEEP_DAYS = env_int("TEGAK_LOGIN_RECORDS_KEEP_DAYS", 90)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Internationalisation: Bahasa Indonesia first, English available.
LANGUAGE_CODE = env_str("TEGAK_LANGUAGE", "id")
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TEGAK_TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# The project-wide stylesheet lives in src/tegak/static (not in an app), so list it.
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = env_path("TEGAK_MEDIA_DIR", DATA_DIR / "media")
STORAGES = {
    # Files flushed to disk before the row that names them is written (docs/operations.md).
    "default": {"BACKEND": "tegak.core.storage.DurableFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tegak_cache",
    },
    # Page parts that are the same for every visitor in a language (the public header, the
    # footer): rendered once per process and kept in its memory. Nothing personal goes here.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tegak-fragments",
        "TIMEOUT": 86400,
    },
}

# Outgoing e-mail (the notifications outbox sends through the worker, never in a request).
EMAIL_BACKEND = env_str("TEGAK_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("TEGAK_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("TEGAK_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("TEGAK_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("TEGAK_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TEGAK_EMAIL_STARTTLS", False)
EMAIL_USE_SSL = env_bool("TEGAK_EMAIL_SSL", False)
EMAIL_TIMEOUT = env_int("TEGAK_EMAIL_TIMEOUT_SECONDS", 10)
DEFAULT_FROM_EMAIL = env_str("TEGAK_EMAIL_FROM", "tegak@localhost")
# Days between the levels of an escalation (handler's superior, then the authorised official,
# then oversight) once a deadline has passed.
ESCALATION_STEP_DAYS = env_int("TEGAK_ESCALATION_STEP_DAYS", 3)
# How long a connector waits for a remote system (gateway, LAPOR!, SIASN, webhooks).
CONNECTORS_HTTP_TIMEOUT_SECONDS = env_int("TEGAK_CONNECTORS_TIMEOUT_SECONDS", 10)
# Hosts (names) or networks (CIDR) inside the agency's network a connector may reach; every
# other private, loopback or link-local address is refused (ADR 0170). Empty: none.
CONNECTORS_INTERNAL_HOSTS = env_list("TEGAK_CONNECTORS_INTERNAL_HOSTS", [])
# The agency's mapping of sanction codes to SIASN reference ids (docs/integrations.md).
SIASN_MAPPING_FILE = env_str("TEGAK_SIASN_MAPPING_FILE", "")

# Background jobs: the django-tasks API over a table in this database (docs/operations.md,
# ADR 0030). Every job is tried JOB_MAX_ATTEMPTS times unless JOB_POLICIES says otherwise.
TASKS = {"default": {"BACKEND": "tegak.jobs.backend.JobBackend"}}
JOB_MAX_ATTEMPTS = env_int("TEGAK_JOB_MAX_ATTEMPTS", 5)
JOB_RETRY_BASE_SECONDS = env_int("TEGAK_JOB_RETRY_BASE_SECONDS", 30)
JOB_RETRY_MAX_SECONDS = 3600
JOB_LEASE_SECONDS = env_int("TEGAK_JOB_LEASE_SECONDS", 60)
JOB_TIME_LIMIT_SECONDS = env_int("TEGAK_JOB_TIME_LIMIT_SECONDS", 1800)
# A worker process whose peak memory passed this ends after its job and is replaced (0: never).
WORKER_RECYCLE_MB = env_int("TEGAK_WORKER_RECYCLE_MB", 1024)
JOB_WORKER_PROCESSES = env_int("TEGAK_WORKER_PROCESSES", 1)
JOB_RESULTS_KEEP_DAYS = env_int("TEGAK_JOB_RESULTS_KEEP_DAYS", 30)
# Task path -> {"max_attempts": n}: only for a job that must not run twice.
JOB_POLICIES: dict[str, dict[str, int]] = {}
# Work `tegak worker` schedules itself: name -> {"task": path, "every_minutes": n | "daily_at":
# "HH:MM" (server time zone)}. Each app adds its own line; switch one off with
# TEGAK_PERIODIC_JOBS_OFF=name,name.
PERIODIC_JOBS: dict[str, dict[str, object]] = {
    "cases.clocks_sweep": {"task": "tegak.cases.tasks.clocks_sweep_all", "every_minutes": 60},
    "jobs.housekeeping": {"task": "tegak.jobs.tasks.housekeeping", "daily_at": "02:30"},
    "connectors.escalation_climb": {
        "task": "tegak.connectors.tasks.escalation_climb_all",
        "every_minutes": 60,
    },
    "connectors.lapor_pull": {"task": "tegak.connectors.tasks.lapor_pull_all", "every_minutes": 15},
    "connectors.outbox_sweep": {
        "task": "tegak.connectors.tasks.outbox_sweep",
        "every_minutes": 15,
    },
    "accounts.prune_sessions": {"task": "tegak.accounts.tasks.prune_sessions", "daily_at": "02:40"},
    # A signed checkpoint of the audit chain's head (tegak.audit.checkpoints).
    "audit.checkpoint": {
        "task": "tegak.audit.tasks.checkpoint",
        "every_minutes": env_int("TEGAK_AUDIT_CHECKPOINT_MINUTES", 60),
    },
    # The whole audit chain checked, for the staff page *Log audit* and the dashboard.
    "audit.verify": {"task": "tegak.audit.tasks.verify", "daily_at": "02:50"},
    "jobs.storage_sweep": {"task": "tegak.jobs.tasks.storage_sweep", "every_minutes": 60},
    # Deletion at the end of retention periods, where an administrator switched it on.
    "retention.run": {"task": "tegak.retention.tasks.retention_run_all", "daily_at": "03:15"},
}
PERIODIC_JOBS_OFF = env_list("TEGAK_PERIODIC_JOBS_OFF", [])

# Where the public can reach this installation: the QR code of an electronically signed letter
# points to {TEGAK_PUBLIC_URL}/verifikasi/<token>/ (docs/documents.md). Set it to the portal's
# public address before the first letter is signed; letters keep the address they were signed
# with.
PUBLIC_URL = env_str("TEGAK_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
if not PUBLIC_URL.startswith(("http://", "https://")):
    raise ConfigurationError("TEGAK_PUBLIC_URL must start with http:// or https://")
# Certificates of authorities (PEM) that signatures are checked against, besides the roots in
# the chains of the certificates the administrators uploaded (e.g. BSrE's root).
SIGNATURE_TRUST_FILE = env_str("TEGAK_SIGNATURE_TRUST_FILE", "")

# PKCS#11 libraries an administrator may choose for keys on a token (ADR 0132). Loading one runs
# its code in the server, so only the operator names them (comma-separated paths); by default the
# SoftHSM and OpenSC libraries of Debian/Ubuntu, where installed.
_PKCS11_KNOWN = [
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so",
]
PKCS11_MODULES = env_list(
    "TEGAK_PKCS11_MODULES", [path for path in _PKCS11_KNOWN if Path(path).is_file()]
)

# Reporter identity is sealed with keys the database never holds (newest first; older keys
# still open what they sealed, so keys can be rotated).
_identity_keys = env_optional("TEGAK_IDENTITY_KEYS")
_identity_key_file = env_optional("TEGAK_IDENTITY_KEY_FILE")
if _identity_keys:
    IDENTITY_KEYS = [key.strip() for key in _identity_keys.split(",") if key.strip()]
elif _identity_key_file:
    IDENTITY_KEYS = [
        line.strip() for line in Path(_identity_key_file).read_text().splitlines() if line.strip()
    ]
elif DEMO:
    IDENTITY_KEYS = [_demo_secret("identity.key", Fernet.generate_key().decode())]
else:
    raise ConfigurationError(
        "TEGAK_IDENTITY_KEYS or TEGAK_IDENTITY_KEY_FILE must be set (reporter identities are "
        "encrypted with it; generate one with `tegak keygen`)"
    )

# The installation's Ed25519 signing key (dossiers, audit checkpoints): held outside the database.
_signing_key = env_optional("TEGAK_SIGNING_KEY")
_signing_key_file = env_optional("TEGAK_SIGNING_KEY_FILE")
if _signing_key:
    SIGNING_KEY = _signing_key
elif _signing_key_file:
    try:
        SIGNING_KEY = Path(_signing_key_file).read_text().strip()
    except OSError as error:
        raise ConfigurationError(
            f"TEGAK_SIGNING_KEY_FILE cannot be read: {error.strerror}"
        ) from error
elif DEMO:
    SIGNING_KEY = _demo_secret("signing.key", generate_private_key_text())
else:
    raise ConfigurationError(
        "TEGAK_SIGNING_KEY or TEGAK_SIGNING_KEY_FILE must be set (dossiers and audit checkpoints "
        "are signed with it; generate one with `tegak keys generate signing`)"
    )
try:
    parse_private_key(SIGNING_KEY)
except SigningKeyError as error:
    raise ConfigurationError(f"the signing key is not an Ed25519 private key: {error}") from error

# The audit chain's HMAC keys, held outside the database (newest first; older keys still check
# the events they keyed, so keys can be rotated). Each is at least 32 random bytes in base64
# (`tegak keys generate audit`).
_audit_keys = env_optional("TEGAK_AUDIT_KEYS")
_audit_key_file = env_optional("TEGAK_AUDIT_KEY_FILE")
if _audit_keys:
    AUDIT_KEYS = [key.strip() for key in _audit_keys.split(",") if key.strip()]
elif _audit_key_file:
    try:
        AUDIT_KEYS = [
            line.strip() for line in Path(_audit_key_file).read_text().splitlines() if line.strip()
        ]
    except OSError as error:
        raise ConfigurationError(
            f"TEGAK_AUDIT_KEY_FILE cannot be read: {error.strerror}"
        ) from error
elif DEMO:
    AUDIT_KEYS = [_demo_secret("audit.key", base64.b64encode(secrets.token_bytes(32)).decode())]
else:
    raise ConfigurationError(
        "TEGAK_AUDIT_KEYS or TEGAK_AUDIT_KEY_FILE must be set (every audit event is keyed with "
        "it; generate one with `tegak keys generate audit`)"
    )
for _audit_key in AUDIT_KEYS:
    try:
        _audit_key_bytes = base64.b64decode(_audit_key, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ConfigurationError("an audit key is not base64") from error
    if len(_audit_key_bytes) < 32:
        raise ConfigurationError("an audit key must hold at least 32 bytes (44 base64 characters)")
if not AUDIT_KEYS:
    raise ConfigurationError("TEGAK_AUDIT_KEYS holds no key")

# Evidence limits (bytes).
EVIDENCE_MAX_FILE_BYTES = env_int("TEGAK_EVIDENCE_MAX_FILE_MB", 50) * 1024 * 1024
EVIDENCE_MAX_REPORT_BYTES = env_int("TEGAK_EVIDENCE_MAX_REPORT_MB", 200) * 1024 * 1024
# Decompression bombs (#12 item 3): cleaned copies are made by the worker, never in a request,
# and only for files within these limits; the others stay as originals, "not previewable".
EVIDENCE_MAX_FILES_PER_REPORT = env_int("TEGAK_EVIDENCE_MAX_FILES", 20)
EVIDENCE_MAX_PIXELS = env_int("TEGAK_EVIDENCE_MAX_MEGAPIXELS", 40) * 1_000_000
EVIDENCE_MAX_REPORT_PIXELS = env_int("TEGAK_EVIDENCE_MAX_REPORT_MEGAPIXELS", 200) * 1_000_000
EVIDENCE_MAX_COPY_BYTES = env_int("TEGAK_EVIDENCE_MAX_COPY_MB", 64) * 1024 * 1024
# A PDF's cleaned copy is made in a child process with these limits (tegak.intake.pdf_copy):
# a small PDF can ask its reader for gigabytes. Over a limit the original is "not previewable".
EVIDENCE_PDF_COPY_MEMORY_MB = env_int("TEGAK_EVIDENCE_PDF_COPY_MEMORY_MB", 768)
EVIDENCE_PDF_COPY_SECONDS = env_int("TEGAK_EVIDENCE_PDF_COPY_SECONDS", 60)
# Archives read by Tegak (dossiers sent to verification): caps on what they unpack to.
ARCHIVE_MAX_BYTES = env_int("TEGAK_ARCHIVE_MAX_MB", 512) * 1024 * 1024
ARCHIVE_MAX_RATIO = env_int("TEGAK_ARCHIVE_MAX_RATIO", 100)
ARCHIVE_MAX_MEMBERS = env_int("TEGAK_ARCHIVE_MAX_MEMBERS", 10000)
# Data and evidence readable by the server's user only (the process umask is 077 too, see cli).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Larger uploads are spooled to a folder of our own, swept of what killed requests left behind.
FILE_UPLOAD_TEMP_DIR = str(env_path("TEGAK_UPLOAD_TEMP_DIR", DATA_DIR / "tmp" / "uploads"))
# Request bodies under `tegak serve` (tegak.config.asgi, ADR 0031): at most the evidence of one
# report plus the form; a body must arrive at REQUEST_BODY_MIN_BYTES_PER_SECOND on average once
# REQUEST_BODY_GRACE_SECONDS have passed, and never pause longer than TEGAK_SERVE_TIMEOUT.
REQUEST_BODY_MAX_BYTES = EVIDENCE_MAX_REPORT_BYTES + 16 * 1024 * 1024
REQUEST_BODY_GRACE_SECONDS = env_int("TEGAK_REQUEST_BODY_GRACE_SECONDS", 30)
REQUEST_BODY_MIN_BYTES_PER_SECOND = env_int("TEGAK_REQUEST_BODY_MIN_BYTES_PER_SECOND", 2048)
STORAGE_SWEEP_GRACE_MINUTES = env_int("TEGAK_STORAGE_SWEEP_GRACE_MINUTES", 360)
STORAGE_FSYNC = env_bool("TEGAK_STORAGE_FSYNC", True)

# Readings of the law that the law leaves open (docs/legal-questions.md).
RULES_SEDANG_TUKIN_FROM = env_date("TEGAK_SEDANG_TUKIN_FROM")
RULES_BERAT_DISMISSAL = env_str("TEGAK_BERAT_DISMISSAL", "pdh_taps")
RULES_COUNTING = env_str("TEGAK_DEADLINE_COUNTING", "exclusive")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"one_line_refusals": {"()": "tegak.core.logfilters.OneLineRefusals"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["one_line_refusals"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("TEGAK_LOG_LEVEL", "WARNING")},
}
