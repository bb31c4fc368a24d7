"""RSS 2.0 and Atom feeds of news, site-wide and per topic."""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from amicc.pages.models import NewsPage, Topic

FEED_LENGTH = 30


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed
    description_template = None

    def get_object(self, request, slug: str | None = None):
        self.request = request
        return get_object_or_404(Topic, slug=slug) if slug else None

    def title(self, topic) -> str:
        return f"AMICC news: {topic.name}" if topic else "AMICC news"

    def link(self, topic) -> str:
        return topic.get_absolute_url() or "/" if topic else "/"

    def description(self, topic) -> str:
        if topic:
            return f"News from the coalition on {topic.name}."
        return "News from the American NGO Coalition for the International Criminal Court."

    def items(self, topic):
        queryset = NewsPage.objects.live().public().defer_streamfields()
        if topic:
            queryset = queryset.filter(topics=topic)
        return queryset.order_by("-date", "-pk")[:FEED_LENGTH]

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.intro

    def item_link(self, item: NewsPage) -> str:
        return item.get_full_url(self.request) or f"{settings.SITE_URL}{item.url_path}"

    def item_pubdate(self, item: NewsPage):
        return datetime.combine(item.date, time(12), tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, item: NewsPage):
        return item.last_published_at

    def item_author_name(self, item: NewsPage) -> str:
        return item.author


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
