from django.urls import path

from amicc.outreach import views

app_name = "outreach"

urlpatterns = [
    path("request-a-presentation/", views.presentation_request, name="request"),
    path(
        "request-a-presentation/thanks/",
        views.presentation_request_thanks,
        name="request_thanks",
    ),
    path(
        "request-a-presentation/feedback/<str:token>/",
        views.presentation_feedback,
        name="feedback",
    ),
    path("presentations/", views.presentations, name="presentations"),
    path("in-the-news/", views.in_the_news, name="in_the_news"),
]
