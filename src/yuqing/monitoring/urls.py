from django.urls import path

from yuqing.monitoring import views, views_duty

app_name = "monitoring"
urlpatterns = [
    path("", views.scheme_list, name="schemes"),
    path("new/", views.scheme_edit, name="scheme_new"),
    path("preview/", views.scheme_preview, name="preview"),
    path("<int:pk>/", views.scheme_detail, name="scheme"),
    path("<int:pk>/edit/", views.scheme_edit, name="scheme_edit"),
    path("<int:pk>/toggle/", views.scheme_toggle, name="scheme_toggle"),
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert_acknowledge"),
    path("alerts/<int:pk>/escalate/", views.alert_escalate, name="alert_escalate"),
    path("alerts/<int:pk>/take/", views.alert_take, name="alert_take"),
    path("duty/", views_duty.calendar, name="duty"),
    path("duty/shifts/", views_duty.shift_add, name="shift_add"),
    path("duty/rotation/", views_duty.rotation, name="rotation"),
    path("duty/shifts/<int:pk>/delete/", views_duty.shift_delete, name="shift_delete"),
    path("duty/shifts/<int:pk>/handover/", views_duty.handover, name="handover"),
]
