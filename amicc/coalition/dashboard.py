"""The coalition panel on the staff's admin dashboard.

Counts come from a fixed number of aggregate queries, however many records there are.
Each breakdown is drawn as an SVG chart on the server (pygal, with its script removed, so
the admin runs no code from it) beside a table with the same numbers for screen readers
and anyone who wants the figures.
"""

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree

import pygal
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from pygal.style import Style
from wagtail.admin.ui.components import Component

from amicc.coalition.choices import ApplicationStatus, InitiativeType
from amicc.coalition.models import AllianceMembership, Initiative, OrganizationApplication

MONTHS = 12
TOP_ALLIANCES = 10
CHART_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    colors=("#007d7e",),
    font_family="system-ui, sans-serif",
    label_font_size=12,
    value_font_size=12,
)


@dataclass(frozen=True)
class Breakdown:
    title: str
    label: str
    rows: list[tuple[str, int]]
    chart: SafeString


def _chart(rows: list[tuple[str, int]], *, horizontal: bool) -> SafeString:
    chart_class = pygal.HorizontalBar if horizontal else pygal.Bar
    top = max((count for _, count in rows), default=0)
    chart = chart_class(
        style=CHART_STYLE,
        disable_xml_declaration=True,
        js=[],
        show_legend=False,
        print_values=True,
        truncate_label=-1,
        x_label_rotation=0 if horizontal else 30,
        # Whole numbers of initiatives only: about five steps up to the highest count.
        y_labels=list(range(0, top + 1, max(1, math.ceil(top / 5)))),
        width=640,
        height=max(240, 28 * len(rows)) if horizontal else 300,
    )
    if horizontal:
        rows = rows[::-1]  # pygal draws the first bar at the bottom; the table starts at the top
    chart.x_labels = [label for label, _ in rows]
    chart.add(gettext("Initiatives"), [count for _, count in rows])
    svg = chart.render_tree()
    # pygal always writes a configuration <script> and comments; keep only the drawing.
    for parent in svg.iter():
        for child in list(parent):
            if child.tag == "script" or not isinstance(child.tag, str):
                parent.remove(child)
    # ElementTree has escaped every label, so the markup is safe to insert as it is.
    return mark_safe(ElementTree.tostring(svg, encoding="unicode"))  # noqa: S308


def _month_starts(today: datetime.date) -> list[datetime.date]:
    month = today.year * 12 + today.month - 1
    return [
        datetime.date(index // 12, index % 12 + 1, 1)
        for index in range(month - MONTHS + 1, month + 1)
    ]


def _by_month(initiatives: QuerySet[Initiative], months: Iterable[datetime.date]):
    counts = {
        row["month"]: row["count"]
        for row in initiatives.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    }
    return [(date_format(month, "M Y"), counts.get(month, 0)) for month in months]


def initiative_breakdowns(*, today: datetime.date) -> list[Breakdown]:
    months = _month_starts(today)
    recent = Initiative.objects.filter(date__gte=months[0], date__lte=today)
    types = {value: str(label) for value, label in InitiativeType.choices}  # pygal wants str
    by_type = [
        (types.get(row["initiative_type"], row["initiative_type"]), row["count"])
        for row in recent.values("initiative_type")
        .annotate(count=Count("pk"))
        .order_by("-count", "initiative_type")
    ]
    by_alliance = [
        (row["alliance__name"], row["count"])
        for row in recent.values("alliance_id", "alliance__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "alliance__name")[:TOP_ALLIANCES]
    ]
    by_month = _by_month(recent, months)
    return [
        Breakdown(
            gettext("By month"), gettext("Month"), by_month, _chart(by_month, horizontal=False)
        ),
        Breakdown(gettext("By type"), gettext("Type"), by_type, _chart(by_type, horizontal=True)),
        Breakdown(
            gettext("By alliance (top %(count)s)") % {"count": TOP_ALLIANCES},
            gettext("Alliance"),
            by_alliance,
            _chart(by_alliance, horizontal=True),
        ),
    ]


class CoalitionPanel(Component):
    name = "coalition"
    template_name = "coalition/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context=None):
        now = timezone.localtime()
        month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        list_url = reverse(OrganizationApplication.snippet_viewset.get_url_name("list"))
        return {
            "pending_applications": OrganizationApplication.objects.filter(
                status=ApplicationStatus.PENDING
            ).count(),
            "pending_applications_url": f"{list_url}?status={ApplicationStatus.PENDING}",
            "new_members": AllianceMembership.objects.filter(confirmed_at__gte=month_start).count(),
            "month": month_start,
            "breakdowns": initiative_breakdowns(today=now.date()),
        }
