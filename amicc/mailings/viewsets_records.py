"""Staff's mailings records in the admin: lists and segments, deliveries, suppressions and
provider events (`viewsets` has the newsletters and what both share).

All four are staff-only: their policies have no scope, so coordinators and representatives
find neither the menu items nor the URLs, whatever model permissions they are given. A
delivery is a record of what was sent and is never changed here; a provider event is only
ever added ("Record a bounce or complaint", which also suppresses the address).
"""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from amicc.coalition.permissions import EditView, InspectView, ReachableViewSetMixin
from amicc.core.admin_forms import ServiceSaveMixin
from amicc.mailings.admin_forms import (
    DeliveryFilterSet,
    MailEventFilterSet,
    MailEventForm,
    MailingListFilterSet,
    MailingListForm,
    SuppressionFilterSet,
    SuppressionForm,
)
from amicc.mailings.choices import DeliveryKind
from amicc.mailings.models import Delivery, MailEvent, MailingList, Suppression
from amicc.mailings.services import audience, provider_events
from amicc.mailings.viewsets import BadRequestOnErrorsMixin, InstanceDeleteView


def _recipient_count(mailing_list: MailingList) -> int:
    return audience.list_recipient_count(mailing_list)


class MailingListInspectView(InspectView):
    def get_fields(self):
        return [*super().get_fields(), "recipients"]

    def get_field_label(self, field_name, field):
        if field_name == "recipients":
            return "Recipients now"
        return super().get_field_label(field_name, field)

    def get_recipients_display_value(self):
        return _recipient_count(self.object)


class MailingListCreateView(BadRequestOnErrorsMixin, snippets.CreateView):
    pass


class MailingListEditView(BadRequestOnErrorsMixin, EditView):
    pass


class MailingListViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = MailingList
    icon = "group"
    menu_label = _("Lists and segments")
    inspect_view_class = MailingListInspectView
    add_view_class = MailingListCreateView
    edit_view_class = MailingListEditView
    delete_view_class = InstanceDeleteView
    list_display = [
        "name",
        "kind",
        "purpose",
        Column("alliance", label=_("Alliance"), sort_key="alliance__name"),
        Column("recipients", label=_("Recipients now"), accessor=_recipient_count),
        BooleanColumn("is_active", label=_("Active")),
    ]
    filterset_class = MailingListFilterSet
    search_fields = ["name", "description"]
    ordering = ["name"]
    add_item_label = "Add a segment"
    inspect_view_fields = [
        "name", "slug", "kind", "description", "purpose", "alliance", "filter_state",
        "filter_district", "filter_constituency", "filter_joined_since", "is_active",
        "created_by", "created_at", "updated_at",
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("description"),
            MultiFieldPanel(
                [
                    FieldPanel("purpose"),
                    FieldPanel("alliance"),
                    FieldRowPanel([FieldPanel("filter_state"), FieldPanel("filter_district")]),
                    FieldPanel("filter_constituency"),
                    FieldPanel("filter_joined_since"),
                ],
                heading=_("Who is on it"),
                help_text=_(
                    "A segment reaches everyone who agreed to the consent chosen and "
                    "matches every filter filled in. The built-in lists keep their own rules."
                ),
            ),
            FieldPanel("is_active"),
        ],
        base_form_class=MailingListForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("alliance")


# --- Deliveries


def _delivery_about(delivery: Delivery) -> str:
    if delivery.newsletter_id:
        return str(delivery.newsletter)
    return delivery.subject


class DeliveryInspectView(InspectView):
    fields = [
        "kind", "newsletter", "person", "email", "name", "status", "reason", "attempts",
        "created_at", "sent_at", "next_attempt_at", "template", "subject", "reply_to",
    ]  # fmt: skip

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # A newsletter's message is rendered from it when sent; only the snapshot is kept.
        if self.object.kind == DeliveryKind.NEWSLETTER:
            self.fields = [*self.fields, "context"]
        else:
            self.fields = [*self.fields, "body_text", "body_html"]

    def get_body_text_display_value(self):
        return format_html('<pre style="white-space: pre-wrap">{}</pre>', self.object.body_text)

    def get_body_html_display_value(self):
        # A sandbox without scripts: the message is shown as its recipient saw it.
        return format_html(
            '<iframe title="The message as sent" sandbox srcdoc="{}" '
            'style="width: 100%; height: 40rem; border: 1px solid #ccc"></iframe>',
            self.object.body_html,
        )


class DeliveryViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Delivery
    icon = "mail"
    menu_label = _("Deliveries")
    inspect_view_class = DeliveryInspectView
    list_display = [
        "email",
        "kind",
        Column("about", label=_("Message"), accessor=_delivery_about),
        "status",
        "reason",
        DateColumn("created_at", label=_("Queued")),
        DateColumn("sent_at", label=_("Sent")),
    ]
    filterset_class = DeliveryFilterSet
    search_fields = ["email", "name", "subject"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("newsletter")


# --- Suppressions and provider events


class SuppressionCreateView(BadRequestOnErrorsMixin, ServiceSaveMixin, snippets.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return audience.suppression_add(
            email=data["email"],
            reason=data["reason"],
            source="added by staff",
            note=data["note"],
            user=self.request.user,
        )


class SuppressionViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Suppression
    icon = "cross"
    menu_label = _("Suppressions")
    add_view_class = SuppressionCreateView
    add_item_label = "Suppress an address"
    list_display = ["email", "reason", "source", "created_by", DateColumn("created_at")]
    filterset_class = SuppressionFilterSet
    search_fields = ["email", "note", "source"]
    inspect_view_fields = ["email", "reason", "source", "note", "created_by", "created_at"]
    edit_handler = ObjectList(
        [FieldPanel("email"), FieldPanel("reason"), FieldPanel("note")],
        base_form_class=SuppressionForm,
    )


class MailEventCreateView(BadRequestOnErrorsMixin, ServiceSaveMixin, snippets.CreateView):
    page_title = _("Record a bounce or complaint")

    def save_instance(self):
        data = self.form.cleaned_data
        return provider_events.mail_event_record(
            email=data["email"],
            event_type=data["event_type"],
            description=data["description"],
            occurred_at=data["occurred_at"],
            user=self.request.user,
        )


class MailEventViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = MailEvent
    icon = "warning"
    menu_label = _("Provider events")
    add_view_class = MailEventCreateView
    add_item_label = "Record a bounce or complaint"
    list_display = [
        "email",
        "event_type",
        "esp",
        "description",
        DateColumn("occurred_at", label=_("Occurred")),
        DateColumn("received_at", label=_("Recorded")),
    ]
    filterset_class = MailEventFilterSet
    search_fields = ["email", "description"]
    inspect_view_fields = [
        "email", "event_type", "esp", "event_id", "delivery", "description", "occurred_at",
        "received_at", "recorded_by",
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            FieldPanel("email"),
            FieldPanel("event_type"),
            FieldPanel("description"),
            FieldPanel("occurred_at"),
        ],
        base_form_class=MailEventForm,
    )


VIEWSETS = (MailingListViewSet, DeliveryViewSet, SuppressionViewSet, MailEventViewSet)
