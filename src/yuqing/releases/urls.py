from django.urls import path

from yuqing.releases import views_manage, views_public

app_name = "releases"
urlpatterns = [
    # public, no login
    path("", views_public.release_list, name="list"),
    path("<int:pk>/", views_public.release_detail, name="detail"),
    path("feed.xml", views_public.atom_feed, name="feed"),
    path("feed.json", views_public.json_feed, name="json"),
    # the office's pages
    path("manage/", views_manage.manage, name="manage"),
    path("manage/new/", views_manage.new, name="new"),
    path("manage/<int:pk>/", views_manage.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/do/<str:verb>/", views_manage.act, name="act"),
]
