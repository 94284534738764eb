from django.urls import path

from yuqing.incidents import views, views_edit

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list, name="list"),
    path("new/", views.incident_new, name="new"),
    path("from-event/<str:key>/", views.open_from_event, name="from_event"),
    path("<int:pk>/", views.incident_detail, name="detail"),
    path("<int:pk>/respond/", views_edit.respond, name="respond"),
    path("<int:pk>/edit/", views_edit.edit, name="edit"),
    path("<int:pk>/members/", views_edit.add_member, name="member_add"),
    path("<int:pk>/members/<int:member_id>/remove/", views_edit.remove_member, name="member_remove"),
    path("<int:pk>/tasks/", views_edit.add_task, name="task_add"),
    path("<int:pk>/tasks/<int:task_id>/done/", views_edit.task_done, name="task_done"),
    path("<int:pk>/entries/", views_edit.add_entry, name="entry_add"),
    path("<int:pk>/statements/", views_edit.add_statement, name="statement_add"),
    path("<int:pk>/events/", views_edit.link_event, name="event_link"),
    path("<int:pk>/documents/", views_edit.set_document, name="document_set"),
    path("<int:pk>/report-request/", views_edit.request_report, name="report_request"),
    path("<int:pk>/close/", views_edit.close, name="close"),
]
