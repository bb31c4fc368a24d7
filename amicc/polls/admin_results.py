"""The results side of polls in the admin: response exports and district population margins.

`/admin/polls/<pk>/export/?format=csv|xlsx` streams a poll's anonymized responses to the
coalition's staff and to the poll's alliance coordinators; a poll outside the user's reach
answers 404 and an unknown format 400. The "Population margins" listing, for staff only,
holds the shares that weighted polls rake to. Imported by `PollsConfig.ready`.
"""

import tempfile
from decimal import Decimal

from django import forms
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from amicc.coalition.permissions import (
    CoalitionPermissionPolicy,
    IndexView,
    ReachableChooserViewSet,
    ReachableDeleteBulkAction,
    reachable,
)
from amicc.polls.choices import DEMOGRAPHIC_CATEGORIES
from amicc.polls.export import (
    ExportFormatError,
    check_export_format,
    export_csv,
    export_filename,
    export_xlsx,
)
from amicc.polls.models import DistrictPopulationMargin, Poll

EXPORT_URL_NAME = "polls_results_admin:export"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# No scope: only the coalition's staff reach the margins.
register_permission_policy(
    DistrictPopulationMargin, CoalitionPermissionPolicy(DistrictPopulationMargin)
)


def poll_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The poll's responses as a file; the poll is looked up within the user's reach."""
    poll = get_object_or_404(reachable(Poll, request.user), pk=pk)
    try:
        file_format = check_export_format(file_format=request.GET.get("format", "csv"))
    except ExportFormatError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    filename = export_filename(poll=poll, file_format=file_format)
    if file_format == "csv":
        response = StreamingHttpResponse(
            export_csv(poll=poll), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    workbook = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response
    export_xlsx(poll=poll, stream=workbook)
    workbook.seek(0)
    return FileResponse(workbook, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


@hooks.register("register_admin_urls")
def register_results_admin_urls():
    patterns = [path("<int:pk>/export/", poll_export, name="export")]
    return [path("polls/", include((patterns, "polls_results_admin")))]


@hooks.register("register_snippet_listing_buttons")
def poll_results_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Poll):
        return []
    export = reverse(EXPORT_URL_NAME, kwargs={"pk": snippet.pk})
    return [
        Button(
            _("Results"), url=reverse("polls:results", kwargs={"slug": snippet.slug}), priority=60
        ),
        Button(_("Export responses (CSV)"), url=f"{export}?format=csv", priority=61),
        Button(_("Export responses (XLSX)"), url=f"{export}?format=xlsx", priority=62),
    ]


class DistrictPopulationMarginForm(WagtailAdminModelForm):
    def clean_share(self) -> Decimal:
        share = self.cleaned_data.get("share")
        if share is not None and not Decimal(0) <= share <= Decimal(1):
            raise forms.ValidationError(_("A share is between 0 and 1, such as 0.2350 for 23.5%."))
        return share

    def clean(self):
        cleaned = super().clean()
        dimension, category = cleaned.get("dimension"), cleaned.get("category")
        if dimension in DEMOGRAPHIC_CATEGORIES:
            categories = DEMOGRAPHIC_CATEGORIES[dimension]
            if category and category not in categories.values:
                self.add_error(
                    "category",
                    _("Not a category of %(dimension)s: use one of %(categories)s.")
                    % {"dimension": dimension, "categories": ", ".join(categories.values)},
                )
        return cleaned


class DistrictPopulationMarginViewSet(SnippetViewSet):
    model = DistrictPopulationMargin
    icon = "group"
    menu_label = gettext_lazy("Population margins")
    menu_order = 510
    add_to_admin_menu = False
    index_view_class = IndexView
    copy_view_enabled = False
    # Wagtail's own chooser lists every record to anyone with admin access.
    chooser_viewset_class = ReachableChooserViewSet
    edit_handler = ObjectList(
        [FieldPanel(name) for name in ("state", "district", "dimension", "category", "share")],
        base_form_class=DistrictPopulationMarginForm,
    )
    list_display = ["state", "district", "dimension", "category", "share"]
    list_filter = ["dimension", "state"]
    list_export = ["state", "district", "dimension", "category", "share"]
    export_filename = "district-population-margins"
    search_fields = ["state", "category"]
    search_backend_name = None


register_snippet(DistrictPopulationMarginViewSet)


class MarginDeleteBulkAction(ReachableDeleteBulkAction):
    """Wagtail's own bulk delete would name the margins to anyone with admin access."""

    models = [DistrictPopulationMargin]


# After Wagtail's own bulk delete (order 0), so this one is what the margins get.
hooks.register("register_bulk_action", MarginDeleteBulkAction, order=1)
