"""Poll design in the admin: the "Polls" menu item.

Staff reach every poll and may leave the alliance empty for a coalition poll;
coordinators reach, create and edit only their own alliances' polls (another alliance's
poll answers 404). Any state or district may be chosen as an area, also for an alliance's
poll: alliances campaign beyond their own districts. Forms save through
`services.design.poll_design_save`, which holds every rule of a poll's design.
"""

from django import forms
from django.db.models import Count, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from amicc.coalition.models import Alliance
from amicc.coalition.permissions import (
    CoalitionPermissionPolicy,
    EditView,
    ReachableDeleteBulkAction,
    ReachableViewSetMixin,
    alliance_field_narrow,
    reachable,
)
from amicc.core.admin_forms import ServiceSaveMixin
from amicc.polls.models import Poll
from amicc.polls.services.design import poll_design_save

COALITION_POLL = gettext_lazy("None: a poll of the coalition's staff")
KIND_HELP = gettext_lazy(
    "Single and multiple choice questions need at least two options. An agreement question "
    "always gets the 5-point scale, from “Strongly agree” to “Strongly disagree”: options "
    "typed for it are replaced. A free-text question has no options."
)


def _polls_in_reach(user) -> QuerySet[Poll]:
    return Poll.objects.filter(alliance__in=reachable(Alliance, user))


register_permission_policy(Poll, CoalitionPermissionPolicy(Poll, scope=_polls_in_reach))


class PollForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        alliance_field_narrow(
            self,
            user=self.for_user,
            staff_label=COALITION_POLL,
            help_text=_("The alliance of yours that runs this poll."),
        )
        self.fields["scope"].help_text = _(
            "For chosen states or districts, list them under “Areas”. Any state or district "
            "may be chosen."
        )
        self.fields["slug"].help_text = _("The poll's address: /polls/<slug>/. Letters, digits, -.")

    def clean(self):
        cleaned = super().clean()
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            # On the field rather than from the model's constraint, which names no field.
            self.add_error("closes_at", _("A poll closes after it opens."))
        return cleaned


class PollDesignSaveMixin(ServiceSaveMixin):
    """Saves through `poll_design_save`; a rule it enforces comes back as a form error."""

    def save_instance(self):
        return poll_design_save(poll=self.form.save(commit=False), by=self.request.user)


class PollCreateView(PollDesignSaveMixin, snippets.CreateView):
    pass


class PollEditView(PollDesignSaveMixin, EditView):
    pass


class PollDeleteBulkAction(ReachableDeleteBulkAction):
    models = [Poll]


# After Wagtail's own bulk delete (order 0), so this one is what polls get.
hooks.register("register_bulk_action", PollDeleteBulkAction, order=1)


def _status(poll: Poll) -> str:
    now = timezone.now()
    if poll.opens_at > now:
        return _("Upcoming")
    return _("Open") if poll.closes_at > now else _("Closed")


QUESTION_PANELS = [
    FieldPanel("text"),
    FieldPanel("kind", help_text=KIND_HELP),
    FieldPanel("required"),
    FieldPanel("help_text"),
    InlinePanel(
        "options",
        heading=gettext_lazy("Options"),
        label=gettext_lazy("Option"),
        panels=[FieldPanel("label")],
    ),
]


class PollViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Poll
    icon = "list-ul"
    menu_label = gettext_lazy("Polls")
    menu_name = "polls"
    menu_order = 320
    add_to_admin_menu = True
    add_view_class = PollCreateView
    edit_view_class = PollEditView
    list_display = [
        "title",
        Column("run_by", label=gettext_lazy("Run by"), sort_key="run_by"),
        "scope",
        Column("status", label=gettext_lazy("Status"), accessor=_status, sort_key="closes_at"),
        "closes_at",
        Column("response_count", label=gettext_lazy("Responses"), sort_key="response_count"),
        "results_published",
    ]
    list_filter = ["scope", "results_published"]
    search_fields = ["title", "introduction"]
    list_export = ["title", "slug", "run_by", "scope", "opens_at", "closes_at", "response_count"]
    export_headings = {
        "run_by": gettext_lazy("Run by"),
        "response_count": gettext_lazy("Responses"),
    }
    export_filename = "polls"
    inspect_view_fields = [
        "title", "slug", "alliance", "scope", "opens_at", "closes_at", "introduction",
        "asks_age", "asks_gender", "asks_party", "weighted", "min_cell_size",
        "results_published", "created_by", "created_at",
    ]  # fmt: skip
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("introduction"),
                    FieldPanel("alliance", widget=forms.Select),
                    MultiFieldPanel(
                        [FieldPanel("opens_at"), FieldPanel("closes_at")],
                        heading=gettext_lazy("Dates"),
                    ),
                    FieldPanel("scope"),
                    InlinePanel("areas", heading=gettext_lazy("Areas"), label=gettext_lazy("Area")),
                ],
                heading=gettext_lazy("Poll"),
            ),
            ObjectList(
                [InlinePanel("questions", label=gettext_lazy("Question"), panels=QUESTION_PANELS)],
                heading=gettext_lazy("Questions"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("asks_age"),
                            FieldPanel("asks_gender"),
                            FieldPanel("asks_party"),
                        ],
                        heading=gettext_lazy(
                            "Optional questions about the respondent, used for weighting"
                        ),
                    ),
                    FieldPanel("weighted"),
                    FieldPanel("min_cell_size"),
                    FieldPanel("results_published"),
                ],
                heading=gettext_lazy("Weighting and results"),
            ),
        ],
        base_form_class=PollForm,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("alliance")
            .annotate(
                run_by=Coalesce("alliance__name", Value(_("Coalition staff"))),
                response_count=Count("responses"),
            )
        )


VIEWSETS = [PollViewSet]
