"""Public read endpoints: (URL prefix, router) pairs, added to the API in this order."""

from amicc.api.public import coalition, congress, events, icc, pages, polls

ROUTERS: list = [
    ("/publications", pages.publications_router),
    ("/news", pages.news_router),
    ("/topics", pages.topics_router),
    ("/events", events.router),
    ("/alliances", coalition.alliances_router),
    ("/organizations", coalition.organizations_router),
    ("", congress.legislators_router),
    ("/watchlist", congress.watchlist_router),
    ("", icc.states_router),
    ("", icc.court_router),
    ("/polls", polls.router),
]
