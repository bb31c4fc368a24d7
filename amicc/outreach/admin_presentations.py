"""Presentation requests and the speaker roster in the admin; both are staff-only.

Coordinators do not see requests: they hold the contacts of people outside their
alliances. A request's status moves only through the triage pages under
/admin/outreach/requests/<pk>/<move>/, which call `services.presentations`; the edit form
changes the details the requester gave and the staff's notes, never the status.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from amicc.coalition.permissions import (
    CoalitionPermissionPolicy,
    IndexView,
    ReachableChooserViewSet,
    user_is_coalition_staff,
)
from amicc.outreach.choices import RequestStatus
from amicc.outreach.forms_admin import (
    CloseForm,
    DeclineForm,
    DeliverForm,
    ScheduleForm,
    SpeakerForm,
)
from amicc.outreach.models import PresentationRequest, Speaker
from amicc.outreach.selectors import speakers_suggested
from amicc.outreach.services import presentations as services

URL_NAMESPACE = "outreach_requests"


class RequestPermissionPolicy(CoalitionPermissionPolicy):
    """Requests come from the public form, with the contact's consent: staff never add one."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Speaker, CoalitionPermissionPolicy(Speaker))
register_permission_policy(PresentationRequest, RequestPermissionPolicy(PresentationRequest))


def _inspect_url(request: PresentationRequest) -> str:
    viewset = PresentationRequest.snippet_viewset
    return reverse(viewset.get_url_name("inspect"), args=[quote(request.pk)])


# (status reached, button label, URL part, form); the order of the buttons.
MOVES = [
    (RequestStatus.SCHEDULED, "Schedule", "schedule", ScheduleForm),
    (RequestStatus.DELIVERED, "Mark delivered", "deliver", DeliverForm),
    (RequestStatus.DECLINED, "Decline", "decline", DeclineForm),
    (RequestStatus.CLOSED, "Close", "close", CloseForm),
]


def _moves(request: PresentationRequest) -> list[tuple[str, str]]:
    """(label, URL) of each move the request's status allows."""
    allowed = services.allowed_moves(request)
    return [
        (
            "Reschedule" if status == request.status == RequestStatus.SCHEDULED else label,
            reverse(f"{URL_NAMESPACE}:{part}", args=[request.pk]),
        )
        for status, label, part, _ in MOVES
        if status in allowed
    ]


class RequestInspectView(snippets.InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "-" if value in (None, "") else value

    def get_topics_display_value(self):
        return ", ".join(topic.name for topic in self.object.topics.all()) or "-"

    def get_context_data(self, **kwargs):
        return super().get_context_data(moves=_moves(self.object), **kwargs)


class RequestEditView(snippets.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons += [
            Button(label, url=url, icon_name="arrow-right") for label, url in _moves(self.object)
        ]
        return buttons


class RequestIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *(
                Button(label, url=url, icon_name="arrow-right", priority=20 + index)
                for index, (label, url) in enumerate(_moves(instance))
            ),
        ]


class PresentationRequestViewSet(SnippetViewSet):
    model = PresentationRequest
    icon = "group"
    menu_label = _("Presentation requests")
    menu_order = 100
    index_view_class = RequestIndexView
    edit_view_class = RequestEditView
    inspect_view_class = RequestInspectView
    inspect_view_enabled = True
    inspect_template_name = "outreach/admin/request_inspect.html"
    copy_view_enabled = False
    # Wagtail's own chooser lists every record to anyone with admin access.
    chooser_viewset_class = ReachableChooserViewSet
    search_backend_name = None  # the ORM, over search_fields
    list_display = [
        "organization",
        Column(
            "place", label=_("Where"), accessor=lambda r: f"{r.city}, {r.state}", sort_key="state"
        ),
        "status",
        "preferred_date_1",
        "speaker",
        "scheduled_for",
        "delivered_on",
    ]
    list_filter = ["status", "state", "format", "audience_type", "speaker"]
    search_fields = ["organization", "contact_name", "contact_email", "city", "zip_code"]
    list_export = [
        "organization", "contact_name", "contact_email", "contact_phone", "city", "state",
        "zip_code", "get_audience_type_display", "audience_size", "get_format_display",
        "get_status_display", "speaker", "scheduled_for", "delivered_on", "feedback_rating",
        "submitted_at",
    ]  # fmt: skip
    export_headings = {
        "get_audience_type_display": "Audience",
        "get_format_display": "Format",
        "get_status_display": "Status",
    }
    export_filename = "presentation-requests"
    inspect_view_fields = [
        "organization", "contact_name", "contact_email", "contact_phone", "city", "state",
        "zip_code", "preferred_date_1", "preferred_date_2", "preferred_date_3", "format",
        "audience_type", "audience_size", "topics", "notes", "staff_notes", "status", "speaker",
        "scheduled_for", "delivered_on", "decline_reason", "feedback_rating",
        "feedback_comments", "feedback_received_at", "submitted_at", "person",
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("organization"),
                    FieldPanel("contact_name"),
                    FieldPanel("contact_email"),
                    FieldPanel("contact_phone"),
                ],
                heading=_("Requester"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("city"),
                    FieldPanel("state"),
                    FieldPanel("zip_code"),
                    FieldPanel("format"),
                    FieldPanel("preferred_date_1"),
                    FieldPanel("preferred_date_2"),
                    FieldPanel("preferred_date_3"),
                ],
                heading=_("Where and when"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("audience_type"),
                    FieldPanel("audience_size"),
                    FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("notes"),
                    FieldPanel("staff_notes"),
                ],
                heading=_("Audience"),
            ),
        ]
    )

    def get_queryset(self, request):
        return PresentationRequest.objects.select_related("speaker")


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    menu_order = 110
    index_view_class = IndexView
    copy_view_enabled = False
    chooser_viewset_class = ReachableChooserViewSet
    search_backend_name = None
    list_display = [
        "name",
        "kind",
        Column("covers", label=_("States"), accessor=lambda s: ", ".join(s.states) or "Anywhere"),
        "is_active",
    ]
    list_filter = ["kind", "is_active", "topics"]
    search_fields = ["name", "email"]
    list_export = ["name", "email", "get_kind_display", "states", "is_active"]
    export_headings = {"get_kind_display": "Kind"}
    export_filename = "speakers"
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("email"),
            FieldPanel("kind"),
            FieldPanel("is_active"),
            FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            FieldPanel("states"),
            FieldPanel("bio"),
        ],
        base_form_class=SpeakerForm,
    )


class RequestMoveView(WagtailAdminTemplateMixin, FormView):
    """One triage step on one request: a short form, then the service; errors come back."""

    template_name = "outreach/admin/request_move.html"
    header_icon = "group"
    status: str = ""
    label: str = ""

    def dispatch(self, request, *args, pk: int, **kwargs):
        if not user_is_coalition_staff(request.user):
            # A plain 403: Wagtail's admin would turn PermissionDenied into a redirect.
            return permission_denied(request, PermissionDenied())
        self.object = get_object_or_404(
            PresentationRequest.objects.select_related("speaker"), pk=pk
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return self.label

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def get_breadcrumbs_items(self):
        listing = reverse(PresentationRequest.snippet_viewset.get_url_name("list"))
        return [
            *self.breadcrumbs_items,
            {"url": listing, "label": "Presentation requests"},
            {"url": _inspect_url(self.object), "label": str(self.object)},
            {"url": "", "label": self.label},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        allowed = self.status in services.allowed_moves(self.object)
        return {
            **context,
            "object": self.object,
            "allowed": allowed,
            "inspect_url": _inspect_url(self.object),
        }

    def form_valid(self, form):
        try:
            self.move(form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.update_error_dict({}).items():
                form.add_error(field if field in form.fields else None, errors)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, self.success_message())
        return redirect(_inspect_url(self.object))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def success_message(self) -> str:
        return f"{self.object.organization}: {self.label.lower()} done; we emailed the requester."


class ScheduleView(RequestMoveView):
    form_class = ScheduleForm
    status, label = RequestStatus.SCHEDULED, "Schedule"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        return {**kwargs, "request": self.object, "suggestions": speakers_suggested(self.object)}

    def move(self, data):
        self.object = services.presentation_request_schedule(
            request=self.object, by=self.request.user, **data
        )

    def success_message(self) -> str:
        when = timezone.localtime(self.object.scheduled_for)
        return (
            f"{self.object.organization}: scheduled with {self.object.speaker} on "
            f"{when:%Y-%m-%d %H:%M}; we emailed the requester and the speaker."
        )


class DeliverView(RequestMoveView):
    form_class = DeliverForm
    status, label = RequestStatus.DELIVERED, "Mark delivered"

    def get_initial(self):
        scheduled = self.object.scheduled_for
        day = timezone.localtime(scheduled).date() if scheduled else timezone.localdate()
        return {"delivered_on": min(day, timezone.localdate())}

    def move(self, data):
        self.object = services.presentation_request_deliver(
            request=self.object, by=self.request.user, **data
        )

    def success_message(self) -> str:
        return f"{self.object.organization}: delivered; we emailed the requester a feedback link."


class DeclineView(RequestMoveView):
    form_class = DeclineForm
    status, label = RequestStatus.DECLINED, "Decline"

    def move(self, data):
        self.object = services.presentation_request_decline(
            request=self.object, by=self.request.user, **data
        )


class CloseView(RequestMoveView):
    form_class = CloseForm
    status, label = RequestStatus.CLOSED, "Close"

    def move(self, data):
        self.object = services.presentation_request_close(request=self.object, by=self.request.user)


def admin_urls() -> list:
    return [
        path("<int:pk>/schedule/", ScheduleView.as_view(), name="schedule"),
        path("<int:pk>/deliver/", DeliverView.as_view(), name="deliver"),
        path("<int:pk>/decline/", DeclineView.as_view(), name="decline"),
        path("<int:pk>/close/", CloseView.as_view(), name="close"),
    ]


LOG_ACTIONS = [
    (services.SCHEDULE_ACTION, "Schedule a presentation", "Scheduled"),
    (services.DELIVER_ACTION, "Mark a presentation delivered", "Marked delivered"),
    (services.DECLINE_ACTION, "Decline a presentation request", "Declined"),
    (services.CLOSE_ACTION, "Close a presentation request", "Closed"),
    (services.FEEDBACK_ACTION, "Record the requester's feedback", "Feedback received"),
]

VIEWSETS = [PresentationRequestViewSet, SpeakerViewSet]
