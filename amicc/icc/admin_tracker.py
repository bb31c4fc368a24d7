"""The ICC tracker in the Wagtail admin: states, situations, cases, Assembly sessions.

Staff-only, like the rest of the icc admin: each model has a `CoalitionPermissionPolicy`
without a scope, so only holders of `coalition.manage_coalition` with the model
permissions reach it. The shipped data loads with `amicc load-icc-data`; a later load
overwrites what staff changed in the rows the files cover (see `services.data`).
"""

import django_filters
import pycountry
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from amicc.coalition.permissions import CoalitionPermissionPolicy, ReachableViewSetMixin
from amicc.icc.choices import StatuteStatus
from amicc.icc.loaders import state_date_problems
from amicc.icc.models import AspSession, Case, Situation, StatuteState
from amicc.icc.selectors.states import states_with_status

for model in (StatuteState, Situation, Case, AspSession):
    register_permission_policy(model, CoalitionPermissionPolicy(model))


# --- States -----------------------------------------------------------------------------


class StatuteStateForm(WagtailAdminModelForm):
    """The loader's checks on dated events (article 127 among them), for staff edits too."""

    def clean(self):
        cleaned_data = super().clean()
        dates = {
            name: cleaned_data.get(name)
            for name in (
                "signed_on",
                "deposited_on",
                "declared_non_party_on",
                "withdrawal_notified_on",
                "withdrawal_effective_on",
            )
        }
        for name, problem in state_date_problems(**dates):
            if name in self.fields and name not in self.errors:
                self.add_error(name, problem[:1].upper() + problem[1:] + ".")
        return cleaned_data


class StatusTodayColumn(Column):
    def get_value(self, instance):
        return instance.status_on(timezone.localdate()).label


class StatuteStateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status today"), choices=StatuteStatus.choices, method="filter_status"
    )
    withdrawal = django_filters.BooleanFilter(
        label=gettext_lazy("Notified a withdrawal"),
        field_name="withdrawal_notified_on",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = StatuteState
        fields = ["regional_group", "instrument", "status", "withdrawal"]

    def filter_status(self, queryset, name, value):
        return states_with_status(queryset, value, on=timezone.localdate())


class StatuteStateViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = StatuteState
    icon = "globe"
    menu_label = "States and the Statute"
    menu_order = 100
    list_display = [
        "name",
        "iso_code",
        "regional_group",
        "deposited_on",
        "entry_into_force_on",
        "withdrawal_effective_on",
        StatusTodayColumn("status", label=gettext_lazy("Status today")),
    ]
    list_per_page = 50
    filterset_class = StatuteStateFilterSet
    search_fields = ["name", "iso_code"]
    list_export = [
        "iso_code",
        "name",
        "get_regional_group_display",
        "signed_on",
        "get_instrument_display",
        "deposited_on",
        "succeeded_on",
        "entry_into_force_on",
        "declared_non_party_on",
        "withdrawal_notified_on",
        "withdrawal_effective_on",
        "source_url",
    ]
    export_headings = {
        "get_regional_group_display": gettext_lazy("Regional group"),
        "get_instrument_display": gettext_lazy("Instrument"),
    }
    export_filename = "rome-statute-states"
    inspect_view_fields = [
        "iso_code", "name", "slug", "regional_group", "signed_on", "instrument", "deposited_on",
        "succeeded_on", "entry_into_force_on", "declared_non_party_on", "withdrawal_notified_on",
        "withdrawal_effective_on", "source_url", "source_note", "notes", "updated_at",
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("iso_code"), FieldPanel("slug")]),
            FieldPanel("regional_group"),
            MultiFieldPanel(
                [
                    FieldPanel("signed_on"),
                    FieldRowPanel([FieldPanel("instrument"), FieldPanel("deposited_on")]),
                    FieldPanel("succeeded_on"),
                    FieldPanel("declared_non_party_on"),
                    FieldRowPanel(
                        [
                            FieldPanel("withdrawal_notified_on"),
                            FieldPanel("withdrawal_effective_on"),
                        ]
                    ),
                ],
                heading=gettext_lazy("Dated events"),
                help_text=gettext_lazy(
                    "The entry into force is worked out from the deposit (article 126) when the "
                    "state is saved; the count of states parties follows from these dates."
                ),
            ),
            MultiFieldPanel(
                [FieldPanel("source_url"), FieldPanel("source_note"), FieldPanel("notes")],
                heading=gettext_lazy("Source"),
            ),
        ],
        base_form_class=StatuteStateForm,
    )


# --- Situations and cases ---------------------------------------------------------------


class SituationForm(WagtailAdminModelForm):
    """Country codes typed as "BGD, MMR" rather than as JSON."""

    country_codes = forms.CharField(
        label=gettext_lazy("Countries"),
        required=False,
        help_text=gettext_lazy("ISO 3166-1 alpha-3 codes, separated by commas: BGD, MMR."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["country_codes"] = ", ".join(self.instance.country_codes)

    def clean_country_codes(self) -> list[str]:
        codes = [code.strip().upper() for code in self.cleaned_data["country_codes"].split(",")]
        codes = [code for code in codes if code]
        unknown = [code for code in codes if pycountry.countries.get(alpha_3=code) is None]
        if unknown:
            message = _("Not ISO 3166-1 alpha-3 codes: %(codes)s.") % {"codes": ", ".join(unknown)}
            raise forms.ValidationError(message, code="invalid")
        return codes


class SituationViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Situation
    icon = "site"
    menu_label = "Situations"
    menu_order = 110
    list_display = ["number", "name", "trigger", "investigation_opened_on", "updated_at"]
    list_filter = ["trigger"]
    search_fields = ["number", "name", "summary"]
    inspect_view_fields = [
        "number", "name", "slug", "country_codes", "trigger", "referred_on",
        "preliminary_examination_opened_on", "investigation_opened_on",
        "investigation_closed_on", "summary", "source_url", "updated_at",
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("number"), FieldPanel("name"), FieldPanel("slug")]),
            FieldPanel("country_codes"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("trigger"), FieldPanel("referred_on")]),
                    FieldPanel("preliminary_examination_opened_on"),
                    FieldRowPanel(
                        [
                            FieldPanel("investigation_opened_on"),
                            FieldPanel("investigation_closed_on"),
                        ]
                    ),
                ],
                heading=gettext_lazy("How it reached the Court"),
            ),
            FieldPanel("summary"),
            FieldPanel("source_url"),
        ],
        base_form_class=SituationForm,
    )


class CaseViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Case
    icon = "doc-full"
    menu_label = "Cases"
    menu_order = 120
    list_display = ["number", "name", "situation", "status", "verdict_on", "updated_at"]
    list_filter = ["status", "situation"]
    search_fields = ["number", "name", "accused"]
    inspect_view_fields = [
        "number", "name", "slug", "situation", "accused", "status", "warrant_issued_on",
        "custody_on", "trial_opened_on", "verdict_on", "summary", "source_url", "updated_at",
    ]  # fmt: skip
    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("slug")]),
        FieldPanel("name"),
        FieldPanel("situation"),
        FieldPanel("accused"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("warrant_issued_on"), FieldPanel("custody_on")]),
                FieldRowPanel([FieldPanel("trial_opened_on"), FieldPanel("verdict_on")]),
            ],
            heading=gettext_lazy("Key dates"),
        ),
        FieldPanel("summary"),
        FieldPanel("source_url"),
        InlinePanel(
            "charges",
            heading=gettext_lazy("Charges"),
            label=gettext_lazy("Charge"),
            panels=[
                FieldRowPanel([FieldPanel("category"), FieldPanel("counts")]),
                FieldPanel("description"),
                FieldRowPanel([FieldPanel("is_gender_based"), FieldPanel("is_sexual_violence")]),
            ],
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("situation")


# --- Sessions of the Assembly -----------------------------------------------------------


class AspSessionViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = AspSession
    icon = "calendar-alt"
    menu_label = "ASP sessions"
    menu_order = 130
    list_display = ["number", "starts_on", "ends_on", "place"]
    list_filter = ["place", "is_resumed"]
    search_fields = ["place", "notes"]
    inspect_view_fields = [
        "number", "starts_on", "ends_on", "place", "is_resumed", "notes", "source_url",
    ]  # fmt: skip
    panels = [
        FieldPanel("number"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("is_resumed")]),
        FieldPanel("notes"),
        FieldPanel("source_url"),
        InlinePanel(
            "elections",
            heading=gettext_lazy("Elections"),
            label=gettext_lazy("Election"),
            panels=[FieldPanel("office"), FieldPanel("description"), FieldPanel("elected")],
        ),
    ]


TRACKER_VIEWSETS = [StatuteStateViewSet, SituationViewSet, CaseViewSet, AspSessionViewSet]
