"""Mailleurs settings: one module, driven by environment variables (see README.md)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    """A whole number ≥ 0; a wrong value stops the start with the variable's name, in French,
    instead of Python's « invalid literal for int() »."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} doit être un nombre entier (reçu : {raw!r}).") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name} ne peut pas être négatif (reçu : {value}).")
    return value


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        raise ImproperlyConfigured(f"{name} doit être un nombre (reçu : {raw!r}).") from None
    if not value >= 0:  # also refuses nan
        raise ImproperlyConfigured(f"{name} ne peut pas être négatif (reçu : {raw!r}).")
    return value


DEBUG = env_bool("DEBUG", False)

# Without SECRET_KEY, a development key: `check --deploy` flags it (security.W009).
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-dev-only-mailleurs-key"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # SimpleAdminConfig: no autodiscovery, so leaflet/admin.py (which needs GDAL) is never imported.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "django_htmx",
    "leaflet",
    "axes",
    "simple_history",
    "django_tasks_db",
    "mailleurs",
    "mailleurs.background",
    "actors",
    "glossary",
    "experiences",
    "mailleurs.grid",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A NUL character in a query string or a form: 400 (PostgreSQL refuses it in any string).
    "mailleurs.middleware.RefuseNulCharactersMiddleware",
    # Records who made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mailleurs.urls"
WSGI_APPLICATION = "mailleurs.wsgi.application"

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
                "django.template.context_processors.csp",
                "mailleurs.context_processors.site",
            ],
        },
    },
]

# SQLite by default (a git-ignored file under var/), PostgreSQL when DATABASE_URL says so.
VAR_DIR = Path(os.environ.get("MAILLEURS_VAR_DIR", BASE_DIR / "var"))
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more than it saves on a web page's short queries (measured: the
    # France map data 136 → 100 ms with 100,000 actors).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # The few statements a fiche page runs on every request are prepared on their connection
    # after this many runs (mailleurs/prepared_sql.py); empty to prepare none, as a connection
    # pooler in transaction mode requires.
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = (
        env_int("DATABASE_PREPARE_THRESHOLD", 2)
        if os.environ.get("DATABASE_PREPARE_THRESHOLD", "2").strip()
        else None
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The quick start's task worker writes beside the site. A transaction that read, then
    # writes, would be refused at once (« database is locked »): each one takes the write lock
    # as it begins and waits for it, and readers go on during a write (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's model backend, reached by username or by e-mail address.
    "mailleurs.accounts.backends.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling. Behind a reverse proxy, AXES_IPWARE_META_PRECEDENCE_ORDER must name the
# header the proxy sets, or every attempt looks like the proxy's own address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_float("AXES_COOLOFF_HOURS", 0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Failures by username and by e-mail address count for the same account.
AXES_USERNAME_CALLABLE = "mailleurs.accounts.backends.lockout_username"
# Password reset requests: at most so many per address asked and per IP in the window.
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
PASSWORD_RESET_LIMIT_PER_IP = env_int("PASSWORD_RESET_LIMIT_PER_IP", 10)
PASSWORD_RESET_WINDOW = env_int("PASSWORD_RESET_WINDOW_SECONDS", 3600)
# Public forms (contact, « Signaler une erreur », « Demander un compte »): at most so many sends
# per IP in the window, and a form sent sooner than PUBLIC_FORM_MIN_SECONDS after it was shown
# is taken for a robot (mailleurs/guarded_forms.py).
PUBLIC_FORM_LIMIT_PER_IP = env_int("PUBLIC_FORM_LIMIT_PER_IP", 5)
PUBLIC_FORM_WINDOW = env_int("PUBLIC_FORM_WINDOW_SECONDS", 3600)
PUBLIC_FORM_MIN_SECONDS = env_int("PUBLIC_FORM_MIN_SECONDS", 3)
ERROR_REPORT_LIMIT_PER_FICHE = env_int("ERROR_REPORT_LIMIT_PER_FICHE", 10)
if env_bool("BEHIND_PROXY"):
    AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 1)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
try:
    # Leaflet.markercluster from PyPI (xstatic-leaflet-markercluster), served as-is, never copied.
    import xstatic.pkg.leaflet_markercluster as _markercluster

    STATICFILES_DIRS.append(("leaflet-markercluster", _markercluster.BASE_DIR))
except ImportError:  # pragma: no cover — the map then shows unclustered markers
    pass
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("MAILLEURS_PLAIN_STATIC")
            else "mailleurs.static_storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

# E-mail: the console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    _mailer = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": EMAIL_HOST,
            "port": env_int("EMAIL_PORT", 587),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
        },
    }
else:
    _mailer = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
MAILERS = {"default": _mailer}
del EMAIL_HOST
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mailleurs <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Map tiles: OpenStreetMap by default; the map still shows its markers when tiles cannot load.
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = os.environ.get(
    "MAP_TILES_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">'
    "les contributeurs d’OpenStreetMap</a>",
)
# Above this number of actors in view, /api/acteurs.geojson returns clusters aggregated on a
# grid instead of points (actors/map_data.py).
# About 310 bytes a point: 400 points stay under 150 KB.
MAP_CLUSTER_THRESHOLD = env_int("MAP_CLUSTER_THRESHOLD", 400)
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (44.9, 4.9),
    "DEFAULT_ZOOM": 8,
    "MIN_ZOOM": 3,
    "MAX_ZOOM": 18,
    "TILES": [("Plan", MAP_TILES_URL, {"attribution": MAP_TILES_ATTRIBUTION})],
    "RESET_VIEW": False,
    "NO_GLOBALS": False,
}

# Security. Production values come from the environment (README.md, "Production").
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (Django's built-in support): scripts need the request's nonce.
# Tiles are images from the configured tile server.
_tiles_origin = "/".join(MAP_TILES_URL.split("/")[:3]).replace("{s}.", "*.")
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", _tiles_origin],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Cache: per process by default; set REDIS_URL so that every gunicorn worker shares it.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "mailleurs.redis_cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long a visitor's directory page is kept (any change to the directory retires it at once);
# 0: every page is built.
DIRECTORY_PAGE_SECONDS = env_int("DIRECTORY_PAGE_SECONDS", 3600)

# Background tasks (Django's tasks framework): the database backend of django-tasks-db, run by
# `manage.py db_worker` (README.md, "Tâches en arrière-plan"). TASKS_BACKEND may name another
# backend, such as "django.tasks.backends.immediate.ImmediateBackend" (runs in the request).
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# A running task's progress and a cancel request travel through this cache, not the database:
# the task's writes are one transaction, whose own updates nobody sees before it ends. The worker
# and the web server must share it: files under var/ on one machine, Redis when REDIS_URL is set.
TASKS_PROGRESS_CACHE = "tasks"
CACHES[TASKS_PROGRESS_CACHE] = (
    {**CACHES["default"], "KEY_PREFIX": "taches"}
    if os.environ.get("REDIS_URL")
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "taches"),
    }
)
# A task publishes its progress every so many rows (and checks whether it is cancelled).
TASKS_PROGRESS_EVERY = env_int("TASKS_PROGRESS_EVERY", 200)
# A task that ran at least this long e-mails its owner when it ends.
TASKS_NOTIFY_AFTER_SECONDS = env_int("TASKS_NOTIFY_AFTER_SECONDS", 10)

# Site-wide values shown in templates.
SITE_NAME = "Mailleurs"
# The publisher named by the legal notice, the privacy page and the accessibility statement.
SITE_PUBLISHER = os.environ.get("SITE_PUBLISHER", "Association Mailleurs (démonstration)")
SITE_PUBLISHER_ADDRESS = os.environ.get(
    "SITE_PUBLISHER_ADDRESS", "1 place de la République, 26150 Die"
)
SITE_PUBLICATION_DIRECTOR = os.environ.get(
    "SITE_PUBLICATION_DIRECTOR", "La présidence de l’association"
)
SITE_HOST = os.environ.get("SITE_HOST", "l’hébergeur choisi par l’association (à renseigner)")
# Where the contact form, error reports about personal data and accessibility problems go.
SITE_CONTACT_EMAIL = os.environ.get("SITE_CONTACT_EMAIL", "contact@mailleurs.example.org")
STALE_FICHE_MONTHS = env_int("STALE_FICHE_MONTHS", 12)

# Spreadsheet imports (/import/): the largest file accepted, in megabytes. A reverse proxy in
# front must accept at least this much (nginx: client_max_body_size).
IMPORT_MAX_MEGABYTES = env_int("IMPORT_MAX_MEGABYTES", 10)
# A file heavier than this (kilobytes; 64 is a few hundred rows, a few seconds of work) is
# previewed, previewed again and imported as a background task (/taches/<id>/) with a progress
# bar; a lighter one at once, in the request. 0 sends every file to the background.
IMPORT_BACKGROUND_KILOBYTES = env_int("IMPORT_BACKGROUND_KILOBYTES", 64)
# A directory export of more rows than this runs as a background task (/taches/<id>/), for a
# signed-in user; smaller ones are sent at once.
EXPORT_BACKGROUND_ROWS = env_int("EXPORT_BACKGROUND_ROWS", 5000)
# django-import-export escapes formulas in its own exports too (the site's exports already do).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

# The mailleur grid: how many days a private answering link stays valid.
GRID_LINK_DAYS = env_int("GRID_LINK_DAYS", 60)

# Experience sheets: the largest files accepted (megabytes), and the largest image in pixels
# (width × height: a small file may decode to a huge image). Larger images are scaled down to
# EXPERIENCE_IMAGE_MAX_SIDE pixels on their longer side. A reverse proxy in front must accept
# the whole form (nginx: client_max_body_size).
EXPERIENCE_IMAGE_MAX_MEGABYTES = env_int("EXPERIENCE_IMAGE_MAX_MEGABYTES", 5)
EXPERIENCE_DOCUMENT_MAX_MEGABYTES = env_int("EXPERIENCE_DOCUMENT_MAX_MEGABYTES", 10)
EXPERIENCE_IMAGE_MAX_PIXELS = env_int("EXPERIENCE_IMAGE_MAX_PIXELS", 40000000)
EXPERIENCE_IMAGE_MAX_SIDE = env_int("EXPERIENCE_IMAGE_MAX_SIDE", 2400)
