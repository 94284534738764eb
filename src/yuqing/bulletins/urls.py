from django.urls import path

from yuqing.bulletins import views

app_name = "bulletins"
urlpatterns = [
    path("", views.issue_list, name="list"),
    path("<int:pk>/", views.issue_detail, name="detail"),
    path("<int:pk>/do/<str:verb>/", views.act, name="act"),
    path("<int:pk>/export.<str:kind>", views.export, name="export"),
]
