"""Mailings in the Wagtail admin: the "Mailings" menu, its reach, its bulk delete, the
newsletter pages under /admin/mailings/, the audit log's names for their actions, and the
chooser views of the newsletter blocks."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from amicc.mailings import admin_views, viewsets_records
from amicc.mailings.blocks import action_alert_chooser_viewset, event_chooser_viewset
from amicc.mailings.services import compose
from amicc.mailings.viewsets import POLICIES, MailingsDeleteBulkAction, NewsletterViewSet


class MailingsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Mailings")
    menu_icon = "mail"
    menu_order = 340
    items = (NewsletterViewSet, *viewsets_records.VIEWSETS)


for model, policy in POLICIES.items():
    register_permission_policy(model, policy)
register_snippet(MailingsViewSetGroup)
# After Wagtail's own bulk delete (order 0), so this one is what mailings models get.
hooks.register("register_bulk_action", MailingsDeleteBulkAction, order=1)


@hooks.register("register_admin_viewset")
def register_chooser_viewsets():
    return [event_chooser_viewset, action_alert_chooser_viewset]


@hooks.register("register_admin_urls")
def mailings_admin_urls():
    return [path("mailings/", include((admin_views.urlpatterns, "mailings_admin")))]


@hooks.register("register_log_actions")
def register_mailings_log_actions(actions):
    actions.register_action(compose.SEND_ACTION, "Send newsletter", "Started sending")
    actions.register_action(compose.SCHEDULE_ACTION, "Schedule newsletter", "Scheduled")
    actions.register_action(compose.UNSCHEDULE_ACTION, "Unschedule newsletter", "Unscheduled")
    actions.register_action(compose.CANCEL_ACTION, "Cancel newsletter", "Cancelled the send")
    actions.register_action(compose.TEST_ACTION, "Send a test", "Sent a test")
    actions.register_action(
        compose.ARCHIVE_ACTION, "Public archive", "Changed its place in the archive"
    )
    actions.register_action(compose.PREVIEW_ACTION, "Preview newsletter", "Previewed")
