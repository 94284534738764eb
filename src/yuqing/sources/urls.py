from django.urls import path

from yuqing.sources import import_views, views

app_name = "sources"
urlpatterns = [
    path("", views.source_list, name="list"),
    path("add/", views.source_add, name="add"),
    path("quarantine/", views.quarantine_list, name="quarantine"),
    path("import/", import_views.import_start, name="import"),
    path("import/<int:pk>/", import_views.import_job, name="import_job"),
    path("<int:pk>/", views.source_detail, name="detail"),
    path("<int:pk>/toggle/", views.source_toggle, name="toggle"),
    path("<int:pk>/collect/", views.source_collect, name="collect"),
]
