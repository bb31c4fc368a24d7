from django.urls import path

from amicc.coalition import views

app_name = "coalition"

urlpatterns = [
    path("members/", views.member_list, name="members"),
    path("members/<slug:slug>/", views.organization_detail, name="organization"),
    path("alliances/", views.alliance_list, name="alliances"),
    # Fixed paths come before an alliance's own: no alliance may be called "join" or "confirm".
    path("alliances/join/", views.alliance_nearest, name="alliance-nearest"),
    path("alliances/join/sent/", views.interest_sent, name="interest-sent"),
    path("alliances/confirm/<str:token>/", views.signup_confirm_view, name="signup-confirm"),
    path("alliances/<slug:slug>/", views.alliance_detail, name="alliance"),
    path("alliances/<slug:slug>/join/", views.alliance_join, name="alliance-join"),
    path("alliances/<slug:slug>/join/sent/", views.alliance_join_sent, name="alliance-join-sent"),
    path("join/", views.organization_apply, name="join"),
    path("join/thanks/", views.organization_apply_thanks, name="join-thanks"),
]
