"""Outreach in the Wagtail admin: one "Outreach" menu with presentation requests, speakers,
media coverage and media contacts. Coordinators see only media coverage in it (their own
alliances'); the rest is staff-only. Each `admin_*` module defines its viewsets."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from amicc.outreach import admin_media, admin_presentations


class OutreachViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Outreach")
    menu_icon = "group"
    menu_order = 320
    items = (*admin_presentations.VIEWSETS, *admin_media.VIEWSETS)


register_snippet(OutreachViewSetGroup)

# After Wagtail's own bulk delete (order 0), so this one is what outreach records get.
hooks.register("register_bulk_action", admin_media.OutreachDeleteBulkAction, order=1)


@hooks.register("register_admin_urls")
def register_outreach_admin_urls():
    requests = (admin_presentations.admin_urls(), admin_presentations.URL_NAMESPACE)
    media = (admin_media.admin_urls(), "outreach_media")
    return [
        path("outreach/requests/", include(requests)),
        path("outreach/media/", include(media)),
    ]


@hooks.register("register_reports_menu_item")
def register_coverage_dashboard_menu_item():
    return admin_media.dashboard_menu_item()


@hooks.register("register_log_actions")
def register_outreach_log_actions(actions):
    for action, label, message in admin_presentations.LOG_ACTIONS:
        actions.register_action(action, label, message)
