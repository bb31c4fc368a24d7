from django.urls import path

from amicc.mailings import views_archive, views_links

app_name = "mailings"

urlpatterns = [
    path("newsletters/", views_archive.archive_list, name="archive"),
    path("newsletters/unsubscribe/<str:token>/", views_links.unsubscribe, name="unsubscribe"),
    path("newsletters/preferences/", views_links.preferences_request, name="preferences_request"),
    path("newsletters/preferences/<str:token>/", views_links.preferences, name="preferences"),
    path("newsletters/<slug:slug>/", views_archive.archive_detail, name="archive_detail"),
]
