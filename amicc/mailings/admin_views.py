"""A newsletter's own page in the admin, and what can be done from it.

The page (`newsletter`) shows the newsletter's state with its actions, then its progress
while it is sent (refreshed by htmx every two seconds, or by the page itself without
JavaScript) and its report once done. Each action is a POST with its confirmation page,
carried out and audit-logged by `services.compose`. Newsletters are looked up within the
user's reach, so another alliance's answer 404; a refused action (a newsletter that is no
longer a draft, a time in the past) comes back as a message or a form error, never a 500.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from amicc.coalition.permissions import user_is_coalition_staff
from amicc.mailings.admin_forms import PreviewForm, ScheduleForm
from amicc.mailings.choices import NewsletterStatus
from amicc.mailings.models import Newsletter
from amicc.mailings.services import audience, compose
from amicc.mailings.viewsets import hub_url

PREVIEW_CHOICES = 25
POLL_SECONDS = 2


class NewsletterMixin(WagtailAdminTemplateMixin):
    """Finds the newsletter within the user's reach after checking the model permission."""

    permission = "change"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(Newsletter)
        if not policy.user_has_permission(request.user, self.permission):
            raise PermissionDenied
        newsletters = compose.newsletters_in_reach(request.user).select_related("mailing_list")
        self.object = get_object_or_404(newsletters, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def can_change(self) -> bool:
        policy = policy_registry.get_by_type(Newsletter)
        return policy.user_has_permission(self.request.user, "change")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        index = reverse(Newsletter.snippet_viewset.get_url_name("list"))
        items = [
            *self.breadcrumbs_items,
            {"url": index, "label": "Newsletters"},
            {"url": hub_url(self.object), "label": str(self.object)},
        ]
        if title := self.get_page_title():
            items.append({"url": "", "label": title})
        return items

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object, newsletter=self.object, hub_url=hub_url(self.object), **kwargs
        )


class NewsletterView(NewsletterMixin, TemplateView):
    permission = "view"
    template_name = "mailings/admin/newsletter.html"

    def get_page_title(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items()[:-2] + [{"url": "", "label": str(self.object)}]

    def get_context_data(self, **kwargs):
        newsletter = self.object
        editable = newsletter.status in compose.EDITABLE
        context = {
            "editable": editable,
            "can_change": self.can_change,
            "edit_url": reverse(
                Newsletter.snippet_viewset.get_url_name("edit"), args=[newsletter.pk]
            ),
            "recipient_count": audience.list_recipient_count(newsletter.mailing_list)
            if editable
            else None,
            "is_sending": newsletter.status == NewsletterStatus.SENDING,
            "poll_seconds": POLL_SECONDS,
        }
        if not editable:
            context.update(_progress_context(self.request, newsletter))
        return super().get_context_data(**context, **kwargs)


def duration_text(duration: datetime.timedelta) -> str:
    """ "1 h 4 min", "3 min 20 s", "12 s", "0.4 s": as precise as a report needs."""
    if duration.total_seconds() < 10:
        return f"{duration.total_seconds():.1f} s"
    seconds = round(duration.total_seconds())
    hours, minutes, seconds = seconds // 3600, seconds // 60 % 60, seconds % 60
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def _progress_context(request, newsletter: Newsletter) -> dict:
    finished = newsletter.status in (NewsletterStatus.SENT, NewsletterStatus.CANCELLED)
    if finished:
        report = compose.newsletter_report(newsletter)
        progress = report["progress"]
        if report["duration"] is not None:
            report["duration_text"] = duration_text(report["duration"])
    else:
        report, progress = None, compose.newsletter_progress(newsletter)
    return {
        "progress": progress,
        "report": report,
        "progress_url": reverse("mailings_admin:newsletter-progress", args=[newsletter.pk]),
        "show_deliveries": user_is_coalition_staff(request.user),
        "poll_seconds": POLL_SECONDS,
    }


class NewsletterProgressView(NewsletterMixin, TemplateView):
    """The progress part alone: what htmx polls while the newsletter is sent."""

    permission = "view"
    template_name = "mailings/admin/_progress.html"

    def get_context_data(self, **kwargs):
        return {"newsletter": self.object, **_progress_context(self.request, self.object)}

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.request.htmx and self.object.status != NewsletterStatus.SENDING:
            response["HX-Refresh"] = "true"  # the whole page: its actions changed too
        return response


class ActionView(NewsletterMixin, FormView):
    """A confirmation page and its POST; `act` calls the service and returns a message."""

    form_class = forms.Form
    template_name = "mailings/admin/confirm.html"
    button_label = ""
    button_class = "button"
    explanation = ""
    statuses: tuple[str, ...] = compose.EDITABLE  # whose newsletters it applies to

    def get(self, request, *args, **kwargs):
        if refused := self.refusal():
            return refused
        return super().get(request, *args, **kwargs)

    def refusal(self):
        """A redirect with a message when the action does not apply to the newsletter now."""
        if self.object.status in self.statuses:
            return None
        status = self.object.get_status_display().lower()
        messages.error(
            self.request,
            f"“{self.object}” is {status}: “{self.get_page_title()}” does not apply to it.",
        )
        return redirect(hub_url(self.object))

    def act(self, form) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            button_label=self.get_button_label(),
            button_class=self.button_class,
            explanation=self.get_explanation(),
            **kwargs,
        )

    def get_explanation(self) -> str:
        return self.explanation

    def get_button_label(self) -> str:
        return self.button_label

    def form_valid(self, form):
        try:
            message = self.act(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(hub_url(self.object))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SendNowView(ActionView):
    page_title = _("Send now")
    button_label = "Yes, send it now"

    def get_explanation(self) -> str:
        count = audience.list_recipient_count(self.object.mailing_list)
        return (
            f"“{self.object.subject}” goes to the {count:,} recipients of the list "
            f"“{self.object.mailing_list}” now. Once sending starts it cannot be edited; "
            "it can be cancelled, which stops it for those not yet sent to."
        )

    def act(self, form) -> str:
        compose.newsletter_send_now(newsletter=self.object, user=self.request.user)
        return f"Started sending “{self.object}”."


class ScheduleView(ActionView):
    page_title = _("Schedule")
    form_class = ScheduleForm
    button_label = "Schedule it"

    def get_explanation(self) -> str:
        return (
            f"Choose when “{self.object}” is sent to the list “{self.object.mailing_list}”. "
            "Until then it stays editable, and it can be unscheduled."
        )

    def get_initial(self):
        return {"at": self.object.scheduled_at}

    def act(self, form) -> str:
        at = form.cleaned_data["at"]
        compose.newsletter_schedule(newsletter=self.object, at=at, user=self.request.user)
        local = timezone.localtime(at)
        return f"“{self.object}” is scheduled for {local:%Y-%m-%d %H:%M} ({local:%Z})."


class UnscheduleView(ActionView):
    page_title = _("Unschedule")
    statuses = (NewsletterStatus.SCHEDULED,)
    button_label = "Yes, unschedule it"
    explanation = "It becomes a draft again, and is not sent until someone sends or schedules it."

    def act(self, form) -> str:
        compose.newsletter_unschedule(newsletter=self.object, user=self.request.user)
        return f"“{self.object}” is a draft again."


class CancelView(ActionView):
    page_title = _("Cancel the send")
    statuses = (NewsletterStatus.SENDING,)
    button_label = "Yes, stop sending"
    button_class = "button serious"
    explanation = (
        "Nobody else gets it: the messages already sent stay sent, the rest are skipped. "
        "This cannot be undone."
    )

    def act(self, form) -> str:
        compose.newsletter_cancel(newsletter=self.object, user=self.request.user)
        return f"Sending “{self.object}” is cancelled."


class ArchiveView(ActionView):
    """Show a sent newsletter in the public archive, or take it out."""

    statuses = (NewsletterStatus.SENT,)

    def get_page_title(self):
        return "Take it out of the archive" if self.object.is_public else "Show it in the archive"

    def get_button_label(self) -> str:
        return "Yes, take it out" if self.object.is_public else "Yes, show it"

    def get_explanation(self) -> str:
        if self.object.is_public:
            return f"“{self.object}” will no longer be on the public newsletter archive."
        return (
            f"“{self.object}” will be on the public newsletter archive, for everyone to read, "
            "without anything personal: no greeting, alliance or representatives."
        )

    def act(self, form) -> str:
        newsletter = compose.newsletter_archive_set(
            newsletter=self.object, is_public=not self.object.is_public, user=self.request.user
        )
        where = "in" if newsletter.is_public else "out of"
        return f"“{newsletter}” is {where} the public archive."


class TestSendForm(forms.Form):
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TestSendView(ActionView):
    page_title = _("Send a test")
    statuses = tuple(NewsletterStatus.values)  # a sent one too: to see what went out
    form_class = TestSendForm
    button_label = "Send me a test"

    def get_explanation(self) -> str:
        return (
            f"A test of “{self.object}” goes to your own address, {self.request.user.email or '—'}"
            ", with “[Test]” before its subject."
        )

    def act(self, form) -> str:
        person = None
        if person_id := form.cleaned_data.get("person"):
            person = compose.newsletter_recipients(self.object).filter(pk=person_id).first()
            if person is None:
                raise ValidationError("Choose one of the list's recipients.")
        delivery = compose.newsletter_test_send(
            newsletter=self.object, user=self.request.user, person=person
        )
        return f"A test is on its way to {delivery.email}."


class PreviewView(NewsletterMixin, FormView):
    """Choose a recipient (search by name or email), then see their message (a POST)."""

    page_title = _("Preview")
    template_name = "mailings/admin/preview.html"
    form_class = PreviewForm

    @cached_property
    def query(self) -> str:
        # PostgreSQL refuses a NUL in a query (a 500); nobody's name or address has one.
        return self.request.GET.get("q", "").replace("\x00", "").strip()[:100]

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "recipients": compose.newsletter_recipients(self.object),
        }

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        recipients = compose.newsletter_recipients(self.object)
        if self.query:
            recipients = recipients.filter(
                Q(name__icontains=self.query) | Q(email__icontains=self.query)
            )
        shown = recipients.order_by("name", "pk")[:PREVIEW_CHOICES]
        field = form.fields["person"]
        # Offer a handful; any recipient's id is accepted (the field's queryset is all).
        field.widget.choices = [("", field.empty_label)] + [
            (person.pk, f"{person.name} <{person.email}>") for person in shown
        ]
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)

    def form_valid(self, form):
        person = form.cleaned_data["person"]
        message = compose.newsletter_preview(
            newsletter=self.object, user=self.request.user, person=person
        )
        context = self.get_context_data(form=form, message=message, person=person)
        return TemplateResponse(self.request, self.template_name, context)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


urlpatterns = [
    path("newsletters/<int:pk>/", NewsletterView.as_view(), name="newsletter"),
    path(
        "newsletters/<int:pk>/progress/",
        NewsletterProgressView.as_view(),
        name="newsletter-progress",
    ),
    path("newsletters/<int:pk>/preview/", PreviewView.as_view(), name="newsletter-preview"),
    path("newsletters/<int:pk>/test/", TestSendView.as_view(), name="newsletter-test"),
    path("newsletters/<int:pk>/send/", SendNowView.as_view(), name="newsletter-send"),
    path("newsletters/<int:pk>/schedule/", ScheduleView.as_view(), name="newsletter-schedule"),
    path(
        "newsletters/<int:pk>/unschedule/",
        UnscheduleView.as_view(),
        name="newsletter-unschedule",
    ),
    path("newsletters/<int:pk>/cancel/", CancelView.as_view(), name="newsletter-cancel"),
    path("newsletters/<int:pk>/archive/", ArchiveView.as_view(), name="newsletter-archive"),
]
