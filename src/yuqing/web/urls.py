from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from yuqing.web import views
from yuqing.web.api import build_api

help_patterns = ([path("rules/", views.rules_help, name="rules")], "help")


def app_patterns() -> list:
    """Mount each domain app's urls.py at /<app>/ (its app_name is the namespace)."""
    return [path(f"{app}/", include(f"yuqing.{app}.urls")) for app in settings.DOMAIN_APPS
            if find_spec(f"yuqing.{app}.urls") is not None]


urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("yuqing.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("help/", include(help_patterns)),
    path("healthz", views.health, name="health"),
    path("admin/", admin.site.urls),
    path("api/", build_api().urls),
    *app_patterns(),
]
