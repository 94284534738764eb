from django.urls import path

from yuqing.sources import views

app_name = "sources"
urlpatterns = [
    path("", views.source_list, name="list"),
    path("add/", views.source_add, name="add"),
    path("quarantine/", views.quarantine_list, name="quarantine"),
    path("<int:pk>/", views.source_detail, name="detail"),
    path("<int:pk>/toggle/", views.source_toggle, name="toggle"),
    path("<int:pk>/collect/", views.source_collect, name="collect"),
]
