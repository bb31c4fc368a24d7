from django.urls import path

from amicc.events import views

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/past/", views.event_past, name="past"),
    path("events/calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("events/alliances/<slug:slug>/calendar.ics", views.alliance_ics, name="alliance_ics"),
    path("events/rsvp/cancel/<str:token>/", views.cancel, name="cancel"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("events/<slug:slug>/thanks/", views.rsvp_thanks, name="rsvp_thanks"),
    path("events/<slug:slug>/event.ics", views.event_ics, name="event_ics"),
]
