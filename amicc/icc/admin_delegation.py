"""The delegation in the Wagtail admin: calls, applications and their review, the roster.

All of it is staff-only: applications carry people's CVs and the staff's judgement of
them. Decisions, withdrawals and logistics go through `amicc.icc.services.delegation`,
which logs each one on the application. The custom views live under /admin/icc/delegation/.
"""

import datetime
from functools import partial

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaks_filter
from django.urls import include, path, reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail import hooks
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
    user_is_coalition_staff,
)
from amicc.icc.choices import ApplicationStatus
from amicc.icc.forms_delegation import (
    DelegateLogisticsForm,
    DelegationApplicationReviewForm,
    DelegationCallForm,
)
from amicc.icc.models import DelegateLogistics, DelegationApplication, DelegationCall
from amicc.icc.services import delegation as services

URL_NAMESPACE = "icc_delegation"


class ApplicationPermissionPolicy(CoalitionPermissionPolicy):
    """Applications come from the public form only, with their CV: staff never add one."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


for model, policy in (
    (DelegationCall, CoalitionPermissionPolicy),
    (DelegationApplication, ApplicationPermissionPolicy),
    (DelegateLogistics, CoalitionPermissionPolicy),
):
    register_permission_policy(model, policy(model))


def _require_staff(user) -> None:
    if not user_is_coalition_staff(user):
        raise PermissionDenied


def _inspect_url(application: DelegationApplication) -> str:
    viewset = DelegationApplication.snippet_viewset
    return reverse(viewset.get_url_name("inspect"), args=[quote(application.pk)])


def roster_url(call: DelegationCall) -> str:
    return reverse(f"{URL_NAMESPACE}:roster", args=[call.pk])


def applications_url(call: DelegationCall) -> str:
    listing = reverse(DelegationApplication.snippet_viewset.get_url_name("list"))
    return f"{listing}?call={call.pk}"


class DelegationCallIndexView(snippets.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            Button(
                _("Applications"), url=applications_url(instance), icon_name="form", priority=15
            ),
            Button(_("Roster"), url=roster_url(instance), icon_name="group", priority=16),
        ]


class DelegationCallEditView(snippets.EditView):
    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Applications"), url=applications_url(self.object), icon_name="form"),
            Button(_("Roster"), url=roster_url(self.object), icon_name="group"),
        ]


def _applications_with(status: str) -> Count:
    return Count("applications", filter=Q(applications__status=status))


class DelegationCallViewSet(SnippetViewSet):
    model = DelegationCall
    icon = "group"
    menu_label = gettext_lazy("Delegation calls")
    menu_order = 500
    index_view_class = DelegationCallIndexView
    edit_view_class = DelegationCallEditView
    copy_view_enabled = False
    list_display = [
        "session",
        "deadline",
        "places",
        Column("accepted", label=gettext_lazy("Accepted"), sort_key="accepted"),
        Column("waitlisted", label=gettext_lazy("Waitlisted"), sort_key="waitlisted"),
        Column("report_published_at", label=gettext_lazy("Report published")),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("session"),
                    FieldPanel("introduction"),
                    FieldPanel("deadline"),
                    FieldPanel("places"),
                ],
                heading=gettext_lazy("The call"),
            ),
            MultiFieldPanel(
                [FieldPanel("report_title"), FieldPanel("report"), FieldPanel("publish_report")],
                heading=gettext_lazy("The report, after the session"),
            ),
        ],
        base_form_class=DelegationCallForm,
    )

    def get_queryset(self, request):
        return DelegationCall.objects.select_related("session").annotate(
            accepted=_applications_with(ApplicationStatus.ACCEPTED),
            waitlisted=_applications_with(ApplicationStatus.WAITLISTED),
        )


class ApplicationInspectView(snippets.InspectView):
    """What the applicant sent, a link to their CV, and the decision buttons."""

    def get_statement_display_value(self):
        return linebreaks_filter(self.object.statement, autoescape=True)

    def get_available_days_display_value(self):
        days = [datetime.date.fromisoformat(day) for day in self.object.available_days]
        return "; ".join(formats.date_format(day, _("l, F j, Y")) for day in days) or "-"

    def get_cv_display_value(self):
        url = reverse(f"{URL_NAMESPACE}:cv", args=[self.object.pk])
        return format_html('<a href="{}" download>{}</a>', url, _("Download the CV (PDF)"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.object.status
        context["decisions"] = [
            (value, label)
            for value, label in (
                (ApplicationStatus.ACCEPTED, _("Accept")),
                (ApplicationStatus.WAITLISTED, _("Waitlist")),
                (ApplicationStatus.DECLINED, _("Decline")),
            )
            if status not in (value, ApplicationStatus.WITHDRAWN)
        ]
        context["decide_url"] = reverse(f"{URL_NAMESPACE}:decide", args=[self.object.pk])
        context["roster_url"] = roster_url(self.object.call)
        return context


class DelegationApplicationViewSet(SnippetViewSet):
    model = DelegationApplication
    icon = "form"
    menu_label = gettext_lazy("Delegation applications")
    menu_order = 510
    index_view_class = IndexView  # defuses spreadsheet formulas in the CSV export
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    inspect_template_name = "icc/delegation/admin_application_inspect.html"
    inspect_view_fields = [
        "call", "name", "email", "affiliation", "role", "statement", "available_days", "cv",
        "status", "score", "staff_notes", "submitted_at", "decided_at", "decided_by",
        "waitlisted_at", "person",
    ]  # fmt: skip
    copy_view_enabled = False
    list_display = [
        "name",
        "affiliation",
        "role",
        "status",
        "score",
        Column("submitted_at", label=gettext_lazy("Submitted"), sort_key="submitted_at"),
    ]
    list_filter = ["call", "status", "role"]
    search_fields = ["name", "email", "affiliation"]
    search_backend_name = None  # the ORM, over search_fields
    list_export = [
        "call",
        "name",
        "email",
        "affiliation",
        "get_role_display",
        "get_status_display",
        "score",
        "submitted_at",
        "decided_at",
    ]
    export_headings = {
        "get_role_display": gettext_lazy("Role"),
        "get_status_display": gettext_lazy("Status"),
    }
    export_filename = "delegation-applications"
    edit_handler = ObjectList(
        [FieldPanel("score"), FieldPanel("staff_notes")],
        base_form_class=DelegationApplicationReviewForm,
    )

    def get_queryset(self, request):
        return DelegationApplication.objects.select_related("call__session").order_by(
            "-submitted_at", "-pk"
        )


VIEWSETS = [DelegationCallViewSet, DelegationApplicationViewSet]


@require_POST
def application_decide_view(request, pk: int):
    _require_staff(request.user)
    application = get_object_or_404(DelegationApplication, pk=pk)
    decision = request.POST.get("decision", "")
    try:
        application = services.application_decide(
            application=application, decision=decision, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        label = application.get_status_display().lower()
        message = _("%(name)s is %(status)s; we emailed them the decision.")
        messages.success(request, message % {"name": application.name, "status": label})
    return redirect(_inspect_url(application))


def application_cv_view(request, pk: int):
    """The applicant's CV from the private storage, as a download that no browser renders."""
    _require_staff(request.user)
    application = get_object_or_404(DelegationApplication.objects.only("pk", "name", "cv"), pk=pk)
    if not application.cv:
        raise Http404("This application has no CV.")
    try:
        stream = application.cv.storage.open(application.cv.name, "rb")
    except FileNotFoundError as missing:
        raise Http404("The CV file is missing from the private storage.") from missing
    filename = f"cv-{slugify(application.name) or 'applicant'}-{application.pk}.pdf"
    response = FileResponse(
        stream, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


class RosterView(WagtailAdminTemplateMixin, TemplateView):
    """A call's accepted delegates with their logistics checklist, and its waitlist."""

    template_name = "icc/delegation/admin_roster.html"
    page_title = gettext_lazy("Delegation roster")
    header_icon = "group"

    def dispatch(self, request, *args, pk: int, **kwargs):
        _require_staff(request.user)
        self.call = get_object_or_404(DelegationCall.objects.select_related("session"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return str(self.call)

    def get_breadcrumbs_items(self):
        viewset = DelegationCall.snippet_viewset
        edit = reverse(viewset.get_url_name("edit"), args=[quote(self.call.pk)])
        return [
            *self.breadcrumbs_items,
            {"url": reverse(viewset.get_url_name("list")), "label": _("Delegation calls")},
            {"url": edit, "label": str(self.call)},
            {"url": "", "label": self.page_title},
        ]

    def delegates(self) -> list[DelegationApplication]:
        return list(
            self.call.applications.filter(status=ApplicationStatus.ACCEPTED)
            .select_related("logistics")
            .order_by("name", "pk")
        )

    def _form(self, application: DelegationApplication, data=None) -> DelegateLogisticsForm:
        logistics = getattr(application, "logistics", None) or DelegateLogistics(
            application=application
        )
        return DelegateLogisticsForm(data, instance=logistics, prefix=f"delegate-{application.pk}")

    def get_context_data(self, bound=None, **kwargs):
        rows = [
            (delegate, bound if bound and bound.instance.application_id == delegate.pk
             else self._form(delegate))
            for delegate in self.delegates()
        ]  # fmt: skip
        waitlist = self.call.applications.filter(status=ApplicationStatus.WAITLISTED).order_by(
            "waitlisted_at", "pk"
        )
        return super().get_context_data(
            call=self.call,
            rows=rows,
            accepted=len(rows),
            waitlist=list(waitlist),
            applications_url=applications_url(self.call),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            chosen = int(request.POST.get("delegate", ""))
        except ValueError:
            raise Http404("Say whose logistics to save.") from None
        delegate = get_object_or_404(self.call.applications.select_related("logistics"), pk=chosen)
        form = self._form(delegate, request.POST)
        if form.is_valid():
            try:
                services.logistics_update(
                    application=delegate, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, _("Saved the logistics of %(name)s.") % {"name": delegate.name}
                )
            return redirect(f"{roster_url(self.call)}#delegate-{delegate.pk}")
        message = _("The logistics of %(name)s were not saved; see below.")
        messages.error(request, message % {"name": delegate.name})
        return self.render_to_response(self.get_context_data(bound=form), status=400)


def _cv_files_delete(names: list[str]) -> None:
    storage = DelegationApplication._meta.get_field("cv").storage
    for name in names:
        storage.delete(name)


@hooks.register("after_delete_snippet")
def delete_cvs_of_deleted_applications(request, instances):
    names = [obj.cv.name for obj in instances if isinstance(obj, DelegationApplication) and obj.cv]
    if names:
        transaction.on_commit(partial(_cv_files_delete, names))


@hooks.register("register_admin_urls")
def delegation_admin_urls():
    patterns = [
        path("applications/<int:pk>/decide/", application_decide_view, name="decide"),
        path("applications/<int:pk>/cv/", application_cv_view, name="cv"),
        path("calls/<int:pk>/roster/", RosterView.as_view(), name="roster"),
    ]
    return [path("icc/delegation/", include((patterns, URL_NAMESPACE)))]


@hooks.register("register_log_actions")
def register_delegation_log_actions(actions):
    for action, label, message in (
        (
            services.ACCEPT_ACTION,
            gettext_lazy("Accept into the delegation"),
            gettext_lazy("Accepted"),
        ),
        (
            services.WAITLIST_ACTION,
            gettext_lazy("Waitlist for the delegation"),
            gettext_lazy("Waitlisted"),
        ),
        (
            services.DECLINE_ACTION,
            gettext_lazy("Decline for the delegation"),
            gettext_lazy("Declined"),
        ),
        (
            services.WITHDRAW_ACTION,
            gettext_lazy("Withdraw from the delegation"),
            gettext_lazy("Withdrew"),
        ),
        (
            services.PROMOTE_ACTION,
            gettext_lazy("Give a place from the waitlist"),
            gettext_lazy("Given a place from the waitlist"),
        ),
        (
            services.LOGISTICS_ACTION,
            gettext_lazy("Update delegate logistics"),
            gettext_lazy("Updated the logistics"),
        ),
    ):
        actions.register_action(action, label, message)
