"""Staff actions in the admin beyond a model's own views: review and personal data.

Reviewing applications needs the `change` permission on them, which only users with
coalition-wide reach hold; a person's data export and erasure need coalition-wide reach
itself, so alliance coordinators can do neither. Objects are looked up within the user's
reach, and every action is recorded in the audit log by its service.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry

from amicc.coalition.choices import ApplicationStatus
from amicc.coalition.models import AllianceMembership, OrganizationApplication, Person
from amicc.coalition.permissions import InspectView, reachable, user_is_coalition_staff
from amicc.coalition.services.privacy import person_erase, person_export
from amicc.coalition.services.review import (
    application_approve,
    application_decline,
    application_possible_duplicates,
)


def _inspect_url(obj) -> str:
    return reverse(obj.snippet_viewset.get_url_name("inspect"), args=[quote(obj.pk)])


class PersonInspectView(InspectView):
    """A person with their memberships; staff also see consents, roles and privacy actions."""

    staff_fields = ["consents", "represented_organizations", "coordinated_alliances"]
    labels = {
        "memberships": _("Alliance memberships"),
        "consents": _("Consents"),
        "represented_organizations": _("Represents"),
        "coordinated_alliances": _("Coordinates"),
        "user": _("Account"),
    }

    @cached_property
    def is_staff(self) -> bool:
        return user_is_coalition_staff(self.request.user)

    def get_fields(self):
        fields = [
            "name", "email", "phone", "zip_code", "state", "wants_newsletter",
            "wants_alliance_updates", "wants_action_alerts", "created_at", "memberships",
        ]  # fmt: skip
        return fields + (["user", "erased_at", *self.staff_fields] if self.is_staff else [])

    def get_field_label(self, field_name, field):
        return self.labels.get(field_name) or super().get_field_label(field_name, field)

    def get_memberships_display_value(self):
        # A coordinator sees the person's memberships of their own alliances only.
        memberships = reachable(AllianceMembership, self.request.user).filter(person=self.object)
        return (
            "; ".join(
                f"{membership.alliance} ({membership.get_status_display().lower()})"
                for membership in memberships.select_related("alliance")
            )
            or "-"
        )

    def get_consents_display_value(self):
        return (
            "; ".join(
                f"{record.recorded_at:%Y-%m-%d}: {'agreed to' if record.granted else 'withdrew'} "
                f"“{record.get_purpose_display()}” ({record.get_source_display().lower()})"
                for record in self.object.consents.all()
            )
            or "-"
        )

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.is_staff:
            buttons += [
                Button(
                    _("Export data"),
                    url=reverse("coalition_admin:person-export", args=[self.object.pk]),
                    icon_name="download",
                    priority=40,
                ),
                Button(
                    _("Erase personal data"),
                    url=reverse("coalition_admin:person-erase", args=[self.object.pk]),
                    icon_name="bin",
                    priority=50,
                ),
                Button(
                    _("Messages sent to this person"),
                    url=f"{reverse('wagtailsnippets_mailings_delivery:list')}?person={self.object.pk}",
                    icon_name="mail",
                    priority=30,
                ),
            ]
        return buttons


class ApplicationInspectView(InspectView):
    """Everything the applicant sent, possible duplicates, and the review buttons."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["duplicates"] = application_possible_duplicates(application=self.object)
        context["can_review"] = self.object.status == ApplicationStatus.PENDING and (
            self.user_has_permission("change")
        )
        return context


class ObjectActionView(WagtailAdminTemplateMixin, FormView):
    """A confirmation page and its POST for one object, found within the user's reach."""

    model: type
    form_class = forms.Form

    def permitted(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.permitted(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(reachable(self.model, request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_success_url(self):
        return _inspect_url(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object, cancel_url=_inspect_url(self.object), **kwargs
        )

    def refused(self, error: ValidationError):
        messages.error(self.request, " ".join(error.messages))
        return redirect(_inspect_url(self.object))


class ReviewView(ObjectActionView):
    model = OrganizationApplication
    header_icon = "form"

    def permitted(self, user) -> bool:
        return policy_registry.get_by_type(self.model).user_has_permission(user, "change")


class ApplicationApproveView(ReviewView):
    template_name = "coalition/admin/application_approve.html"
    page_title = _("Approve application")

    def get_context_data(self, **kwargs):
        duplicates = application_possible_duplicates(application=self.object)
        return super().get_context_data(duplicates=duplicates, **kwargs)

    def form_valid(self, form):
        try:
            organization = application_approve(application=self.object, by=self.request.user)
        except ValidationError as error:
            return self.refused(error)
        messages.success(
            self.request,
            _("%(organization)s is now a member; its contact was invited to sign in.")
            % {"organization": organization},
            buttons=[messages.button(_inspect_url(organization), _("View organization"))],
        )
        return redirect(self.get_success_url())


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent to the applicant by email."),
    )


class ApplicationDeclineView(ReviewView):
    form_class = DeclineForm
    template_name = "coalition/admin/application_decline.html"
    page_title = _("Decline application")

    def form_valid(self, form):
        try:
            application_decline(
                application=self.object, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return self.refused(error)
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Declined %(organization)s; the applicant was told why.")
            % {"organization": self.object.organization_name},
        )
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PersonEraseView(ObjectActionView):
    model = Person
    template_name = "coalition/admin/person_erase.html"
    page_title = _("Erase personal data")
    header_icon = "user"

    def permitted(self, user) -> bool:
        return user_is_coalition_staff(user)

    def form_valid(self, form):
        try:
            person_erase(person=self.object, by=self.request.user)
        except ValidationError as error:
            return self.refused(error)
        messages.success(self.request, _("The person's personal details were erased."))
        return redirect(self.get_success_url())


def person_export_view(request, pk: int):
    if not user_is_coalition_staff(request.user):
        raise PermissionDenied
    person = get_object_or_404(reachable(Person, request.user), pk=pk)
    data = person_export(person=person, by=request.user)
    response = JsonResponse(data, encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


urlpatterns = [
    path(
        "applications/<int:pk>/approve/",
        ApplicationApproveView.as_view(),
        name="application-approve",
    ),
    path(
        "applications/<int:pk>/decline/",
        ApplicationDeclineView.as_view(),
        name="application-decline",
    ),
    path("people/<int:pk>/export/", person_export_view, name="person-export"),
    path("people/<int:pk>/erase/", PersonEraseView.as_view(), name="person-erase"),
]


class GuardedSiteHistoryView(LogEntriesView):
    """Wagtail's site history, closed to users who reach only part of the coalition.

    The report lists the audit entries of every record of any model the user holds a
    permission on, so a coordinator would read the names of other alliances' people there.
    Editors without coalition permissions still see it. Routed outside Wagtail's admin
    URLs, it makes their admin-access check itself.
    """

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.has_perm("wagtailadmin.access_admin"):
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        partial_reach = user.is_authenticated and not user_is_coalition_staff(user)
        if partial_reach and any(
            perm.startswith("coalition.") for perm in user.get_all_permissions()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
