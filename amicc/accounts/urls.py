from django.urls import path

from amicc.accounts import views

app_name = "accounts"

urlpatterns = [
    path("set-password/done/", views.set_password_done, name="set-password-done"),
    path("set-password/<str:uidb64>/<str:token>/", views.set_password, name="set-password"),
]
