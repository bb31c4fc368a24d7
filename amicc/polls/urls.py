from django.urls import path

from amicc.polls import views, views_results

app_name = "polls"

urlpatterns = [
    path("polls/", views.poll_index, name="index"),
    path("polls/<slug:slug>/", views.poll, name="poll"),
    path("polls/<slug:slug>/thanks/", views.poll_thanks, name="thanks"),
    path("polls/<slug:slug>/results/", views_results.results, name="results"),
]
