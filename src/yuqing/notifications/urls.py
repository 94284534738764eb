from django.urls import path

from yuqing.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read/", views.read, name="read"),
    path("<int:pk>/open/", views.open_notification, name="open"),
    path("channels/", views.channel_list, name="channels"),
    path("channels/add/", views.channel_add, name="channel_add"),
    path("channels/<int:pk>/", views.channel_edit, name="channel_edit"),
    path("channels/<int:pk>/toggle/", views.channel_toggle, name="channel_toggle"),
    path("channels/<int:pk>/test/", views.channel_test, name="channel_test"),
    path("channels/<int:pk>/delete/", views.channel_delete, name="channel_delete"),
    path("deliveries/", views.delivery_list, name="deliveries"),
    path("deliveries/<int:pk>/retry/", views.delivery_retry, name="delivery_retry"),
]
