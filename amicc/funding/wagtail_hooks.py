"""Funding in the Wagtail admin: one staff-only menu group with the dashboard, funders and
grants (`viewsets`, `admin_dashboard`)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from amicc.funding import admin_dashboard, viewsets


class FundingViewSetGroup(SnippetViewSetGroup):
    menu_label = "Funding"
    menu_icon = "tag"
    menu_order = 330
    items = (*admin_dashboard.VIEWSETS, *viewsets.VIEWSETS)


register_snippet(FundingViewSetGroup)
