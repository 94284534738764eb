from django.urls import path

from yuqing.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/correct/", views.document_correct, name="correct"),
    path("events/<str:key>/", views.event_detail, name="event"),
]
