"""Newsletters in the admin, and the permission policies of the whole "Mailings" menu.

Newsletters are open to staff and to alliance coordinators, narrowed to the newsletters
of their alliances' lists (another's answers 404 on every URL, choosers and bulk actions
included). Lists and segments, deliveries, suppressions and provider events
(`viewsets_records`) are staff-only (`CoalitionPermissionPolicy` without a scope),
whatever model permissions a user holds. Deliveries and provider events are records:
nobody edits or deletes them here.
"""

from django import forms
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from amicc.coalition.permissions import (
    CoalitionPermissionPolicy,
    DeleteView,
    EditView,
    ReachableDeleteBulkAction,
    ReachableViewSetMixin,
)
from amicc.core.admin_forms import ServiceSaveMixin
from amicc.mailings.admin_forms import NewsletterFilterSet, NewsletterForm
from amicc.mailings.choices import DeliveryKind, DeliveryStatus, ListKind, NewsletterStatus
from amicc.mailings.models import Delivery, MailEvent, MailingList, Newsletter, Suppression
from amicc.mailings.services import compose


def hub_url(newsletter: Newsletter) -> str:
    return reverse("mailings_admin:newsletter", args=[newsletter.pk])


class DeletableWhilePolicy(CoalitionPermissionPolicy):
    """Records that can be deleted only while `_deletable` keeps them in a queryset."""

    def _deletable(self, queryset):
        raise NotImplementedError

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = list(actions)
        if "delete" in actions and not self._deletable(
            self.model._default_manager.filter(pk=instance.pk)
        ):
            actions.remove("delete")
        return bool(actions) and super().user_has_any_permission_for_instance(
            user, actions, instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        return self._deletable(instances) if set(actions) == {"delete"} else instances


class NewsletterPermissionPolicy(DeletableWhilePolicy):
    """Only a draft nothing was sent for (not even a test) can be deleted."""

    def _deletable(self, queryset):
        sent = Delivery.objects.filter(newsletter=OuterRef("pk"))
        return queryset.filter(status=NewsletterStatus.DRAFT).exclude(Exists(sent))


class ReadOnlyPermissionPolicy(CoalitionPermissionPolicy):
    """Staff-only records that the admin shows and never changes (`forbidden` actions)."""

    def __init__(self, model, *, forbidden=frozenset({"add", "change", "delete"})):
        super().__init__(model)
        self.forbidden = forbidden

    def user_has_permission(self, user, action):
        return action not in self.forbidden and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - self.forbidden)


class MailingListPermissionPolicy(DeletableWhilePolicy):
    """Staff-only; a segment no newsletter went to is the only list that can be deleted."""

    def _deletable(self, queryset):
        used = Newsletter.objects.filter(mailing_list=OuterRef("pk"))
        return queryset.filter(kind=ListKind.SEGMENT).exclude(Exists(used))


class InstanceDeleteView(DeleteView):
    """Asks the policy about this record: a sent newsletter or a built-in list stays."""

    def user_has_permission(self, permission):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, permission, self.object
        )


class MailingsDeleteBulkAction(ReachableDeleteBulkAction):
    """Wagtail's own bulk delete would name records outside the user's reach."""

    models = [Newsletter, MailingList, Delivery, Suppression, MailEvent]


class BadRequestOnErrorsMixin:
    """A form sent back with errors answers 400, as the site's other forms do."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if not getattr(self, "expects_json_response", False):
            response.status_code = 400
        return response


# --- Newsletters


def _newsletter_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in compose.EDITABLE_FIELDS}


class NewsletterCreateView(BadRequestOnErrorsMixin, ServiceSaveMixin, snippets.CreateView):
    def save_instance(self):
        return compose.newsletter_create(user=self.request.user, data=_newsletter_data(self.form))

    def get_success_url(self):
        return hub_url(self.object)


class NewsletterEditView(BadRequestOnErrorsMixin, ServiceSaveMixin, EditView):
    def dispatch(self, request, *args, **kwargs):
        if self.object.status not in compose.EDITABLE:
            messages.warning(
                request,
                f"“{self.object}” is {self.object.get_status_display().lower()}: "
                "once its sending started it can no longer be edited.",
            )
            return redirect(hub_url(self.object))
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        return compose.newsletter_update(
            newsletter=self.object, user=self.request.user, data=_newsletter_data(self.form)
        )

    @cached_property
    def header_more_buttons(self):
        return [
            Button(
                "Preview, test and send", url=hub_url(self.object), icon_name="mail", priority=5
            ),
            *super().header_more_buttons,
        ]


class NewsletterIndexView(snippets.IndexView):
    def get_list_more_buttons(self, instance):
        label = "Preview and send" if instance.status in compose.EDITABLE else "Progress and report"
        return [
            Button(label, url=hub_url(instance), icon_name="mail", priority=5),
            *super().get_list_more_buttons(instance),
        ]


def _when(newsletter: Newsletter) -> str:
    moment = newsletter.finished_at or newsletter.started_at or newsletter.scheduled_at
    if moment is None:
        return ""
    verb = {
        NewsletterStatus.SCHEDULED: "for",
        NewsletterStatus.SENDING: "started",
    }.get(newsletter.status, "ended")
    return f"{verb} {moment:%Y-%m-%d %H:%M}"


def _progress(newsletter: Newsletter):
    if newsletter.status in compose.EDITABLE:
        return ""
    text = f"{newsletter.sent_count} of {newsletter.total_recipients} sent"
    return format_html('<a href="{}">{}</a>', hub_url(newsletter), text)


class NewsletterViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = _("Newsletters")
    add_view_class = NewsletterCreateView
    edit_view_class = NewsletterEditView
    delete_view_class = InstanceDeleteView
    index_view_class = NewsletterIndexView
    list_display = [
        "title",
        "status",
        Column("mailing_list", label=_("List"), sort_key="mailing_list__name"),
        Column("when", label=_("When"), accessor=_when, sort_key="scheduled_at"),
        Column("progress", label=_("Progress"), accessor=_progress),
        BooleanColumn("is_public", label=_("Public")),
    ]
    filterset_class = NewsletterFilterSet
    search_fields = ["title", "subject"]
    ordering = ["-created_at"]
    list_export = [
        "title", "subject", "mailing_list", "get_status_display", "scheduled_at", "started_at",
        "finished_at", "total_recipients", "is_public",
    ]  # fmt: skip
    export_headings = {"mailing_list": "List", "get_status_display": "Status"}
    export_filename = "newsletters"
    inspect_view_fields = [
        "title", "slug", "subject", "preheader", "mailing_list", "status", "is_public",
        "scheduled_at", "queued_at", "started_at", "finished_at", "total_recipients",
        "created_by", "sent_by", "created_at", "updated_at",
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("subject"),
                    FieldPanel("preheader"),
                    # A plain choice of the lists in reach (not the staff-only list chooser).
                    FieldPanel("mailing_list", widget=forms.Select),
                ],
                heading=_("Newsletter"),
            ),
            FieldPanel("body"),
            FieldPanel("is_public"),
        ],
        base_form_class=NewsletterForm,
    )

    def get_queryset(self, request):
        sent = (
            Delivery.objects.filter(
                newsletter=OuterRef("pk"),
                kind=DeliveryKind.NEWSLETTER,
                status=DeliveryStatus.SENT,
            )
            .order_by()
            .values("newsletter")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .select_related("mailing_list")
            .annotate(sent_count=Coalesce(Subquery(sent), 0))
        )


POLICIES = {
    Newsletter: NewsletterPermissionPolicy(Newsletter, scope=compose.newsletters_in_reach),
    MailingList: MailingListPermissionPolicy(MailingList),
    Delivery: ReadOnlyPermissionPolicy(Delivery),
    Suppression: ReadOnlyPermissionPolicy(Suppression, forbidden=frozenset({"change"})),
    MailEvent: ReadOnlyPermissionPolicy(MailEvent, forbidden=frozenset({"change", "delete"})),
}
