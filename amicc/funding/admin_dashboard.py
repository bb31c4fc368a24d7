"""The staff's funding dashboard: awarded funds by year and by funder, reports coming due.

Amounts are shown per currency and never added across currencies. It sits in the Funding
menu and under Reports, for coalition staff only; anyone else gets a plain 403.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from amicc.coalition.permissions import user_is_coalition_staff
from amicc.core.charts import ColumnChart
from amicc.funding.charts import year_chart
from amicc.funding.models import GrantReport
from amicc.funding.selectors import (
    CurrencyFunds,
    awarded_funds_by_currency,
    grants_in_pipeline,
    reports_outstanding,
)

DASHBOARD_URL_NAME = "funding_dashboard:index"
UPCOMING_DAYS = 90


@dataclass(frozen=True)
class CurrencySection:
    funds: CurrencyFunds
    chart: ColumnChart


@dataclass(frozen=True)
class ReportDue:
    report: GrantReport
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


class FundingDashboardView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Funding")
    header_icon = "table"
    template_name = "funding/admin/dashboard.html"

    def get_breadcrumbs_items(self):
        # Without a last item the header would read "Home".
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not user_is_coalition_staff(request.user):
            # A plain 403: Wagtail's admin would turn PermissionDenied into a redirect.
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        until = today + datetime.timedelta(days=UPCOMING_DAYS)
        context.update(
            today=today,
            upcoming_days=UPCOMING_DAYS,
            sections=[
                CurrencySection(funds, year_chart(currency=funds.currency, years=funds.by_year))
                for funds in awarded_funds_by_currency()
            ],
            pipeline=grants_in_pipeline(),
            reports=[
                ReportDue(report, (report.due_on - today).days)
                for report in reports_outstanding(until=until)
            ],
            grant_edit_url_name="wagtailsnippets_funding_grant:edit",
            funder_edit_url_name="wagtailsnippets_funding_funder:edit",
        )
        return context


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_coalition_staff(request.user)


class FundingDashboardViewSet(ViewSet):
    """The dashboard as an item of the Funding menu group."""

    name = "funding_dashboard"
    url_prefix = "funding/dashboard"
    icon = "table"
    menu_label = _("Dashboard")
    menu_order = 10
    menu_item_class = StaffMenuItem

    def get_urlpatterns(self):
        return [path("", FundingDashboardView.as_view(), name="index")]


@hooks.register("register_reports_menu_item")
def register_funding_report_menu_item() -> MenuItem:
    return StaffMenuItem(
        _("Funding"), reverse(DASHBOARD_URL_NAME), name="funding", icon_name="table", order=950
    )


VIEWSETS = [FundingDashboardViewSet]
