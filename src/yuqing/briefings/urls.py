from django.urls import path

from yuqing.briefings import views

app_name = "briefings"
urlpatterns = [
    path("", views.briefing_list, name="list"),
    path("dashboard.json", views.dashboard_data, name="dashboard_data"),
    path("map.geojson", views.map_file, name="map_file"),
    path("incident/<int:pk>/", views.for_incident, name="incident"),
    path("<int:pk>/", views.briefing_detail, name="detail"),
    path("<int:pk>/edit/", views.briefing_edit, name="edit"),
    path("<int:pk>/<str:step>/", views.briefing_step, name="step"),
    path("<int:pk>/file.<str:fmt>", views.briefing_file, name="file"),
]
