"""The icc app in the Wagtail admin: one "ICC" menu with the tracker and the delegation.

Each `admin_*` module registers its own permission policies and hooks; this module only
groups their viewsets.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from amicc.icc import admin_delegation, admin_tracker


class IccViewSetGroup(SnippetViewSetGroup):
    menu_label = _("ICC")
    menu_icon = "globe"
    menu_order = 320
    items = (*admin_tracker.TRACKER_VIEWSETS, *admin_delegation.VIEWSETS)


register_snippet(IccViewSetGroup)
