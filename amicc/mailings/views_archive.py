"""The public archive: the newsletters that were sent and marked public.

Both pages are the same for everyone, so the anonymous page cache keeps them whole; the
web version of a newsletter is also kept per content generation, since rendering its
blocks reads the pages, events and campaigns they name. Nothing personal is on them: the
web version has no greeting, alliance line, representatives or links of a recipient.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from amicc.core.page_cache import remember
from amicc.mailings.choices import NewsletterStatus
from amicc.mailings.models import Newsletter
from amicc.mailings.rendering import newsletter_web_html

PER_PAGE = 20


def _archived():
    return Newsletter.objects.filter(status=NewsletterStatus.SENT, is_public=True)


@require_GET
def archive_list(request: HttpRequest) -> HttpResponse:
    newsletters = _archived().only("title", "slug", "preheader", "started_at", "finished_at")
    page = Paginator(newsletters.order_by("-finished_at", "-pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "mailings/archive.html", {"page": page})


@require_GET
def archive_detail(request: HttpRequest, slug: str) -> HttpResponse:
    newsletter = get_object_or_404(_archived(), slug=slug)
    key = f"newsletter-web:{newsletter.pk}:{newsletter.updated_at.timestamp()}"
    body = remember(key, lambda: newsletter_web_html(newsletter))
    return render(request, "mailings/archive_detail.html", {"newsletter": newsletter, "body": body})
