"""Settings for the AMICC platform, read from the environment only.

Every variable is documented in `.env.example`. Production (no `AMICC_DEBUG`) refuses
to start without `AMICC_SECRET_KEY`; a development or demo run keeps a random key in
the data directory so sessions survive restarts without a key ever being committed.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from amicc.core.env import env_bool, env_float, env_int, env_list, env_str
from amicc.core.mail_config import email_settings_from_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("AMICC_DATA_DIR", str(BASE_DIR / "var"))).resolve()

DEBUG = env_bool("AMICC_DEBUG", False)


def _secret_key() -> str:
    key = env_str("AMICC_SECRET_KEY", "")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "AMICC_SECRET_KEY is not set. Production settings (AMICC_DEBUG unset) refuse to "
            "start without it; generate one with: python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'"
        )
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list(
    "AMICC_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("AMICC_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("AMICC_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "amicc.accounts",
    "amicc.core",
    "amicc.pages",
    "amicc.coalition",
    "amicc.congress",
    "amicc.icc",
    "amicc.events",
    "amicc.polls",
    "amicc.outreach",
    "amicc.funding",
    "amicc.mailings",
    "amicc.api",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "django_htmx",
    "csp",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "amicc.core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "amicc.core.sites.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "amicc.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "amicc.urls"
WSGI_APPLICATION = "amicc.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amicc.core.context_processors.site_settings",
            ],
        },
    },
]

# --- Database: SQLite (WAL, busy timeout) unless DATABASE_URL names another server.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "amicc.sqlite3",
            # Reusing the connection keeps SQLite's page cache warm between requests.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA cache_size=-20000; "
                    # Reads through the OS page cache without a system call per page: a
                    # search for a common word touches thousands of index rows.
                    "PRAGMA mmap_size=1073741824;"
                ),
            },
        }
    }

# --- Cache: local memory by default, Redis when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("AMICC_CACHE_PREFIX", "amicc"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "amicc",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
AMICC_PAGE_CACHE_SECONDS = env_int("AMICC_PAGE_CACHE_SECONDS", 600)

# --- Background work: Django's Tasks API through the django-tasks backport.
TASKS_BACKEND = env_str("AMICC_TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }.get(TASKS_BACKEND, TASKS_BACKEND)
    }
}

# --- Email: one URL (smtp://, smtps://, eml:///dir, console://, locmem://).
DEFAULT_FROM_EMAIL = env_str("AMICC_FROM_EMAIL", "AMICC <noreply@amicc.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
AMICC_STAFF_EMAILS = env_list("AMICC_STAFF_EMAILS", [])
globals().update(email_settings_from_url(env_str("EMAIL_URL", f"eml://{DATA_DIR / 'mail'}")))
# Mailings: the domain of Message-IDs, how many messages a second a send may go out at
# (0: as fast as the mail server takes them), and the shared secret of the provider's
# bounce and complaint webhooks (django-anymail; "user:password" in the webhook URL).
AMICC_MAIL_DOMAIN = env_str("AMICC_MAIL_DOMAIN", "amicc.example")
AMICC_MAIL_RATE = env_float("AMICC_MAIL_RATE", 20.0)
ANYMAIL = {"WEBHOOK_SECRET": env_str("AMICC_ANYMAIL_WEBHOOK_SECRET", "")}

# --- Sign-in protection (amicc/accounts/lockout.py): django-axes counts failed sign-ins
# per username and client address (REMOTE_ADDR only) on every login form and locks that
# pair out for a while; staff unlock under Settings → Sign-in lockouts.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AMICC_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AMICC_LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "amicc.accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "amicc.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# The cool-off runs from the lockout; attempts during it neither count nor extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # failed attempts are kept; successful sign-ins are not
AXES_ENABLE_ADMIN = False  # lockouts are managed in the Wagtail admin
AXES_VERBOSE = False
# Two-step verification (amicc/accounts/two_factor.py): when true, everyone with admin
# access must set it up before any admin page.
AMICC_REQUIRE_2FA_FOR_STAFF = env_bool("AMICC_REQUIRE_2FA_FOR_STAFF", False)
OTP_TOTP_ISSUER = "AMICC"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English and Spanish. English pages keep their plain URLs; Spanish ones are the same paths
# under /es/ (see amicc/urls.py), so a page's language never depends on a cookie and the
# page cache can key by path. Catalogs: amicc/<app>/locale/es/ (`make messages`).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
TIME_ZONE = "America/New_York"
USE_I18N = True
# Content pages are translated with wagtail-localize: one page tree per language.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Machine translation is off: translators work in wagtail-localize's editor.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
AMICC_SERVE_MEDIA = env_bool("AMICC_SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Applicants' files (CVs): outside MEDIA_ROOT, with no URL; only staff views read them.
    "private": {
        "BACKEND": "amicc.core.storages.PrivateFileStorage",
        "OPTIONS": {"location": DATA_DIR / "private", "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600

# --- Wagtail
WAGTAIL_SITE_NAME = "AMICC"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILDOCS_DOCUMENT_MODEL = "core.CoalitionDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "txt", "csv", "xlsx"]
# Uploads are checked by content (amicc/core/uploads.py); only PDFs open in the browser,
# every other document is a download.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "amicc.core.uploads.DocumentForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "amicc.core.uploads.ImageForm"
# No SVG: an SVG is a document that can carry scripts, not a picture.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# The database's own full-text search by default; an Elasticsearch or OpenSearch server by
# setting AMICC_SEARCH_BACKEND (e.g. opensearch2, elasticsearch8) and AMICC_SEARCH_URLS.
SEARCH_BACKEND = env_str("AMICC_SEARCH_BACKEND", "database")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": f"wagtail.search.backends.{SEARCH_BACKEND}", "AUTO_UPDATE": True}
}
if SEARCH_BACKEND != "database":
    WAGTAILSEARCH_BACKENDS["default"].update(
        URLS=env_list("AMICC_SEARCH_URLS", ["http://127.0.0.1:9200"]),
        INDEX=env_str("AMICC_SEARCH_INDEX", "amicc"),
    )
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Upload size limits, in megabytes: images, documents, applicants' CVs.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("AMICC_IMAGE_MAX_MB", 10) * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("AMICC_DOCUMENT_MAX_MB", 20) * 1024 * 1024
AMICC_CV_MAX_BYTES = env_int("AMICC_CV_MAX_MB", 5) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# --- Security: headers from the start; production expects to be served behind HTTPS.
SESSION_ENGINE = "amicc.core.sessions"  # database sessions; see the module for why
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("AMICC_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("AMICC_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# The public site runs no inline script or style; the Wagtail admin still needs inline
# code of its own, so it is left out of this policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- API: requests a minute per client address (every request) and per API key.
AMICC_API_RATE_PER_ADDRESS = env_int("AMICC_API_RATE_PER_ADDRESS", 300)
AMICC_API_RATE_PER_KEY = env_int("AMICC_API_RATE_PER_KEY", 1200)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("AMICC_LOG_LEVEL", "WARNING")},
}
