"""Funding in the Wagtail admin: one staff-only menu group with the dashboard, funders and
grants (`viewsets`, `admin_dashboard`)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from amicc.coalition.permissions import ReachableDeleteBulkAction
from amicc.funding import admin_dashboard, viewsets
from amicc.funding.models import Funder, Grant


class FundingViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Funding")
    menu_icon = "tag"
    menu_order = 330
    items = (*admin_dashboard.VIEWSETS, *viewsets.VIEWSETS)


register_snippet(FundingViewSetGroup)


class FundingDeleteBulkAction(ReachableDeleteBulkAction):
    """Wagtail's own bulk delete would name funders and grants to anyone with admin access."""

    models = [Funder, Grant]


# After Wagtail's own bulk delete (order 0), so this one is what funders and grants get.
hooks.register("register_bulk_action", FundingDeleteBulkAction, order=1)
