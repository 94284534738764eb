from django.urls import path

from yuqing.submissions.views import decide, items, needs, quotas, reports

app_name = "submissions"
urlpatterns = [
    path("", items.submission_list, name="list"),
    path("new/", items.submission_create, name="create"),
    path("review/", reports.review_queue, name="review"),
    path("deadlines/", reports.deadline_board, name="deadlines"),
    path("instructions/", reports.task_list, name="tasks"),
    path("tasks/<int:task_id>/complete/", decide.complete_task, name="complete_task"),
    path("ranking/", reports.ranking, name="ranking"),
    path("assessment/", reports.assessment, name="assessment"),
    path("quotas/", quotas.quota_page, name="quotas"),
    path("needs/", needs.need_list, name="needs"),
    path("needs/new/", needs.need_create, name="need_create"),
    path("needs/<int:pk>/", needs.need_detail, name="need"),
    path("needs/<int:pk>/do/<str:verb>/", needs.need_act, name="need_act"),
    path("needs/<int:pk>/files/<int:attachment_id>/", needs.need_file, name="need_file"),
    path("<int:pk>/", items.submission_detail, name="detail"),
    path("<int:pk>/edit/", items.submission_edit, name="edit"),
    path("<int:pk>/follow-up/", items.follow_up, name="follow_up"),
    path("<int:pk>/diff/", items.version_diff, name="diff"),
    path("<int:pk>/do/<str:verb>/", decide.act, name="act"),
    path("<int:pk>/files/<int:attachment_id>/", items.attachment_download, name="attachment"),
    path("<int:pk>/files/<int:attachment_id>/remove/", decide.remove_attachment, name="remove_attachment"),
]
