from django.urls import path, re_path

from amicc.api.api import api
from amicc.api.views import unknown_endpoint

urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/", unknown_endpoint),
]
