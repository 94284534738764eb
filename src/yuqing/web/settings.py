"""Django settings for yuqing, derived from the one Config object (see yuqing.config)."""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

from yuqing import config as _config

CONFIG = _config.load()
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _secret_key() -> str:
    if CONFIG.secret_key:
        return CONFIG.secret_key
    key_file = CONFIG.home / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    # No workspace yet (tests, a bare `yuqing search`): a per-process key keeps sessions
    # unforgeable; `yuqing init` writes a persistent one.
    return secrets.token_urlsafe(50)


SECRET_KEY = _secret_key()
DEBUG = CONFIG.debug
ALLOWED_HOSTS = CONFIG.allowed_hosts + (["testserver"] if DEBUG else [])

# The domain apps, in dependency order. Each may offer urls.py (mounted at /<app>/), api.py
# (a `router`, mounted at /api/<app>/), demo.py (a `seed()` for `yuqing demo`) and register its
# navigation entries and background jobs in AppConfig.ready().
DOMAIN_APPS = [
    "sources", "documents", "units", "notifications", "monitoring", "submissions", "bulletins",
    "forwarding", "incidents", "releases", "briefings",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "axes",  # login throttling and lockouts (yuqing.accounts.throttle says why this library)
    "yuqing.accounts",
    "yuqing.work",
    "yuqing.web",
] + [f"yuqing.{app}" for app in DOMAIN_APPS]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "yuqing.sources.middleware.UploadSizeLimitMiddleware",  # before CSRF, which reads the body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "yuqing.web.middleware.ContentSecurityPolicyMiddleware",
    "yuqing.web.middleware.FriendlyErrorMiddleware",
    "yuqing.web.middleware.RoleMatrixMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a lockout into its 429 page
]

ROOT_URLCONF = "yuqing.web.urls"
WSGI_APPLICATION = "yuqing.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "yuqing.web.context.navigation",
                "yuqing.notifications.context.unread",
            ],
            # {{ user|person }}: people are shown by name on every page (yuqing.accounts.people).
            "builtins": ["yuqing.accounts.templatetags.people"],
        },
    }
]

DATABASES = {"default": _config.database_settings(CONFIG.database_url)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A government office's password policy (docs/deployment.md): length, three character classes,
# not one of the last N, not common, not all digits, not close to the user's name.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": CONFIG.password_min_length}},
    {"NAME": "yuqing.accounts.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "yuqing.accounts.passwords.PasswordHistoryValidator", "OPTIONS": {"remember": CONFIG.password_history}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]

# Failed logins and bad API tokens, counted per account and per address (django-axes).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = CONFIG.login_failures
AXES_COOLOFF_TIME = timedelta(minutes=CONFIG.login_cooloff_minutes)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks: an account, or an address
# A success forgives that account's failures only (yuqing.accounts.throttle.on_logged_in): axes' own reset
# also drops the address's rows, guesses at other accounts included.
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # locked for the cool-off from the lockout, as the page says
AXES_CLIENT_IP_CALLABLE = "yuqing.accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "yuqing.accounts.throttle.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["yuqing.web.formats"]  # ISO values in date inputs (yuqing/web/formats)
USE_I18N = True
TIME_ZONE = CONFIG.time_zone
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = None  # static files are served from the package by WhiteNoise finders
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = CONFIG.home / "media"
MEDIA_URL = "/media/"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads it to send the header
# Behind an HTTPS reverse proxy (YUQING_HTTPS=1, docs/deployment.md): cookies never travel in clear text.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = CONFIG.https
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if CONFIG.https else None
CSRF_TRUSTED_ORIGINS = [CONFIG.base_url] if CONFIG.https and CONFIG.base_url.startswith("https://") else []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"client_errors_in_one_line": {"()": "yuqing.web.log_filters.ClientErrorsInOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "yuqing": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Django's own warnings and errors, in the same format; a 403 or 404 is one line, not a traceback
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.request": {"filters": ["client_errors_in_one_line"]},
    },
}

YUQING = CONFIG
