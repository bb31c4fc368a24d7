"""Office visits in the admin: the _("Office visits") viewset and the staff's district report.

Coordinators reach the visits of the alliances they coordinate, staff reach every visit
(the policy below). The listing and forms save through `services.visits`. Exports leave
out who was met for coordinators: it is personal data about congressional staffers, and a
file, unlike the admin, is neither narrowed to a reach nor logged; coordinators still see
it in their own visits' pages. The report at /admin/congress/visits/report/ is for staff.
"""

import math
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from amicc.coalition.models import Alliance
from amicc.coalition.permissions import (
    CoalitionPermissionPolicy,
    EditView,
    IndexView,
    InspectView,
    ReachableDeleteBulkAction,
    ReachableViewSetMixin,
    reachable,
    user_is_coalition_staff,
)
from amicc.coalition.tilemap import TILE_POSITIONS
from amicc.congress.choices import OfficeKind
from amicc.congress.forms_visits import STAFF_VISIT, OfficeVisitFilterSet, OfficeVisitForm
from amicc.congress.models import OfficeVisit, district_label
from amicc.congress.selectors_visits import (
    DistrictVisits,
    StateVisits,
    VisitCounts,
    VisitReport,
    office_visit_report,
)
from amicc.congress.services.visits import (
    EDITABLE_FIELDS,
    office_visit_log,
    office_visit_update,
)
from amicc.core.admin_forms import ServiceSaveMixin

REPORT_URL_NAME = "congress_visits_admin:report"


def _visits_in_reach(user) -> QuerySet[OfficeVisit]:
    return OfficeVisit.objects.filter(alliance__in=reachable(Alliance, user))


register_permission_policy(
    OfficeVisit, CoalitionPermissionPolicy(OfficeVisit, scope=_visits_in_reach)
)


def _seat(visit: OfficeVisit) -> str:
    if visit.office_kind == OfficeKind.STATE_LEGISLATURE:
        return gettext("%(state)s (state legislature)") % {"state": visit.get_state_display()}
    return district_label(visit.state, visit.district)


def _visit_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.fields}


class OfficeVisitCreateView(ServiceSaveMixin, snippets.CreateView):
    def save_instance(self):
        return office_visit_log(by=self.request.user, **_visit_data(self.form))


class OfficeVisitEditView(ServiceSaveMixin, EditView):
    def save_instance(self):
        return office_visit_update(
            visit=self.object, by=self.request.user, data=_visit_data(self.form)
        )


class OfficeVisitIndexView(IndexView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_staff = user_is_coalition_staff(request.user)
        if not self.is_staff:
            self.list_export = [name for name in self.list_export if name != "people_met"]

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.is_staff:
            report = reverse(REPORT_URL_NAME)
            buttons.append(Button(_("Visits by district"), url=report, icon_name="site"))
        return buttons


class OfficeVisitInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "-" if value is None else value

    def get_alliance_display_value(self):
        return self.object.alliance or STAFF_VISIT

    def get_district_display_value(self):
        return {None: "-", 0: _("At large")}.get(self.object.district, self.object.district)


class OfficeVisitDeleteBulkAction(ReachableDeleteBulkAction):
    models = [OfficeVisit]


# After Wagtail's own bulk delete (order 0), so this one is what office visits get.
hooks.register("register_bulk_action", OfficeVisitDeleteBulkAction, order=1)


class OfficeVisitViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = OfficeVisit
    icon = "calendar"
    menu_label = _("Office visits")
    menu_order = 300
    index_view_class = OfficeVisitIndexView
    add_view_class = OfficeVisitCreateView
    edit_view_class = OfficeVisitEditView
    inspect_view_class = OfficeVisitInspectView
    list_display = [
        "__str__",
        "office_kind",
        Column("seat", label=_("Seat"), accessor=_seat, sort_key="state"),
        Column("made_by", label=_("Made by"), sort_key="made_by"),
        "follow_up_on",
        "followed_up_on",
    ]
    filterset_class = OfficeVisitFilterSet
    search_fields = ["legislator__display_name", "state_office", "asks", "outcome", "people_met"]
    list_export = [
        "visited_on", "get_office_kind_display", "office", "state", "district", "made_by",
        "attendees", "people_met", "asks", "outcome", "follow_up_on", "followed_up_on",
    ]  # fmt: skip
    export_headings = {
        "get_office_kind_display": _("Office kind"),
        "office": "Office",
        "district": _("Congressional district"),
        "made_by": _("Made by"),
        "people_met": _("People met"),
    }
    export_filename = "office-visits"
    inspect_view_fields = [
        "visited_on", "office_kind", "legislator", "state_office", "state", "district",
        "alliance", "attendees", "people_met", "asks", "outcome", "follow_up_on",
        "followed_up_on", "logged_by", "created_at",
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("office_kind"),
                    FieldPanel("legislator"),
                    FieldPanel("state_office"),
                    FieldPanel("state"),
                ],
                heading=_("Office"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("alliance", widget=forms.Select),
                    FieldPanel("visited_on"),
                    FieldPanel("attendees"),
                    FieldPanel("people_met"),
                    FieldPanel("asks"),
                    FieldPanel("outcome"),
                ],
                heading=_("Meeting"),
            ),
            MultiFieldPanel(
                [FieldPanel("follow_up_on"), FieldPanel("followed_up_on")], heading=_("Follow-up")
            ),
        ],
        base_form_class=OfficeVisitForm,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("alliance", "legislator")
            .annotate(
                made_by=Coalesce("alliance__name", Value(gettext("Coalition staff"))),
                office=Coalesce("legislator__display_name", "state_office"),
            )
        )


# The report's map: the coalition's state tile grid, each tile divided into one cell per
# congressional district, shaded by how recently its office was visited. A tile's outline
# shows the same for its senators' offices.

TILE_SIZE = 72
TILE_GAP = 6
LABEL_HEIGHT = 16
TILE_PADDING = 4
CELL_GAP = 1.5
# By the shortest window with a visit: the darker, the more recent.
SHADES: dict[int | None, tuple[str, str]] = {
    3: ("#00585a", _("Visited in the last 3 months")),
    6: ("#2f9c95", _("Visited 3 to 6 months ago")),
    12: ("#9ed8d1", _("Visited 6 to 12 months ago")),
    None: ("#e4e7eb", _("Not visited in the last 12 months")),
}
UNVISITED_OUTLINE = "#9aa1a9"


@dataclass(frozen=True)
class MapCell:
    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str


@dataclass(frozen=True)
class MapTile:
    code: str
    x: int
    y: int
    outline: str
    outline_width: int
    title: str
    cells: list[MapCell]

    @property
    def label_x(self) -> int:
        return self.x + TILE_SIZE // 2

    @property
    def label_y(self) -> int:
        return self.y + LABEL_HEIGHT - 4


@dataclass(frozen=True)
class DistrictMap:
    tiles: list[MapTile]
    width: int
    height: int
    size: int = TILE_SIZE


def visits_text(counts: VisitCounts) -> str:
    if counts.last_visit is None:
        return gettext("no visit logged")
    return gettext(
        "last visited %(date)s; visits: %(in_3)s in 3 months, %(in_6)s in 6, %(in_12)s in 12"
    ) % {
        "date": f"{counts.last_visit:%Y-%m-%d}",
        "in_3": counts.in_3_months,
        "in_6": counts.in_6_months,
        "in_12": counts.in_12_months,
    }


def _cells(x: int, y: int, districts: list[DistrictVisits]) -> list[MapCell]:
    """The districts in rows, filling the tile below its label as squarely as they can."""
    width = TILE_SIZE - 2 * TILE_PADDING
    height = TILE_SIZE - LABEL_HEIGHT - TILE_PADDING
    count = max(1, len(districts))
    columns = min(count, math.ceil(math.sqrt(count * width / height)))
    rows = math.ceil(count / columns)
    cell_width = (width - (columns - 1) * CELL_GAP) / columns
    cell_height = (height - (rows - 1) * CELL_GAP) / rows
    return [
        MapCell(
            x=round(x + TILE_PADDING + (index % columns) * (cell_width + CELL_GAP), 2),
            y=round(y + LABEL_HEIGHT + (index // columns) * (cell_height + CELL_GAP), 2),
            width=round(cell_width, 2),
            height=round(cell_height, 2),
            fill=SHADES[district.counts.recency][0],
            title=gettext("%(district)s, %(member)s: %(visits)s")
            % {
                "district": district.label,
                "member": district.representative or gettext("vacant"),
                "visits": visits_text(district.counts),
            },
        )
        for index, district in enumerate(districts)
    ]


def _tile(state: StateVisits, column: int, row: int) -> MapTile:
    x, y = column * (TILE_SIZE + TILE_GAP), row * (TILE_SIZE + TILE_GAP)
    if state.has_senators:
        title = gettext("%(state)s, senators' offices: %(visits)s") % {
            "state": state.name,
            "visits": visits_text(state.senate),
        }
        recency = state.senate.recency
    else:
        title, recency = state.name, None
    return MapTile(
        code=state.state,
        x=x,
        y=y,
        outline=UNVISITED_OUTLINE if recency is None else SHADES[recency][0],
        outline_width=1 if recency is None else 3,
        title=title,
        cells=_cells(x, y, state.districts),
    )


def district_map(report: VisitReport) -> DistrictMap:
    states = {state.state: state for state in report.states}
    tiles = [
        _tile(states[code], column, row)
        for code, (column, row) in TILE_POSITIONS.items()
        if code in states
    ]
    columns = max(column for column, _ in TILE_POSITIONS.values()) + 1
    rows = max(row for _, row in TILE_POSITIONS.values()) + 1
    step = TILE_SIZE + TILE_GAP
    return DistrictMap(tiles=tiles, width=columns * step - TILE_GAP, height=rows * step - TILE_GAP)


class OfficeVisitReportView(WagtailAdminTemplateMixin, TemplateView):
    """Which districts' offices were visited in the last 3, 6 and 12 months; late follow-ups."""

    page_title = _("Office visits by district")
    header_icon = "site"
    template_name = "congress/admin/visits_report.html"

    def dispatch(self, request, *args, **kwargs):
        if not user_is_coalition_staff(request.user):
            # A plain 403: Wagtail's admin would turn PermissionDenied into a redirect.
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        visits = reverse(OfficeVisit.snippet_viewset.get_url_name("list"))
        return [
            *super().get_breadcrumbs_items(),
            {"url": visits, "label": _("Office visits")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = office_visit_report(today=timezone.localdate())
        visits = OfficeVisit.snippet_viewset
        context.update(
            report=report,
            district_map=district_map(report),
            shades=SHADES.values(),
            unvisited_outline=UNVISITED_OUTLINE,
            edit_url_name=visits.get_url_name("edit"),
            overdue_list_url=f"{reverse(visits.get_url_name('list'))}?follow_up=overdue",
        )
        return context


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_coalition_staff(request.user)


@hooks.register("register_admin_urls")
def register_visits_admin_urls():
    patterns = [path("report/", OfficeVisitReportView.as_view(), name="report")]
    return [path("congress/visits/", include((patterns, "congress_visits_admin")))]


@hooks.register("register_reports_menu_item")
def register_visits_report_menu_item():
    return StaffMenuItem(
        _("Office visits by district"),
        reverse(REPORT_URL_NAME),
        name="office-visits-by-district",
        icon_name="site",
        order=900,
    )


VIEWSETS = [OfficeVisitViewSet]
