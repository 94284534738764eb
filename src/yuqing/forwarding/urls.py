from django.urls import path

from yuqing.forwarding import views

app_name = "forwarding"
urlpatterns = [
    path("", views.batch_list, name="list"),
    path("<int:pk>/", views.batch_detail, name="detail"),
    path("<int:pk>/do/<str:verb>/", views.act, name="act"),
    path("<int:pk>/export.<str:kind>", views.export, name="export"),
    path("<int:pk>/evidence/<int:entry_id>/", views.evidence, name="evidence"),
]
