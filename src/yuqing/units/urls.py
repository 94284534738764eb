from django.urls import path

from yuqing.units import user_views, views

app_name = "units"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("add/", views.unit_form, name="add"),
    path("import/", views.unit_import, name="import"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/edit/", views.unit_form, name="edit"),
    path("officers/", views.officer_list, name="officers"),
    path("officers/add/", views.officer_form, name="officer_add"),
    path("officers/import/", user_views.roster_import, name="roster_import"),
    path("officers/<int:pk>/", views.officer_detail, name="officer"),
    path("officers/<int:pk>/edit/", views.officer_form, name="officer_edit"),
    path("trainings/", views.training_list, name="trainings"),
    path("trainings/add/", views.training_form, name="training_add"),
    path("trainings/<int:pk>/", views.training_detail, name="training"),
    path("trainings/<int:pk>/attendance/", views.training_attendance, name="attendance"),
    path("users/", user_views.user_list, name="users"),
    path("users/add/", user_views.user_add, name="user_add"),
    path("users/<int:pk>/", user_views.user_detail, name="user"),
    path("users/<int:pk>/edit/", user_views.user_edit, name="user_edit"),
    path("users/<int:pk>/password/", user_views.user_password, name="user_password"),
    path("users/<int:pk>/deactivate/", user_views.user_deactivate, name="user_deactivate"),
    path("users/<int:pk>/activate/", user_views.user_activate, name="user_activate"),
]
