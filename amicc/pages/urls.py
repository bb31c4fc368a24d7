from django.urls import path

from amicc.pages import feeds, views

app_name = "pages"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("feeds/news/rss/", feeds.NewsFeed(), name="news-rss"),
    path("feeds/news/atom/", feeds.NewsAtomFeed(), name="news-atom"),
    path("feeds/topics/<slug:slug>/rss/", feeds.NewsFeed(), name="topic-rss"),
    path("feeds/topics/<slug:slug>/atom/", feeds.NewsAtomFeed(), name="topic-atom"),
]
