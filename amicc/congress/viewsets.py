"""Congress in the Wagtail admin: a "Congress" menu of read-only snippet viewsets.

Members, bills, roll-call votes and ZIP codes come from public data and are re-imported in
place (`amicc import-legislators`, `import-bills`, `import-votes`, `import-zcta`), so the
admin lists, filters, searches, inspects and exports them but never edits them: a change
made here would be overwritten by the next import.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from amicc.congress.models import Bill, Legislator, RollCallVote, ZipDistrict

WRITE_ACTIONS = frozenset({"add", "change", "delete"})


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The model's view permission as usual; adding, changing and deleting for nobody."""

    def user_has_permission(self, user, action):
        return action not in WRITE_ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - WRITE_ACTIONS)


def _party_choices() -> list[tuple[str, str]]:
    parties = (
        Legislator.objects.exclude(current_party="")
        .order_by("current_party")
        .values_list("current_party", flat=True)
        .distinct()
    )
    return [(party, party) for party in parties]


class LegislatorFilterSet(WagtailFilterSet):
    current_party = django_filters.ChoiceFilter(label=_("Party"), choices=_party_choices)

    class Meta:
        model = Legislator
        fields = ["is_current", "current_chamber", "current_state", "current_party"]


class LegislatorViewSet(SnippetViewSet):
    model = Legislator
    icon = "group"
    menu_label = _("Members of Congress")
    list_display = [
        "display_name",
        Column("title", label=pgettext_lazy("how a member of Congress is addressed", "Title")),
        Column("seat", label=_("Seat")),
        "current_party",
        BooleanColumn("is_current", label=_("Serving")),
        "bioguide_id",
    ]
    filterset_class = LegislatorFilterSet
    search_fields = ["display_name", "first_name", "last_name", "nickname", "bioguide_id"]
    search_backend_name = None
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "display_name",
        "bioguide_id",
        "first_name",
        "middle_name",
        "last_name",
        "suffix",
        "nickname",
        "official_full",
        "gender",
        "birthday",
        "is_current",
        "current_chamber",
        "current_state",
        "current_district",
        "current_party",
        "current_term",
        "ids",
        "social",
    ]
    list_export = [
        "bioguide_id",
        "display_name",
        "title",
        "current_state",
        "current_district",
        "current_party",
        "is_current",
    ]
    export_filename = "members-of-congress"


class BillViewSet(SnippetViewSet):
    model = Bill
    icon = "doc-full"
    menu_label = _("Bills")
    list_display = ["display_title", Column("label", label=_("Bill")), "status", "introduced_at"]
    list_filter = ["congress", "bill_type", "status"]
    search_fields = ["bill_id", "display_title", "official_title", "sponsor_name"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "bill_id",
        "display_title",
        "official_title",
        "short_title",
        "popular_title",
        "introduced_at",
        "sponsor",
        "sponsor_bioguide_id",
        "sponsor_name",
        "status",
        "status_at",
    ]


class RollCallVoteFilterSet(WagtailFilterSet):
    chamber = django_filters.ChoiceFilter(choices=[("h", _("House")), ("s", _("Senate"))])

    class Meta:
        model = RollCallVote
        fields = ["chamber", "congress", "yea_supports_measure"]


class RollCallVoteViewSet(SnippetViewSet):
    model = RollCallVote
    icon = "list-ul"
    menu_label = _("Roll-call votes")
    list_display = [
        "vote_id",
        "question",
        Column("chamber_label", label=_("Chamber")),
        "voted_at",
        "result",
        "bill",
    ]
    filterset_class = RollCallVoteFilterSet
    search_fields = ["vote_id", "question"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "vote_id",
        "chamber",
        "congress",
        "session",
        "number",
        "voted_at",
        "question",
        "category",
        "result",
        "bill",
        "yea_supports_measure",
    ]

    def get_queryset(self, request):
        return RollCallVote.objects.select_related("bill")


class ZipDistrictViewSet(SnippetViewSet):
    model = ZipDistrict
    icon = "site"
    menu_label = _("ZIP codes")
    list_display = ["zcta", "state", "district", "share", "rank"]
    list_filter = ["state"]
    search_fields = ["zcta"]
    search_backend_name = None
    list_per_page = 100
    inspect_view_enabled = True


class CongressViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Congress")
    menu_icon = "group"
    menu_order = 300
    items = (LegislatorViewSet, BillViewSet, RollCallVoteViewSet, ZipDistrictViewSet)


# wagtail_hooks registers the policy of the other imported models.
register_permission_policy(RollCallVote, ReadOnlyPermissionPolicy(RollCallVote))
