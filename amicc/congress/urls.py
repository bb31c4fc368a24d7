from django.urls import path

from amicc.congress import views

app_name = "congress"

urlpatterns = [
    path("representatives/", views.RepresentativesView.as_view(), name="representatives"),
]
