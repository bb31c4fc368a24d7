"""The watchlist part of the congress admin: staff-only items with their events and links.

Only coalition staff (`coalition.manage_coalition`, on top of the model permissions) see
or change the watchlist; coordinators and editors do not find it in the admin at all.
Choosing the imported bill fills what staff left blank (`services.watchlist`).
"""

import re

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from amicc.coalition.permissions import CoalitionPermissionPolicy, ReachableViewSetMixin
from amicc.congress.models import Bill, WatchlistItem
from amicc.congress.models.bills import congress_name
from amicc.congress.services.watchlist import FILLED_FROM_BILL, watchlist_values_from_bill

register_permission_policy(WatchlistItem, CoalitionPermissionPolicy(WatchlistItem))

# Fields a linked bill can fill in, and what to ask for when there is no bill.
FILLED_OR_REQUIRED = {
    "identifier": _("Enter how the item is cited, or choose the imported bill to take it from."),
    "title": _("Enter the title, or choose the imported bill to take it from."),
    "slug": _("Enter a slug of letters, numbers and hyphens for the item's web address."),
}


# "H.R. 23", "hr23", "HR 23-119": a bill's type, number and, optionally, Congress.
BILL_NUMBER = re.compile(r"^(?P<type>[a-z]+)(?P<number>[0-9]+)(?:-(?P<congress>[0-9]+))?$")


class BillSearchForm(BaseFilterForm):
    """Finds bills by number or by words of their titles, with the ORM.

    Bills are not in Wagtail's search index, so the snippet chooser cannot search them; among
    the thousands of bills of a Congress, staff need to find one by "H.R. 23" or its title.
    """

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("H.R. 23, hr23-119 or words of the title")}),
    )

    def filter(self, objects: QuerySet[Bill]) -> QuerySet[Bill]:
        query = (self.cleaned_data.get("q") or "").strip()[:200]
        if not query:
            return objects
        self.is_searching, self.search_query = True, query
        condition = Q()
        for word in query.split()[:8]:
            condition &= (
                Q(display_title__icontains=word)
                | Q(official_title__icontains=word)
                | Q(short_title__icontains=word)
                | Q(popular_title__icontains=word)
            )
        number = BILL_NUMBER.match(re.sub(r"[\s.]", "", query.lower()))
        if number:
            by_number = Q(bill_type=number["type"], number=int(number["number"][:9]))
            if number["congress"]:
                by_number &= Q(congress=int(number["congress"][:4]))
            condition |= by_number
        return objects.filter(condition)


class BillChooseView(ChooseView):
    filter_form_class = BillSearchForm


class BillChooseResultsView(ChooseResultsView):
    filter_form_class = BillSearchForm


class BillChooserViewSet(ChooserViewSet):
    model = Bill
    icon = "doc-full"
    choose_one_text = _("Choose the imported bill")
    choose_another_text = _("Choose another bill")
    per_page = 20
    choose_view_class = BillChooseView
    choose_results_view_class = BillChooseResultsView
    # Only the watchlist's bill field uses it; other forms keep the snippet chooser.
    register_widget = False


bill_chooser_viewset = BillChooserViewSet(
    "watchlist_bill_chooser", url_prefix="congress/watchlist-bill-chooser"
)


@hooks.register("register_admin_viewset")
def register_bill_chooser() -> ChooserViewSet:
    return bill_chooser_viewset


class WatchlistItemForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in FILLED_OR_REQUIRED:
            if name in self.fields:
                self.fields[name].required = False
        if "related_items" in self.fields:
            others = WatchlistItem.objects.order_by("identifier", "pk")
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            self.fields["related_items"].queryset = others

    def clean_bill(self):
        bill = self.cleaned_data.get("bill")
        if bill is None:
            return None
        other = WatchlistItem.objects.filter(bill=bill).exclude(pk=self.instance.pk).first()
        if other is not None:
            raise forms.ValidationError(
                _("“%(item)s” follows this bill already."), code="unique", params={"item": other}
            )
        return bill

    def clean(self):
        cleaned_data = super().clean()
        bill = cleaned_data.get("bill")
        if bill is not None:
            current = {name: cleaned_data.get(name) for name in FILLED_FROM_BILL}
            cleaned_data.update(watchlist_values_from_bill(bill=bill, current=current))
        if not cleaned_data.get("slug") and "slug" not in self.errors:
            source = bill.bill_id if bill is not None else cleaned_data.get("title") or ""
            cleaned_data["slug"] = slugify(source)[
                : WatchlistItem._meta.get_field("slug").max_length
            ]
        for name, message in FILLED_OR_REQUIRED.items():
            if name in self.fields and not cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, forms.ValidationError(message, code="required"))
        return cleaned_data


def _congress_choices() -> list[tuple[int, str]]:
    numbers = (
        WatchlistItem.objects.exclude(congress=None)
        .order_by("-congress")
        .values_list("congress", flat=True)
        .distinct()
    )
    return [(number, congress_name(number)) for number in numbers]


class WatchlistItemFilterSet(WagtailFilterSet):
    congress = django_filters.ChoiceFilter(label=_("Congress"), choices=_congress_choices)

    class Meta:
        model = WatchlistItem
        fields = ["kind", "position", "status", "congress", "is_published"]


EDIT_HANDLER = TabbedInterface(
    [
        ObjectList(
            [
                FieldPanel("kind"),
                FieldPanel("identifier"),
                TitleFieldPanel("title", targets=["slug"]),
                FieldPanel("slug"),
                FieldPanel("summary"),
                FieldPanel("citation"),
                MultiFieldPanel(
                    [
                        FieldPanel("bill", widget=bill_chooser_viewset.widget_class),
                        FieldPanel("congress"),
                    ],
                    heading=_("Imported bill"),
                    help_text=_(
                        "Choosing the bill fills the blank fields above and below from "
                        "it, and shows its actions, sponsor and cosponsors on the public page."
                    ),
                ),
                FieldPanel("is_published"),
            ],
            heading=_("Item"),
        ),
        ObjectList(
            [
                FieldPanel("position"),
                FieldPanel("rationale"),
                FieldPanel("score_weight"),
                FieldPanel(
                    "status",
                    help_text=_("Left at Pending, it follows the linked bill's status."),
                ),
                FieldPanel("status_note"),
                FieldPanel("introduced_on"),
                FieldPanel("last_action_on"),
            ],
            heading=_("Position and status"),
        ),
        ObjectList(
            [
                InlinePanel(
                    "events",
                    heading=_("Timeline"),
                    label=pgettext_lazy("watchlist timeline", "Event"),
                ),
                InlinePanel("links", heading=_("Sources and links"), label=_("Link")),
                FieldPanel("related_items", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Timeline and sources"),
        ),
    ],
    base_form_class=WatchlistItemForm,
)


class WatchlistItemViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = WatchlistItem
    icon = "glasses"
    menu_label = _("Watchlist")
    menu_order = 100
    list_display = [
        "identifier",
        "title",
        "kind",
        "position",
        "status",
        "last_action_on",
        BooleanColumn("is_published", label=_("Published")),
    ]
    filterset_class = WatchlistItemFilterSet
    search_fields = ["identifier", "title", "summary", "citation", "slug"]
    list_export = [
        "identifier",
        "title",
        "get_kind_display",
        "get_position_display",
        "get_status_display",
        "status_note",
        "congress",
        "citation",
        "introduced_on",
        "last_action_on",
        "score_weight",
        "is_published",
    ]
    export_headings = {
        "get_kind_display": "Kind",
        "get_position_display": _("Coalition position"),
        "get_status_display": "Status",
    }
    export_filename = "watchlist"
    inspect_view_fields = [
        "identifier",
        "title",
        "slug",
        "kind",
        "summary",
        "position",
        "rationale",
        "status",
        "status_note",
        "citation",
        "congress",
        "bill",
        "introduced_on",
        "last_action_on",
        "score_weight",
        "is_published",
        "related_items",
    ]
    edit_handler = EDIT_HANDLER

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("bill")


VIEWSETS = [WatchlistItemViewSet]
