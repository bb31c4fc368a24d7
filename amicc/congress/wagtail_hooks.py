"""Congress in the Wagtail admin.

"Congress" holds what is imported from public data, read-only: members, bills, votes and ZIP
codes. "Advocacy" holds the coalition's own work on Congress: the watchlist, action alerts
and their letters, office visits, the assessed stances of members. Each `admin_*` module
registers its own hooks.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from amicc.congress import admin_letters, admin_stances, admin_visits, admin_watchlist
from amicc.congress.models import Bill, Legislator, ZipDistrict
from amicc.congress.viewsets import CongressViewSetGroup, ReadOnlyPermissionPolicy

for model in (Legislator, Bill, ZipDistrict):
    register_permission_policy(model, ReadOnlyPermissionPolicy(model))
register_snippet(CongressViewSetGroup)


class AdvocacyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Advocacy")
    menu_icon = "mail"
    menu_order = 310
    items = (
        *admin_watchlist.VIEWSETS,
        *admin_letters.VIEWSETS,
        *admin_visits.VIEWSETS,
        *admin_stances.VIEWSETS,
    )


register_snippet(AdvocacyViewSetGroup)
