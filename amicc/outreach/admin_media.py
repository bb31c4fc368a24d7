"""Media coverage and media contacts in the admin, and the coverage dashboard.

Coordinators reach the coverage credited to the alliances they coordinate, staff reach all
of it (the policy below); the forms save through `services.media`. Media contacts are
journalists' details: staff-only and never on a public page. The dashboard at
/admin/outreach/media/dashboard/ counts what the user reaches.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from amicc.coalition.models import Alliance
from amicc.coalition.permissions import (
    CoalitionPermissionPolicy,
    EditView,
    IndexView,
    ReachableChooserViewSet,
    ReachableDeleteBulkAction,
    ReachableViewSetMixin,
    reachable,
)
from amicc.core.admin_forms import ServiceSaveMixin
from amicc.outreach.charts import coverage_chart
from amicc.outreach.forms_admin import STAFF_CREDIT, MediaCoverageFilterSet, MediaCoverageForm
from amicc.outreach.models import MediaContact, MediaCoverage, PresentationRequest, Speaker
from amicc.outreach.selectors import coverage_dashboard
from amicc.outreach.services.media import (
    EDITABLE_FIELDS,
    media_coverage_log,
    media_coverage_update,
)

DASHBOARD_URL_NAME = "outreach_media:dashboard"
VIEW_COVERAGE = "outreach.view_mediacoverage"


def _coverage_in_reach(user) -> QuerySet[MediaCoverage]:
    return MediaCoverage.objects.filter(alliance__in=reachable(Alliance, user))


register_permission_policy(
    MediaCoverage, CoalitionPermissionPolicy(MediaCoverage, scope=_coverage_in_reach)
)
register_permission_policy(MediaContact, CoalitionPermissionPolicy(MediaContact))


def _coverage_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.fields}


class MediaCoverageCreateView(ServiceSaveMixin, snippets.CreateView):
    def save_instance(self):
        return media_coverage_log(by=self.request.user, **_coverage_data(self.form))


class MediaCoverageEditView(ServiceSaveMixin, EditView):
    def save_instance(self):
        return media_coverage_update(
            item=self.object, by=self.request.user, data=_coverage_data(self.form)
        )


class OutreachDeleteBulkAction(ReachableDeleteBulkAction):
    """Also for the staff-only models: Wagtail's own would name records a user cannot reach."""

    models = [MediaCoverage, MediaContact, PresentationRequest, Speaker]


class MediaCoverageViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = MediaCoverage
    icon = "doc-full"
    menu_label = _("Media coverage")
    menu_order = 200
    add_view_class = MediaCoverageCreateView
    edit_view_class = MediaCoverageEditView
    list_display = [
        "headline",
        "outlet",
        "published_on",
        "kind",
        Column("credited", label=_("Credited to"), sort_key="credited"),
        "estimated_reach",
        "featured",
    ]
    filterset_class = MediaCoverageFilterSet
    search_fields = ["headline", "outlet"]
    list_export = [
        "published_on", "outlet", "headline", "url", "get_kind_display", "credited",
        "estimated_reach", "featured",
    ]  # fmt: skip
    export_headings = {"get_kind_display": "Kind", "credited": "Credited to"}
    export_filename = "media-coverage"
    inspect_view_fields = [
        "headline", "outlet", "published_on", "url", "kind", "alliance", "topics",
        "estimated_reach", "featured", "logged_by", "created_at",
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            FieldPanel("headline"),
            FieldPanel("outlet"),
            FieldPanel("published_on"),
            FieldPanel("url"),
            FieldPanel("kind"),
            FieldPanel("alliance", widget=forms.Select),
            FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            FieldPanel("estimated_reach"),
            FieldPanel("featured", permission="coalition.manage_coalition"),
        ],
        base_form_class=MediaCoverageForm,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("alliance")
            .annotate(credited=Coalesce("alliance__name", Value(STAFF_CREDIT)))
        )


class MediaContactViewSet(SnippetViewSet):
    model = MediaContact
    icon = "mail"
    menu_label = _("Media contacts")
    menu_order = 210
    index_view_class = IndexView  # defuses spreadsheet formulas in the CSV export
    copy_view_enabled = False
    # Wagtail's own chooser lists every record to anyone with admin access.
    chooser_viewset_class = ReachableChooserViewSet
    search_backend_name = None
    list_display = ["name", "outlet", "beat", "email", "phone"]
    search_fields = ["name", "outlet", "beat", "email"]
    list_export = ["name", "outlet", "beat", "email", "phone", "notes"]
    export_filename = "media-contacts"


class CoverageDashboardView(WagtailAdminTemplateMixin, TemplateView):
    """Coverage of the last 12 months by month, alliance and kind; a coordinator's own only."""

    page_title = _("Media coverage dashboard")
    header_icon = "doc-full"
    template_name = "outreach/admin/coverage_dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_COVERAGE):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        listing = reverse(MediaCoverage.snippet_viewset.get_url_name("list"))
        return [
            *super().get_breadcrumbs_items(),
            {"url": listing, "label": "Media coverage"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = reachable(MediaCoverage, self.request.user)
        dashboard = coverage_dashboard(items, today=timezone.localdate())
        return {**context, "dashboard": dashboard, "chart": coverage_chart(dashboard.months)}


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_COVERAGE)


def admin_urls() -> list:
    return [path("dashboard/", CoverageDashboardView.as_view(), name="dashboard")]


def dashboard_menu_item() -> MenuItem:
    return CoverageMenuItem(
        "Media coverage dashboard",
        reverse(DASHBOARD_URL_NAME),
        name="media-coverage-dashboard",
        icon_name="doc-full",
        order=910,
    )


VIEWSETS = [MediaCoverageViewSet, MediaContactViewSet]
