"""RSS 2.0 and Atom feeds of news, site-wide and per topic."""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from amicc.pages.models import NewsPage, Topic
from amicc.pages.selectors import in_active_locale

FEED_LENGTH = 30


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed
    description_template = None

    def get_object(self, request, slug: str | None = None):
        self.request = request
        return get_object_or_404(Topic, slug=slug) if slug else None

    def title(self, topic) -> str:
        if topic:
            return _("AMICC news: %(topic)s") % {"topic": topic.name}
        return _("AMICC news")

    def link(self, topic) -> str:
        home = reverse("wagtail_serve", args=[""])
        return topic.get_absolute_url() or home if topic else home

    def description(self, topic) -> str:
        if topic:
            return _("News from the coalition on %(topic)s.") % {"topic": topic.name}
        return _("News from the American NGO Coalition for the International Criminal Court.")

    def items(self, topic):
        queryset = in_active_locale(NewsPage.objects.live().public()).defer_streamfields()
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
