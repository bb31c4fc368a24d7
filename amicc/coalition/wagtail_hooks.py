"""The coalition's back office in the Wagtail admin."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from amicc.coalition import admin_urls, admin_views
from amicc.coalition.admin_imports import register_import_log_actions
from amicc.coalition.dashboard import CoalitionPanel
from amicc.coalition.permissions import (
    ReachableDeleteBulkAction,
    register_policies,
    user_is_coalition_staff,
)
from amicc.coalition.services import privacy, review
from amicc.coalition.viewsets import CoalitionViewSetGroup

# Wagtail falls back to a plain policy for any model it is asked about before this runs.
register_policies()
register_snippet(CoalitionViewSetGroup)
# After Wagtail's own bulk delete (order 0), so this one is what coalition models get.
hooks.register("register_bulk_action", ReachableDeleteBulkAction, order=1)


@hooks.register("register_admin_urls")
def coalition_admin_urls():
    patterns = [*admin_urls.urlpatterns, *admin_views.urlpatterns]
    return [path("coalition/", include((patterns, "coalition_admin")))]


@hooks.register("construct_homepage_panels")
def add_coalition_panel(request, panels):
    if user_is_coalition_staff(request.user):
        panels.append(CoalitionPanel())


class DeclineFormatter(LogFormatter):
    label = _("Decline application")

    def format_message(self, log_entry):
        return _("Declined: %(reason)s") % {"reason": (log_entry.data or {}).get("reason", "")}


@hooks.register("register_log_actions")
def register_coalition_log_actions(actions):
    actions.register_action(
        review.APPROVE_ACTION, _("Approve application"), pgettext_lazy("log action", "Approved")
    )
    actions.register_action(review.DECLINE_ACTION)(DeclineFormatter)
    actions.register_action(
        privacy.EXPORT_ACTION, _("Export personal data"), _("Exported all data")
    )
    actions.register_action(
        privacy.ERASE_ACTION, _("Erase personal data"), _("Erased personal data")
    )
    register_import_log_actions(actions)
