from django.urls import path

from amicc.icc.views import delegation, public

app_name = "icc"

urlpatterns = [
    path("icc/", public.overview, name="overview"),
    path("icc/states/", public.states, name="states"),
    path("icc/states.csv", public.states_csv, name="states_csv"),
    path("icc/states.json", public.states_json, name="states_json"),
    path("icc/states-map.svg", public.states_map, name="states_map"),
    path("icc/states/<slug:slug>/", public.state, name="state"),
    path("icc/situations/", public.situations, name="situations"),
    path("icc/situations/<slug:slug>/", public.situation, name="situation"),
    path("icc/cases/<slug:slug>/", public.case, name="case"),
    path("icc/asp/", public.asp_sessions, name="asp_sessions"),
    path("icc/asp/<int:number>/", public.asp_session, name="asp_session"),
    path("icc/asp/<int:number>/delegation/", delegation.apply, name="delegation"),
    path("icc/asp/<int:number>/delegation/thanks/", delegation.thanks, name="delegation_thanks"),
    path("icc/asp/<int:number>/delegation/report/", delegation.report, name="delegation_report"),
    path(
        "icc/asp/<int:number>/delegation/withdraw/<str:token>/",
        delegation.withdraw,
        name="delegation_withdraw",
    ),
]
