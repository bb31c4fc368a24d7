"""The coalition in the Wagtail admin: one "Coalition" menu of snippet viewsets.

Every viewset lists, finds and edits records through the user's reach
(`amicc.coalition.permissions`); fields only staff may change are panels with
`permission=MANAGE_COALITION`, which Wagtail leaves out of everyone else's form.
"""

from django import forms
from django.db.models import Case, Count, Q, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from amicc.coalition import admin_views
from amicc.coalition.choices import ApplicationStatus, MembershipStatus
from amicc.coalition.models import (
    Alliance,
    AllianceMembership,
    Initiative,
    MemberOrganization,
    OrganizationApplication,
    Person,
    StateInterest,
)
from amicc.coalition.permissions import MANAGE_COALITION, ReachableViewSetMixin
from amicc.coalition.viewset_forms import (
    AllianceFilterSet,
    AllianceForm,
    AllianceMembershipFilterSet,
    AllianceMembershipForm,
    InitiativeFilterSet,
    InitiativeForm,
    MemberOrganizationFilterSet,
    MemberOrganizationForm,
    OrganizationApplicationFilterSet,
    PersonFilterSet,
    PersonForm,
    StateInterestFilterSet,
)


def staff_field(name: str, **kwargs) -> FieldPanel:
    return FieldPanel(name, permission=MANAGE_COALITION, **kwargs)


class MemberOrganizationViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = MemberOrganization
    icon = "site"
    menu_order = 100
    list_display = ["name", "constituency", "state", "status", "is_listed", "joined_on"]
    filterset_class = MemberOrganizationFilterSet
    search_fields = ["name", "city", "website_domain"]
    list_export = [
        "name",
        "get_constituency_display",
        "city",
        "state",
        "website",
        "get_status_display",
        "is_listed",
        "applied_on",
        "joined_on",
        "lapsed_on",
        "withdrawn_on",
    ]
    export_headings = {
        "get_constituency_display": _("Constituency"),
        "get_status_display": _("Status"),
    }
    export_filename = "member-organizations"
    inspect_view_fields = [
        "name",
        "slug",
        "constituency",
        "city",
        "state",
        "website",
        "description",
        "logo",
        "status",
        "is_listed",
        "applied_on",
        "joined_on",
        "lapsed_on",
        "withdrawn_on",
        "representatives",
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    staff_field("slug"),
                    FieldPanel("constituency"),
                    FieldPanel("city"),
                    FieldPanel("state"),
                    FieldPanel("website"),
                    FieldPanel("description"),
                    staff_field("logo"),
                ],
                heading=_("Public profile"),
            ),
            MultiFieldPanel(
                [
                    staff_field("status"),
                    staff_field("is_listed"),
                    staff_field("applied_on"),
                    staff_field("joined_on"),
                    staff_field("lapsed_on"),
                    staff_field("withdrawn_on"),
                    staff_field("representatives", widget=forms.SelectMultiple),
                ],
                heading=_("Membership"),
            ),
        ],
        base_form_class=MemberOrganizationForm,
    )


class AllianceViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Alliance
    icon = "globe"
    menu_order = 200
    list_display = [
        "name",
        "city",
        "state",
        "status",
        Column("active_members", label=_("Active members"), sort_key="active_members"),
    ]
    filterset_class = AllianceFilterSet
    search_fields = ["name", "city"]
    list_export = ["name", "city", "state", "get_status_display", "founded_on", "active_members"]
    export_headings = {"get_status_display": _("Status"), "active_members": _("Active members")}
    export_filename = "alliances"
    inspect_view_fields = [
        "name",
        "slug",
        "city",
        "state",
        "description",
        "status",
        "founded_on",
        "districts",
        "coordinators",
        "founding_organizations",
    ]
    edit_handler = ObjectList(
        [
            staff_field("name"),
            staff_field("slug"),
            FieldPanel("city"),
            staff_field("state"),
            FieldPanel("description"),
            staff_field("status"),
            FieldPanel("founded_on"),
            staff_field("district_codes"),
            staff_field("coordinators", widget=forms.SelectMultiple),
            staff_field("founding_organizations", widget=forms.SelectMultiple),
        ],
        base_form_class=AllianceForm,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                active_members=Count(
                    "memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE)
                )
            )
        )


class PersonViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_order = 300
    list_display = ["name", "email", "state", "zip_code", "created_at"]
    filterset_class = PersonFilterSet
    search_fields = ["name", "email", "zip_code"]
    list_export = [
        "name",
        "email",
        "phone",
        "zip_code",
        "state",
        "wants_newsletter",
        "wants_alliance_updates",
        "wants_action_alerts",
        "created_at",
    ]
    export_filename = "people"
    inspect_view_class = admin_views.PersonInspectView
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("email"),
            FieldPanel("phone"),
            FieldPanel("zip_code"),
            FieldPanel("state"),
            FieldPanel("alliance"),
            staff_field("user"),
        ],
        base_form_class=PersonForm,
    )


class AllianceMembershipViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = AllianceMembership
    icon = "clipboard-list"
    menu_label = _("Alliance memberships")
    menu_order = 400
    list_display = ["person", "alliance", "status", "requested_at", "confirmed_at"]
    filterset_class = AllianceMembershipFilterSet
    search_fields = ["person__name", "person__email"]
    list_export = [
        "person.name",
        "person.email",
        "alliance.name",
        "get_status_display",
        "requested_at",
        "confirmed_at",
        "left_at",
    ]
    export_headings = {
        "person.name": _("Name"),
        "person.email": _("Email"),
        "alliance.name": _("Alliance"),
        "get_status_display": _("Status"),
    }
    export_filename = "alliance-memberships"
    edit_handler = ObjectList(
        [
            FieldPanel("alliance", widget=forms.Select),
            FieldPanel("person"),
            FieldPanel("status"),
            staff_field("confirmed_at"),
            staff_field("left_at"),
        ],
        base_form_class=AllianceMembershipForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "alliance")


class InitiativeViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Initiative
    icon = "calendar-check"
    menu_order = 500
    list_display = ["title", "alliance", "initiative_type", "date", "reach", "is_public"]
    filterset_class = InitiativeFilterSet
    search_fields = ["title", "description", "outcome"]
    list_export = [
        "date",
        "title",
        "alliance.name",
        "get_initiative_type_display",
        "reach",
        "is_public",
        "description",
        "outcome",
    ]
    export_headings = {"alliance.name": _("Alliance"), "get_initiative_type_display": _("Type")}
    export_filename = "initiatives"
    edit_handler = ObjectList(
        [
            FieldPanel("alliance", widget=forms.Select),
            FieldPanel("initiative_type"),
            FieldPanel("date"),
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("reach"),
            FieldPanel("partner_organizations", widget=forms.SelectMultiple),
            FieldPanel("outcome"),
            FieldPanel("is_public"),
            InlinePanel("links", heading=_("Links"), label=_("Link")),
        ],
        base_form_class=InitiativeForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("alliance")


class OrganizationApplicationViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = OrganizationApplication
    icon = "form"
    menu_label = _("Organization applications")
    menu_order = 600
    list_display = [
        "organization_name",
        "contact_name",
        "state",
        "constituency",
        "status",
        "submitted_at",
    ]
    filterset_class = OrganizationApplicationFilterSet
    search_fields = ["organization_name", "contact_name", "contact_email", "website"]
    list_export = [
        "submitted_at",
        "organization_name",
        "get_constituency_display",
        "city",
        "state",
        "website",
        "contact_name",
        "contact_email",
        "contact_phone",
        "contact_role",
        "get_status_display",
        "decided_at",
        "decline_reason",
    ]
    export_headings = {
        "get_constituency_display": _("Constituency"),
        "get_status_display": _("Status"),
    }
    export_filename = "organization-applications"
    inspect_view_class = admin_views.ApplicationInspectView
    inspect_template_name = "coalition/admin/application_inspect.html"
    panels = [
        FieldPanel("organization_name"),
        FieldPanel("constituency"),
        FieldPanel("city"),
        FieldPanel("state"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("statement"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_role"),
                FieldPanel("contact_person"),
            ],
            heading=_("Contact"),
        ),
    ]

    def get_queryset(self, request):
        pending_first = Case(When(status=ApplicationStatus.PENDING, then=0), default=1)
        return super().get_queryset(request).order_by(pending_first, "-submitted_at", "-pk")


class StateInterestViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = StateInterest
    icon = "pick"
    menu_label = _("State interest lists")
    menu_order = 700
    list_display = ["person", "state", "created_at", "confirmed_at"]
    filterset_class = StateInterestFilterSet
    search_fields = ["person__name", "person__email"]
    list_export = ["state", "person.name", "person.email", "created_at", "confirmed_at"]
    export_headings = {"person.name": _("Name"), "person.email": _("Email")}
    export_filename = "state-interest"
    panels = [FieldPanel("person"), FieldPanel("state"), FieldPanel("confirmed_at")]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class CoalitionViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Coalition")
    menu_icon = "group"
    menu_order = 150
    items = (
        MemberOrganizationViewSet,
        AllianceViewSet,
        PersonViewSet,
        AllianceMembershipViewSet,
        InitiativeViewSet,
        OrganizationApplicationViewSet,
        StateInterestViewSet,
    )
