"""The letters part of the congress admin: action alerts, office emails and a report per alert.

All of it is staff-only: letters say where people live and what they think, so even the
report shows counts per office and district, never a sender.
"""

from dataclasses import dataclass

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from amicc.coalition.geography import USState
from amicc.coalition.permissions import CoalitionPermissionPolicy, user_is_coalition_staff
from amicc.congress.choices import LetterDelivery
from amicc.congress.models import (
    ActionAlert,
    Legislator,
    Letter,
    LetterSubmission,
    OfficeEmail,
    district_label,
)
from amicc.congress.selectors import current_parties

for model in (ActionAlert, OfficeEmail, LetterSubmission, Letter):
    register_permission_policy(model, CoalitionPermissionPolicy(model))

REPORT_URL_NAME = "congress_letters:alert-report"


class ActionAlertForm(WagtailAdminModelForm):
    """Parties and states are picked from lists rather than typed as JSON."""

    parties = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only members of these parties get letters; none ticked for every party."),
    )
    states = forms.MultipleChoiceField(
        required=False,
        choices=USState.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only members from these states get letters; none ticked for every state."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "parties" in self.fields:
            # A party no current member belongs to stays choosable while the alert names it.
            parties = sorted({*current_parties(), *(self.instance.parties or [])})
            self.fields["parties"].choices = [(party, party) for party in parties]


def report_url(alert: ActionAlert) -> str:
    return reverse(REPORT_URL_NAME, args=[alert.pk])


def _edit_url(alert: ActionAlert) -> str:
    return reverse(alert.snippet_viewset.get_url_name("edit"), args=[quote(alert.pk)])


class ActionAlertIndexView(snippets.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            Button(_("Letters report"), url=report_url(instance), icon_name="table", priority=15),
        ]


class ActionAlertEditView(snippets.EditView):
    @cached_property
    def header_more_buttons(self):
        report = Button(_("Letters report"), url=report_url(self.object), icon_name="table")
        return [*super().header_more_buttons, report]


class ActionAlertDeleteView(snippets.DeleteView):
    """An alert people have written on keeps their letters: it can be closed, not deleted."""

    @cached_property
    def submissions(self) -> int:
        return self.object.submissions.count()

    def form_valid(self, form):
        if self.submissions:
            messages.error(self.request, _("People have written on this alert: close it instead."))
            return redirect(_edit_url(self.object))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            submissions=self.submissions, edit_url=_edit_url(self.object), **kwargs
        )


class ActionAlertViewSet(SnippetViewSet):
    model = ActionAlert
    icon = "mail"
    menu_label = _("Action alerts")
    index_view_class = ActionAlertIndexView
    edit_view_class = ActionAlertEditView
    delete_view_class = ActionAlertDeleteView
    delete_template_name = "congress/letters/admin_alert_delete.html"
    list_display = [
        "title",
        "watchlist_item",
        "targets",
        Column("submission_count", label=_("People who wrote"), sort_key="submission_count"),
        BooleanColumn("is_open", label=pgettext_lazy("an action alert taking letters", "Open")),
        "created_at",
    ]
    list_filter = ["is_open", "targets"]
    search_fields = ["title", "slug"]
    search_backend_name = None
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("watchlist_item"),
                    FieldPanel("introduction"),
                    FieldPanel("is_open"),
                ],
                heading=_("The alert"),
            ),
            MultiFieldPanel(
                [FieldPanel("targets"), FieldPanel("parties"), FieldPanel("states")],
                heading=_("Whom letters go to"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("subject"),
                    FieldPanel("letter_template"),
                    FieldPanel("thank_you_message"),
                ],
                heading=_("The letter"),
            ),
        ],
        base_form_class=ActionAlertForm,
    )

    def get_queryset(self, request):
        return ActionAlert.objects.select_related("watchlist_item").annotate(
            submission_count=Count("submissions")
        )


class OfficeEmailViewSet(SnippetViewSet):
    model = OfficeEmail
    icon = "mail"
    menu_label = _("Office emails")
    list_display = ["legislator", "email", "note"]
    search_fields = ["legislator__display_name", "email"]
    search_backend_name = None
    copy_view_enabled = False
    panels = [FieldPanel("legislator"), FieldPanel("email"), FieldPanel("note")]

    def get_queryset(self, request):
        return OfficeEmail.objects.select_related("legislator")


VIEWSETS = [ActionAlertViewSet, OfficeEmailViewSet]


@dataclass(frozen=True)
class OfficeCount:
    legislator: Legislator
    # In the order of LetterDelivery, the report's columns.
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class DistrictCount:
    state: str
    district: int | None
    submissions: int

    @property
    def label(self) -> str:
        return district_label(self.state, self.district)


def _office_counts(alert: ActionAlert) -> list[OfficeCount]:
    rows = (
        Letter.objects.filter(submission__alert=alert)
        .values("legislator")
        .annotate(**{state: Count("pk", filter=Q(delivery=state)) for state in LetterDelivery})
        .order_by()
    )
    legislators = Legislator.objects.in_bulk([row["legislator"] for row in rows])
    offices = [
        OfficeCount(
            legislator=legislators[row["legislator"]],
            counts=tuple(row[state] for state in LetterDelivery),
        )
        for row in rows
    ]
    return sorted(offices, key=lambda office: (-office.total, office.legislator.display_name))


def _district_counts(alert: ActionAlert) -> list[DistrictCount]:
    rows = (
        alert.submissions.values("state", "district")
        .annotate(submissions=Count("pk"))
        .order_by("state", "district")
    )
    return [DistrictCount(**row) for row in rows]


class AlertReportView(WagtailAdminTemplateMixin, TemplateView):
    """How many people wrote on an alert, and where their letters went; counts only."""

    template_name = "congress/letters/admin_report.html"
    page_title = _("Letters report")
    header_icon = "table"

    def dispatch(self, request, *args, pk: int, **kwargs):
        if not user_is_coalition_staff(request.user):
            raise PermissionDenied
        self.alert = get_object_or_404(ActionAlert, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.alert.title

    def get_breadcrumbs_items(self):
        listing = reverse(self.alert.snippet_viewset.get_url_name("list"))
        return [
            *self.breadcrumbs_items,
            {"url": listing, "label": _("Action alerts")},
            {"url": _edit_url(self.alert), "label": self.alert.title},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            alert=self.alert,
            submissions=self.alert.submissions.count(),
            deliveries=LetterDelivery.labels,
            offices=_office_counts(self.alert),
            districts=_district_counts(self.alert),
            edit_url=_edit_url(self.alert),
            **kwargs,
        )


@hooks.register("register_admin_urls")
def letters_admin_urls():
    patterns = [path("alerts/<int:pk>/report/", AlertReportView.as_view(), name="alert-report")]
    return [path("congress/letters/", include((patterns, "congress_letters")))]
