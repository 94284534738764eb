from django.urls import path

from yuqing.documents import views, views_work

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("selection/", views_work.selection, name="selection"),
    path("export.xlsx", views_work.export_results, name="export"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/correct/", views.document_correct, name="correct"),
    path("events/<str:key>/", views.event_detail, name="event"),
]
