from django.urls import path

from amicc.congress.views import legislators, letters, representatives, scorecard, watchlist

app_name = "congress"

urlpatterns = [
    path(
        "representatives/",
        representatives.RepresentativesView.as_view(),
        name="representatives",
    ),
    path(
        "congress/legislators/<str:bioguide_id>/",
        legislators.legislator_detail,
        name="legislator",
    ),
    path("congress/watchlist/", watchlist.watchlist, name="watchlist"),
    path("congress/watchlist/feed/", watchlist.watchlist_feed, name="watchlist_feed"),
    path("congress/watchlist/<slug:slug>/", watchlist.watchlist_item, name="watchlist_item"),
    path("congress/scorecard/", scorecard.scorecard, name="scorecard"),
    path("act/<slug:slug>/", letters.action_alert, name="action_alert"),
    path("act/<slug:slug>/sent/", letters.action_alert_sent, name="action_alert_sent"),
    path(
        "act/<slug:slug>/subscribe/<str:token>/",
        letters.action_alerts_subscribe,
        name="action_alerts_subscribe",
    ),
]
