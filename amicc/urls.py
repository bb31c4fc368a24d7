from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from amicc.coalition.admin_views import GuardedSiteHistoryView
from amicc.core.uploads import serve_document, serve_media
from amicc.pages import routing as page_routing
from amicc.pages import views as page_views

handler400 = "amicc.core.errors.bad_request"
handler500 = "amicc.core.errors.server_error"

# Ahead of Wagtail's own routes for the same report: see GuardedSiteHistoryView.
site_history = GuardedSiteHistoryView.as_view()
site_history_results = GuardedSiteHistoryView.as_view(results_only=True)

urlpatterns = [
    path("admin/reports/site-history/", site_history),
    path("admin/reports/site-history/results/", site_history_results),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    # Wagtail's document view with the headers of amicc.core.uploads.protect_served_file.
    re_path(r"^documents/(\d+)/(.*)$", serve_document),
    # Wagtail's password forms of private documents and pages: see pages.views.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        page_views.document_password,
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", page_views.robots_txt, name="robots"),
    path("", include("amicc.api.urls")),
]

if settings.ANYMAIL.get("WEBHOOK_SECRET"):
    # The mail provider's bounce and complaint webhooks; without a shared secret anyone could
    # post to them, so they exist only once one is configured.
    urlpatterns.append(path("anymail/", include("amicc.mailings.webhook_urls")))

if settings.AMICC_SERVE_MEDIA:
    # Images and their renditions; documents only go through /documents/, which checks
    # their privacy. A reverse proxy may serve MEDIA_ROOT instead.
    urlpatterns.append(
        re_path(
            r"^media/(?!documents/)(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# The public site, in English at its plain paths and in Spanish under /es/.
urlpatterns += i18n_patterns(
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_views.page_password,
    ),
    path("account/", include("amicc.accounts.urls")),
    path("", include("amicc.coalition.urls")),
    path("", include("amicc.congress.urls")),
    path("", include("amicc.icc.urls")),
    path("", include("amicc.events.urls")),
    path("", include("amicc.polls.urls")),
    path("", include("amicc.outreach.urls")),
    path("", include("amicc.funding.urls")),
    path("", include("amicc.mailings.urls")),
    path("", include("amicc.pages.urls")),
    # Wagtail's own views under _util/ (a private page's password and login forms) come
    # before its page view in wagtail_urls; this page view must leave them to it.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", page_routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
