"""Settings for every environment, driven by environment variables.

Safe for production by default: DEBUG is off unless DJANGO_DEBUG=1, and there is no insecure
secret key outside debug runs. Tests override a few values in tests/settings.py.
"""

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")


def _secret_key() -> str:
    # Order: the environment, then the key `make run` generates once into .secret_key
    # (ignored by git), then a throwaway key that only debug runs may use.
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    key_file = BASE_DIR / ".secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    if DEBUG:
        return "insecure-debug-only-key"
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY (or run `make run`, which generates a local key)."
    )


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Django's own widget templates, for FORM_RENDERER below.
    "django.forms",
    "markdownx",
    "reversion",
    "axes",
    "import_export",
    "articles",
    # Below comparisons: the calculator plans medicines with interactions.planning.
    "interactions",
    "comparisons",
    # Before feedback, as in the layering (tests/test_layering.py): feedback's admin asks
    # for change notes on the evidence admin, which must be registered first.
    "evidence",
    "feedback",
    "site_config",
]

MIDDLEWARE = [
    "site_config.middleware.request_id",
    # Before the https redirect and host validation: the container's HEALTHCHECK and the
    # load balancer probe GET /healthz by plain HTTP at the server's own address.
    "site_config.health.health_check",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An ETag on every page, and 304 Not Modified when the browser already holds it (a
    # reload, a page opened again): outside the page cache, so stored pages get one too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Outside everything below, so a cache hit skips sessions, CSRF and auth entirely; the
    # stored response already carries the headers the inner middleware added.
    "site_config.middleware.anonymous_page_cache",
    # The headers every page gets, error pages included: whatever answers inside them
    # (a control character's 400, a disallowed host's, a view's) gets them too.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "site_config.middleware.security_headers",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "site_config.middleware.reject_control_characters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "site_config.middleware.SlashCommonMiddleware",
    # A page's old address, after an editor changed its slug, leads to it (301).
    "articles.moved_pages.moved_page_redirect",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

if not env_bool("DJANGO_PAGE_CACHE", default=True):  # for benchmarks of uncached pages
    MIDDLEWARE.remove("site_config.middleware.anonymous_page_cache")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Editors log in through the admin; a `next` refused as unsafe falls back to the admin's
# index, not Django's default /accounts/profile/, which this site does not have.
LOGIN_REDIRECT_URL = "admin:index"

ROOT_URLCONF = "site_config.urls"
WSGI_APPLICATION = "site_config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.fixed_links.fixed_links",
            ],
        },
    },
]

# Form widgets (the calculator's) render through the site's own template engine and its
# cached loader.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}

if redis_url := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            # A Redis that hangs must not hang every worker: give up after a second and
            # render the page (site_config.middleware treats cache errors as misses).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # One cache per process. Django's default of 300 pages is fewer than the site's distinct
    # URLs (every article, topic and form, and the table's filter settings); 2,000 pages of
    # 20-60 KB stay under about 100 MB a worker.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# The site and its admin are in English only. Without the translation machinery every
# number, date and URL a page draws skips a per-request language lookup, which was about
# 5% of the time of a page rendered on request (cProfile of an uncached article).
USE_I18N = False
USE_TZ = True
# The dates and times editors may type: never a slashed date, read as month/day in en-us.
FORMAT_MODULE_PATH = ["site_config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Media (the images editors upload) live in a folder every app server shares (MEDIA_ROOT),
# or, when a bucket is named, in S3-compatible object storage through django-storages.
# Credentials are the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or an instance
# role), which django-storages and boto3 read from the environment themselves.
MEDIA_BUCKET = os.environ.get("DJANGO_MEDIA_BUCKET") or os.environ.get("AWS_STORAGE_BUCKET_NAME")
if MEDIA_BUCKET:
    _media_endpoint = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    _media_domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": _media_endpoint,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": _media_domain,
            # Image URLs are written into the stored article HTML, so they must not expire:
            # no signed query strings; the bucket's uploads/ prefix is public-read instead.
            "querystring_auth": False,
            "file_overwrite": False,
            # Names are random and never reused, so a copy may be kept for a year.
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    # Where the storage's URLs point (custom domain, else the endpoint with path-style
    # bucket names, else AWS's own host); the pages' CSP must allow images from there.
    if _media_domain:
        MEDIA_ORIGIN = "https://" + _media_domain.split("/")[0]
    elif _media_endpoint:
        _parts = urlsplit(_media_endpoint)
        MEDIA_ORIGIN = f"{_parts.scheme}://{_parts.netloc}"
    else:
        MEDIA_ORIGIN = f"https://{MEDIA_BUCKET}.s3.amazonaws.com"
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ORIGIN = None

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security defaults that hold on plain http too; TLS-only settings are switched on by
# DJANGO_HTTPS=1 because `make run` serves http on 127.0.0.1.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# No inline script or style anywhere, the admin and the markdownx editor included.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# CSV imports in the admin run in one transaction: a file with a bad row changes nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Admin logins: after 5 failures for one user name from one address, that user name is
# refused from that address for 15 minutes (django-axes). The pair, not the name alone:
# locking a name for every address would let anyone keep an editor out by typing five
# wrong passwords for their user name. Behind a load balancer this needs
# DJANGO_TRUSTED_PROXIES (below), or every reader has the balancer's address.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# How many proxies (load balancer, CDN) in front of gunicorn add the client's address to
# X-Forwarded-For. 0 (the default): the header is the client's to write, so it is ignored
# and REMOTE_ADDR is the client. With N, the N-th address from the right is the client's,
# for the login lockout (django-axes) and the problem-report limit (feedback) alike.
try:
    TRUSTED_PROXY_COUNT = max(0, int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0")))
except ValueError as error:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXIES must be a whole number") from error
AXES_CLIENT_IP_CALLABLE = "feedback.pages.client_address"
AXES_USERNAME_CALLABLE = "site_config.logins.login_username"

if env_bool("DJANGO_HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # The health probes speak plain HTTP to the server itself (site_config/health.py).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CSP["upgrade-insecure-requests"] = True

# The markdownx editor's preview goes through the same sanitising renderer as the public
# pages. Its two views are routed in site_config/urls.py behind staff-only access.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "articles.rendering.markdownify"
MARKDOWNX_URLS_PATH = "/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/markdownx/upload/"
MARKDOWNX_UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp"]
MARKDOWNX_UPLOAD_MAX_SIZE = 5 * 1024 * 1024
MARKDOWNX_MEDIA_PATH = "uploads/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "site_config.log_filters.OneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "one_line": {"class": "logging.StreamHandler", "filters": ["one_line"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # A request Django refuses as suspicious (too many fields, a bad Host) is a 400 page for
    # the sender and one line here: with its traceback, each was 25 lines, and a robot could
    # fill the log cheaply.
    "loggers": {"django.security": {"handlers": ["one_line"], "propagate": False}},
}
