"""Assessed stances in the congress admin: staff record where a member stands, and why."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from amicc.coalition.geography import USState
from amicc.coalition.permissions import CoalitionPermissionPolicy, ReachableViewSetMixin
from amicc.congress.choices import Chamber
from amicc.congress.models import StanceAssessment

register_permission_policy(StanceAssessment, CoalitionPermissionPolicy(StanceAssessment))


class StanceAssessmentFilterSet(WagtailFilterSet):
    chamber = django_filters.ChoiceFilter(
        label=_("Chamber"), field_name="legislator__current_chamber", choices=Chamber.choices
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), field_name="legislator__current_state", choices=USState.choices
    )

    class Meta:
        model = StanceAssessment
        fields = ["stance", "is_published"]


class StanceAssessmentViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = StanceAssessment
    icon = "pick"
    menu_label = _("Stances of members")
    menu_order = 400
    list_display = [
        "legislator",
        Column("seat", label=_("Seat"), accessor="legislator.seat"),
        "stance",
        "assessed_on",
        BooleanColumn("is_published", label=_("Published")),
    ]
    filterset_class = StanceAssessmentFilterSet
    search_fields = ["legislator__display_name", "summary"]
    search_backend_name = None
    list_export = ["legislator", "get_stance_display", "summary", "assessed_on", "is_published"]
    export_headings = {"get_stance_display": "Stance"}
    export_filename = "stances-of-members"
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("legislator"),
                FieldPanel("stance"),
                FieldPanel("summary"),
                FieldPanel("assessed_on"),
                FieldPanel("is_published"),
            ],
            heading=_("Assessment"),
        ),
        InlinePanel("evidence", heading=_("Evidence"), label=_("Evidence")),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("legislator")


VIEWSETS = [StanceAssessmentViewSet]
