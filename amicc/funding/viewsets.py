"""Funders and grants in the admin: staff only, whatever model permissions say.

`CoalitionPermissionPolicy` without a scope opens these models to coalition staff alone,
so coordinators and representatives find neither the menu nor the URLs (404 or refused)
even if someone grants them a funding permission. The forms check the models' rules and
Wagtail logs every save.
"""

import django_filters
import pycountry
from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from amicc.coalition.permissions import CoalitionPermissionPolicy, ReachableViewSetMixin
from amicc.funding.models import AWARDED_STATUSES, Funder, Grant

for model in (Funder, Grant):
    register_permission_policy(model, CoalitionPermissionPolicy(model))

CURRENCY_CHOICES = sorted(
    (
        (currency.alpha_3, f"{currency.alpha_3} – {currency.name}")
        for currency in pycountry.currencies
    ),
    key=lambda choice: (choice[0] != "USD", choice[0]),  # the coalition's own first
)


def amount_display(grant: Grant) -> str:
    return f"{grant.currency} {grant.amount:,.2f}"


def period_display(grant: Grant) -> str:
    if not grant.period_start and not grant.period_end:
        return ""
    start = f"{grant.period_start:%Y-%m-%d}" if grant.period_start else "?"
    end = f"{grant.period_end:%Y-%m-%d}" if grant.period_end else "?"
    return f"{start} to {end}"


class FunderFilterSet(WagtailFilterSet):
    class Meta:
        model = Funder
        fields = ["kind", "agreed_to_be_listed"]


class FunderViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Funder
    icon = "group"
    menu_label = _("Funders")
    menu_order = 100
    list_display = [
        "name",
        "kind",
        "public_name",
        BooleanColumn("agreed_to_be_listed", label=_("Agreed to be listed")),
        Column("awarded_grants", label=_("Awarded grants"), sort_key="awarded_grants"),
    ]
    filterset_class = FunderFilterSet
    search_fields = ["name", "public_name", "contact_notes"]
    list_export = ["name", "get_kind_display", "public_name", "website", "agreed_to_be_listed"]
    export_headings = {"get_kind_display": _("Kind"), "public_name": _("Credited as")}
    export_filename = "funders"
    inspect_view_fields = [
        "name", "kind", "public_name", "website", "agreed_to_be_listed", "contact_notes",
        "created_at", "updated_at",
    ]  # fmt: skip
    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("public_name"), FieldPanel("agreed_to_be_listed"), FieldPanel("website")],
            heading=_("Public credit"),
            help_text=_(
                "The public Funders page names funders who agreed to be listed and "
                "have an awarded grant. It never shows amounts."
            ),
        ),
        FieldPanel("contact_notes"),
    ]

    def get_queryset(self, request) -> QuerySet[Funder]:
        awarded = Q(grants__status__in=AWARDED_STATUSES, grants__awarded_on__isnull=False)
        return (
            super().get_queryset(request).annotate(awarded_grants=Count("grants", filter=awarded))
        )


class GrantFilterSet(WagtailFilterSet):
    funder = django_filters.ModelChoiceFilter(queryset=Funder.objects.order_by("name"))
    currency = django_filters.ChoiceFilter(choices=CURRENCY_CHOICES)

    class Meta:
        model = Grant
        fields = ["status", "funder", "currency"]


class GrantViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Grant
    icon = "doc-full"
    menu_label = _("Grants")
    menu_order = 200
    list_display = [
        "title",
        Column("funder", label=_("Funder"), sort_key="funder__name"),
        "status",
        Column("amount", label=_("Amount"), accessor=amount_display, sort_key="amount"),
        Column("period", label=_("Period"), accessor=period_display, sort_key="period_start"),
        "awarded_on",
    ]
    filterset_class = GrantFilterSet
    search_fields = ["title", "reference", "funder__name", "purpose", "notes"]
    list_export = [
        "title", "funder", "reference", "get_status_display", "amount", "currency",
        "period_start", "period_end", "awarded_on", "declined_on", "purpose", "restrictions",
    ]  # fmt: skip
    export_headings = {"get_status_display": _("Status"), "reference": _("Funder's reference")}
    export_filename = "grants"
    inspect_view_fields = [
        "title", "funder", "reference", "status", "amount", "currency", "period_start",
        "period_end", "awarded_on", "declined_on", "purpose", "restrictions", "notes",
        "created_at", "updated_at",
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            FieldPanel("funder", widget=forms.Select),
            FieldPanel("title"),
            FieldPanel("reference"),
            FieldRowPanel(
                [
                    FieldPanel("amount"),
                    FieldPanel("currency", widget=forms.Select(choices=CURRENCY_CHOICES)),
                ],
                heading=_("Amount"),
            ),
            FieldRowPanel(
                [FieldPanel("period_start"), FieldPanel("period_end")], heading=_("Grant period")
            ),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("awarded_on"), FieldPanel("declined_on")],
                heading=_("Status"),
                help_text=_(
                    "An awarded grant needs the date it was awarded, a declined one "
                    "the date it was declined. Closing an awarded grant keeps its award date."
                ),
            ),
            FieldPanel("purpose"),
            FieldPanel("restrictions"),
            InlinePanel(
                "reports",
                heading=_("Reports due"),
                label=_("Report"),
                help_text=_(
                    "Staff are emailed two weeks before a report is due, once, "
                    "until its submission date is entered."
                ),
                panels=[
                    FieldPanel("kind"),
                    FieldPanel("title"),
                    FieldPanel("due_on"),
                    FieldPanel("submitted_on"),
                ],
            ),
            FieldPanel("notes"),
        ]
    )

    def get_queryset(self, request) -> QuerySet[Grant]:
        return super().get_queryset(request).select_related("funder")


VIEWSETS = [FunderViewSet, GrantViewSet]
