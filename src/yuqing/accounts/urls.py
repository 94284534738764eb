from django.urls import path

from yuqing.accounts import views

app_name = "account"
urlpatterns = [
    path("password/", views.password_change, name="password"),
    path("lockouts/", views.lockout_list, name="lockouts"),
    path("lockouts/lift/", views.lockout_lift, name="lockout_lift"),
]
