"""Who may see and change which coalition records in the admin.

Roles are groups (migration 0002). Holders of `coalition.manage_coalition` (Coalition
staff, Administrators, superusers) reach every record. Everyone else reaches only what
they run: an alliance coordinator their alliances, the people with an active membership
of them, those memberships and the alliances' initiatives; an organization representative
their organizations. Model permissions from the groups still decide *what* a user may do;
the reach decides *to which records*.

Like pretix starting from `request.event`, every lookup starts from the user's reach: an
object outside it is not in the queryset at all, so its admin URLs answer 404.
"""

from collections.abc import Callable

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.chooser import BaseFilterForm
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser, snippets

from amicc.coalition.choices import MembershipStatus
from amicc.coalition.models import (
    Alliance,
    AllianceMembership,
    Initiative,
    MemberOrganization,
    OrganizationApplication,
    Person,
    StateInterest,
)

MANAGE_COALITION = "coalition.manage_coalition"

# What a signed-in user without coalition-wide reach may see of a model.
Scope = Callable[[AbstractBaseUser], QuerySet]


def user_is_coalition_staff(user) -> bool:
    """Coalition-wide reach: staff, Administrators and active superusers."""
    return user.is_active and user.has_perm(MANAGE_COALITION)


def _coordinated_alliances(user) -> QuerySet[Alliance]:
    return Alliance.objects.filter(coordinators__user=user.pk)


def _active_memberships(user) -> QuerySet[AllianceMembership]:
    # Pending sign-ups have not confirmed their email yet: coordinators do not see them.
    return AllianceMembership.objects.filter(
        alliance__in=_coordinated_alliances(user), status=MembershipStatus.ACTIVE
    )


def _members(user) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=_active_memberships(user).values("person_id"))


def _initiatives(user) -> QuerySet[Initiative]:
    return Initiative.objects.filter(alliance__in=_coordinated_alliances(user))


def _represented_organizations(user) -> QuerySet[MemberOrganization]:
    return MemberOrganization.objects.filter(representatives__user=user.pk)


class CoalitionPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to `scope(user)` for anyone without coalition-wide reach.

    A model without a scope is staff-only: model permissions alone do not open it.
    """

    def __init__(self, model, *, scope: Scope | None = None):
        super().__init__(model)
        self.scope = scope

    def reachable(self, user) -> QuerySet:
        """Every record the user may know exists, whatever they may do with it."""
        if user_is_coalition_staff(user):
            return self.model._default_manager.all()
        if self.scope is None or not user.is_authenticated:
            return self.model._default_manager.none()
        return self.scope(user)

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and (
            self.scope is not None or user_is_coalition_staff(user)
        )

    def users_with_any_permission(self, actions):
        candidates = super().users_with_any_permission(actions)
        return candidates.filter(
            pk__in=[user.pk for user in candidates if self.user_has_any_permission(user, actions)]
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.user_has_any_permission(user, actions)
            and self.reachable(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.reachable(user)

    def users_with_any_permission_for_instance(self, actions, instance):
        candidates = super().users_with_any_permission(actions)
        return candidates.filter(
            pk__in=[
                user.pk
                for user in candidates
                if self.user_has_any_permission_for_instance(user, actions, instance)
            ]
        )


SCOPES: dict[type[Model], Scope | None] = {
    Alliance: _coordinated_alliances,
    AllianceMembership: _active_memberships,
    Person: _members,
    Initiative: _initiatives,
    MemberOrganization: _represented_organizations,
    OrganizationApplication: None,
    StateInterest: None,
}


def register_policies() -> None:
    for model, scope in SCOPES.items():
        register_permission_policy(model, CoalitionPermissionPolicy(model, scope=scope))


def reachable(model: type[Model], user) -> QuerySet:
    return policy_registry.get_by_type(model).reachable(user)


def alliance_field_narrow(form: forms.Form, *, user, staff_label: str, help_text: str = "") -> bool:
    """Offer a form's `alliance` field only the alliances in the user's reach.

    Required for coordinators; staff may leave it empty, which `staff_label` names (the
    coalition's own record). Returns whether the user is staff, for the form's other rules.
    """
    is_staff = user_is_coalition_staff(user)
    alliance = form.fields["alliance"]
    alliance.queryset = reachable(Alliance, user)
    alliance.required = not is_staff
    alliance.empty_label = staff_label if is_staff else _("Choose your alliance")
    if help_text and not is_staff:
        alliance.help_text = help_text
    return is_staff


# Wagtail's generic views fetch objects from the whole table; these fetch them from the
# user's reach, so another alliance's record answers 404 before any permission check.


class ReachableObjectMixin:
    def get_queryset(self):  # edit and delete views look the object up here
        return reachable(self.model, self.request.user)


class ReachableBaseObjectMixin:
    def get_base_object_queryset(self):  # history and usage views look the object up here
        return reachable(self.model, self.request.user)


MAX_PK = 2**63 - 1  # the largest id a database column holds


def lookup_pks(values) -> list[int]:
    """The ids among `values` (from a URL) that can be looked up; the others name nothing."""
    return [int(v) for v in values if v.isascii() and v.isdigit() and int(v) <= MAX_PK]


def _defuse_formula(value: str) -> str:
    # A cell starting with one of these runs as a formula in spreadsheet programs.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class IndexView(snippets.IndexView):
    """The listing; CSV cells that a spreadsheet would run as formulas are defused."""

    custom_value_preprocess = {
        **snippets.IndexView.custom_value_preprocess,
        str: {snippets.IndexView.FORMAT_CSV: _defuse_formula},
    }


class EditView(ReachableObjectMixin, snippets.EditView):
    pass


class DeleteView(ReachableObjectMixin, snippets.DeleteView):
    pass


class HistoryView(ReachableBaseObjectMixin, snippets.HistoryView):
    pass


class UsageView(ReachableBaseObjectMixin, snippets.UsageView):
    pass


class InspectView(snippets.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(reachable(self.model, self.request.user), pk=unquote(str(self.pk)))


class ChooserSearchForm(BaseFilterForm):
    """Searches a chooser with the ORM over its snippet viewset's search fields."""

    q = forms.CharField(label=_("Search term"), required=False)

    def __init__(self, *args, search_fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.search_fields = search_fields

    def filter(self, objects):
        query = self.cleaned_data.get("q")
        if not query:
            return objects
        self.is_searching = True
        self.search_query = query
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": query})
        return objects.filter(condition)


class ReachableChoicesMixin:
    def get_object_list(self):
        return reachable(self.model_class, self.request.user)

    def get_filter_form(self):
        return ChooserSearchForm(
            self.request.GET, search_fields=self.model_class.snippet_viewset.search_fields
        )


class ReachableChooseView(ReachableChoicesMixin, chooser.ChooseView):
    pass


class ReachableChooseResultsView(ReachableChoicesMixin, chooser.ChooseResultsView):
    pass


class ReachableChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return reachable(self.model_class, self.request.user).get(pk__in=lookup_pks([pk]))


class ReachableChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return reachable(self.model_class, self.request.user).filter(pk__in=lookup_pks(pks))


class ReachableChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ReachableChooseView
    choose_results_view_class = ReachableChooseResultsView
    chosen_view_class = ReachableChosenView
    chosen_multiple_view_class = ReachableChosenMultipleView

    def get_urlpatterns(self):
        # These choosers only choose: records are made through their full form, which
        # keeps them within the user's reach (and there is no creation form to post to).
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]


class ReachableDeleteBulkAction(DeleteBulkAction):
    """Bulk delete that never names records outside the user's reach.

    Wagtail's own lists by name the selected records a user may not delete, which would let
    anyone with admin access read people's names by guessing ids.
    """

    models = list(SCOPES)

    @cached_property
    def _actionable_objects(self):
        ids = self.request.GET.getlist("id")
        objects = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "delete"
        )
        if "all" not in ids:
            objects = objects.filter(pk__in=lookup_pks(ids))
        objects = list(objects)
        if not objects:
            raise Http404
        return objects, {"items_with_no_access": []}


class ReachableViewSetMixin:
    """For a SnippetViewSet: every view, chooser and listing goes through the user's reach.

    Viewsets that narrow or annotate the listing extend `get_queryset`, never replace it.
    """

    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    inspect_view_class = InspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    search_backend_name = None  # the ORM, over search_fields
    chooser_viewset_class = ReachableChooserViewSet

    def get_queryset(self, request):
        return reachable(self.model, request.user)
