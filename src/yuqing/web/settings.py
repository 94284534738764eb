"""Django settings for yuqing, derived from the one Config object (see yuqing.config)."""

from __future__ import annotations

import secrets
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
    "yuqing.accounts",
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
        },
    }
]

DATABASES = {"default": _config.database_settings(CONFIG.database_url)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {"yuqing": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

YUQING = CONFIG
