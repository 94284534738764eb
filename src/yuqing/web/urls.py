from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from yuqing.web import views
from yuqing.web.api import build_api

help_patterns = ([path("rules/", views.rules_help, name="rules")], "help")

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("documents/", include("yuqing.documents.urls")),
    path("sources/", include("yuqing.sources.urls")),
    path("help/", include(help_patterns)),
    path("healthz", views.health, name="health"),
    path("admin/", admin.site.urls),
    path("api/", build_api().urls),
]
