from django.urls import path

from amicc.funding import views

app_name = "funding"

urlpatterns = [
    path("funders/", views.funder_list, name="funders"),
]
