"""Django settings, read from the environment.

Local use needs nothing set: SQLite in ./var, a generated development key, DEBUG on.
``PATHWAYS_PROFILE=production`` turns on every deployment safeguard and refuses to start
without a real secret key and allowed hosts.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PATHWAYS_VAR_DIR", Path.cwd() / "var"))


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _whole(name: str, default: int, least: int = 1) -> int:
    """A whole number from the environment, or a clear refusal to start."""
    value = os.environ.get(name, str(default)).strip()
    if not (value.isascii() and value.isdigit()) or int(value) < least:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of at least {least}, not {value!r}")
    return int(value)


def _list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PROFILE = os.environ.get("PATHWAYS_PROFILE", "local")
PRODUCTION = PROFILE == "production"

DEBUG = _flag("PATHWAYS_DEBUG", default=not PRODUCTION)
SECRET_KEY = os.environ.get("PATHWAYS_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("PATHWAYS_SECRET_KEY must be set in the production profile")
    SECRET_KEY = "local-development-only-not-secret-" + "x" * 40  # noqa: S105

# Key for participants' sensitive fields (government identifiers), encrypted at rest.
# Local use falls back to a published development key (apps/cases/crypto.py); production
# must set its own, made with `pathways keys new` (docs/navigators.md).
PATHWAYS_FIELD_KEY = os.environ.get("PATHWAYS_FIELD_KEY", "")
if not PATHWAYS_FIELD_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("PATHWAYS_FIELD_KEY must be set in the production profile")
    PATHWAYS_FIELD_KEY = "cGF0aHdheXMtbG9jYWwtZGV2ZWxvcG1lbnQta2V5ISE="  # the documented dev key

ALLOWED_HOSTS = _list("PATHWAYS_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("PATHWAYS_ALLOWED_HOSTS must be set in the production profile")
CSRF_TRUSTED_ORIGINS = _list("PATHWAYS_CSRF_TRUSTED_ORIGINS", "")

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("PATHWAYS_DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or f"sqlite:///{VAR_DIR / 'pathways.sqlite3'}",
        # A worker keeps its connection: opening one per request (a new PostgreSQL backend,
        # its authentication and set-up) cost 25-40 ms a page here (docs/benchmarks.md).
        conn_max_age=_whole("PATHWAYS_DB_CONN_MAX_AGE", 60 if PRODUCTION else 0, least=0),
        conn_health_checks=True,
    )
}
# -- SQLite, the embedded default for one person or a small team (docs/deploy.md) --------
# Concurrent writers queue instead of failing with "database is locked". WAL lets readers
# go on while one request writes. IMMEDIATE takes the write lock when a transaction begins:
# a transaction that read first and then writes would otherwise have to upgrade its lock,
# which SQLite refuses at once, whatever the timeout. The timeout (seconds) is how long a
# writer waits for its turn.
SQLITE_OPTIONS = {"timeout": 20, "transaction_mode": "IMMEDIATE",
                  "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)

INSTALLED_APPS = [
    "modeltranslation",  # before the admin: its admin mixins (ADR 0042)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "pathways.apps.accounts",
    "pathways.apps.catalog",
    "pathways.apps.exchange",
    "pathways.apps.quality",
    "pathways.apps.cases",
    "pathways.apps.reports",
    "pathways.apps.employers",
    "pathways.apps.workspace",
    "pathways.apps.search",
    "pathways.apps.partnership",
    "pathways.apps.funding",
    "pathways.apps.jobs",
    "pathways.apps.directory",
    "pathways.apps.linking",
    "pathways.apps.finder",
    "django_tasks",
    "django_tasks_db",
    "pathways.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "pathways.web.pagecache.PublicPageCache",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Session lifetime and idle timeout, the second factor, a temporary password to replace.
    "pathways.apps.accounts.middleware.SessionRules",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the login page (429)
]

ROOT_URLCONF = "pathways.web.urls"
WSGI_APPLICATION = "pathways.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "pathways.web.context.site",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},  # OWASP ASVS 2.1.1
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Logins: django-axes counts failures per account and per address (either one locks), and
# the right password is refused until the cool-off has passed since the last try (ADR 0035).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "pathways.apps.accounts.backends.ProfileBackend",
]
# Sessions are read from the cache (one query fewer a page) and written through to the
# database, so a cleared cache signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
AXES_FAILURE_LIMIT = _whole("PATHWAYS_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=_whole("PATHWAYS_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "pathways.apps.accounts.logins.locked_out_page"
AXES_CLIENT_IP_CALLABLE = "pathways.apps.accounts.logins.client_address"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit log already
AXES_HTTP_RESPONSE_CODE = 429
# Proxies in front of Pathways that append to X-Forwarded-For (0: use the peer address).
PATHWAYS_PROXY_COUNT = _whole("PATHWAYS_PROXY_COUNT", 0, least=0)
# The public "talk to a navigator" form (cases.frontdoor): requests per client address in a
# sliding window, and the fewest seconds a person takes to fill it.
PATHWAYS_CONTACT_LIMIT = _whole("PATHWAYS_CONTACT_LIMIT", 5)
PATHWAYS_CONTACT_WINDOW_SECONDS = _whole("PATHWAYS_CONTACT_WINDOW_SECONDS", 3600)
PATHWAYS_CONTACT_FASTEST_SECONDS = _whole("PATHWAYS_CONTACT_FASTEST_SECONDS", 3, least=0)
# An address the footer, the privacy page and the accessibility statement give for
# questions and problems with the site (empty: they point to "talk to a navigator" only).
PATHWAYS_CONTACT_EMAIL = os.environ.get("PATHWAYS_CONTACT_EMAIL", "").strip()

# Sessions end 12 hours after login (a working day); staff who can see participants are
# also logged out after this many idle minutes.
SESSION_COOKIE_AGE = _whole("PATHWAYS_SESSION_HOURS", 12) * 3600
PATHWAYS_STAFF_IDLE_MINUTES = _whole("PATHWAYS_STAFF_IDLE_MINUTES", 30)

# A second factor (TOTP) is optional; when this is on, staff who can see participants must
# set one up before they open anything else.
PATHWAYS_REQUIRE_OTP_FOR_CASE_STAFF = _flag("PATHWAYS_REQUIRE_OTP_FOR_CASE_STAFF", False)
OTP_TOTP_ISSUER = "Pathways"

# Password reset mails. Locally they are printed on the console.
EMAIL_BACKEND = os.environ.get(
    "PATHWAYS_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("PATHWAYS_EMAIL_HOST", "localhost")
EMAIL_PORT = _whole("PATHWAYS_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("PATHWAYS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PATHWAYS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("PATHWAYS_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("PATHWAYS_EMAIL_FROM", "pathways@localhost")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3  # a reset link works for three hours

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Content in two languages (ADR 0042): a column per language for each text a participant
# reads (catalog/translation.py); a text not yet in Spanish is shown in English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# A record created with a plain ``name=`` also gets it as its English value, whatever the
# language of the request, so the fallback is never empty.
MODELTRANSLATION_AUTO_POPULATE = "default"
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"  # slugs are made from the English name


def _language_label(verbose_name: str, language: str) -> str:
    """The admin's label of one language's field: "name (Spanish)"."""
    return format_lazy("{} ({})", verbose_name, dict(LANGUAGES)[language])


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _language_label
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("PATHWAYS_STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Outside production, look a static file up when it is asked for (and see edits without a
# restart) rather than list every app's files whenever the middleware starts: each test
# client starts it afresh, and that listing was a tenth of the test suite's time.
WHITENOISE_AUTOREFRESH = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache(spec: str) -> dict:
    """PATHWAYS_CACHE: "locmem" (one process), "file" (the processes of one machine share
    var/cache) or a redis:// URL (several machines)."""
    if spec.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": spec}
    if spec == "file":
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(VAR_DIR / "cache"), "OPTIONS": {"MAX_ENTRIES": 5000}}
    if spec == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": 2000}}
    raise ImproperlyConfigured(f"PATHWAYS_CACHE={spec!r}: use locmem, file or a redis:// URL")


# Production runs several worker processes, which must share what they keep (the file
# cache by default); one local process keeps it in memory.
CACHES = {"default": _cache(os.environ.get("PATHWAYS_CACHE", "file" if PRODUCTION
                                           else "locmem"))}
# Public pages kept for anonymous visitors (pathways.web.pagecache); 0 turns it off.
PATHWAYS_PAGE_CACHE_SECONDS = _whole("PATHWAYS_PAGE_CACHE_SECONDS", 300, least=0)

# Wages shown on exit points come from this OEWS area when a pathway names none ("99" = U.S.).
PATHWAYS_DEFAULT_WAGE_AREA = os.environ.get("PATHWAYS_DEFAULT_WAGE_AREA", "99")

# Shared measures: a stored (published) run hides cells with a denominator below this.
PATHWAYS_MEASURES_MIN_THRESHOLD = os.environ.get("PATHWAYS_MEASURES_MIN_THRESHOLD", "10")

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# No inline script or style anywhere: every script and style is a static file (ADR 0035).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
    },
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = _flag("PATHWAYS_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # "__Host-": browsers keep such a cookie only when it is Secure, for this host alone and
    # the whole site, so a neighbouring subdomain cannot set or overwrite it.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_HSTS_SECONDS = _whole("PATHWAYS_HSTS_SECONDS", 60 * 60 * 24 * 365, least=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PATHWAYS_LOG_LEVEL", "WARNING")},
    # The worker's log says each job's steps (journalctl -u pathways-worker; ADR 0050).
    "loggers": {"pathways.jobs": {"level": "INFO"}},
}

# -- Uploaded files ---------------------------------------------------------------------
# Uploads Django spools to disk (past FILE_UPLOAD_MAX_MEMORY_SIZE) and the files a measures
# run works on go to a folder of Pathways' own, never the system's temporary folder: a
# killed server leaves them there, and start-up clears what is older than
# PATHWAYS_UPLOAD_MAX_HOURS (pathways.web.uploads.clear_stale_uploads).
FILE_UPLOAD_TEMP_DIR = str(VAR_DIR / "uploads")
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
# Files a queued job reads (an uploaded PIRL file), kept until the job ends (ADR 0050).
JOB_FILES_DIR = str(VAR_DIR / "jobs")
# Partner files of a linkage run, sealed with the field key, kept while its pairs are reviewed
# and its joined dataset measured, at most PATHWAYS_LINKAGE_KEEP_DAYS (ADR 0053).
LINKAGE_FILES_DIR = str(VAR_DIR / "linkage")
PATHWAYS_LINKAGE_KEEP_DAYS = _whole("PATHWAYS_LINKAGE_KEEP_DAYS", 30, least=1)

# Background jobs: django-tasks with its database backend, so no extra server; a worker
# (`pathways manage db_worker`) runs them (ADR 0050, docs/deploy.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PATHWAYS_UPLOAD_MAX_HOURS = _whole("PATHWAYS_UPLOAD_MAX_HOURS", 6)
# A running job's worker writes a sign of life this often; with none for the stale time,
# the worker is taken for dead (pathways.apps.jobs.heartbeat).
PATHWAYS_JOB_HEARTBEAT_SECONDS = _whole("PATHWAYS_JOB_HEARTBEAT_SECONDS", 30, least=1)
PATHWAYS_JOB_STALE_SECONDS = _whole("PATHWAYS_JOB_STALE_SECONDS", 300, least=10)
# A CTDL or HSDS import whose file is larger than this many bytes is applied by a worker,
# with its progress on the job page, instead of inside the request.
PATHWAYS_BACKGROUND_IMPORT_BYTES = _whole("PATHWAYS_BACKGROUND_IMPORT_BYTES", 1_000_000)
# A folder on the server with full reference releases (O*NET, SOC, CIP, OEWS, projections)
# that an administrator may load from the reference data page; unset: the bundled subset only.
PATHWAYS_REFERENCE_DIR = os.environ.get("PATHWAYS_REFERENCE_DIR", "").strip()
if PATHWAYS_JOB_STALE_SECONDS < 3 * PATHWAYS_JOB_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured("PATHWAYS_JOB_STALE_SECONDS must be at least three "
                               "heartbeats (PATHWAYS_JOB_HEARTBEAT_SECONDS)")

# -- Bad input --------------------------------------------------------------------------
# An address holding a NUL character (400) or an impossible record number (404) is answered
# before any view reads it (pathways.web.badinput); after the language is known, so the
# page is in the reader's.
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1,
                  "pathways.web.badinput.RefuseBadAddresses")
