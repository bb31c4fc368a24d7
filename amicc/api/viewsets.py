"""API keys in the Wagtail admin, under Settings: list, create, rename, revoke.

Open to holders of the `api` model permissions (Administrators, migration 0002).
Keys are revoked, never deleted, so a key's history stays readable after it stops working.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from amicc.api import admin_views
from amicc.api.forms import ApiKeyCreateForm, ApiKeyRenameForm
from amicc.api.models import ApiKey


class ApiKeyPermissionPolicy(ModelPermissionPolicy):
    FORBIDDEN = frozenset({"delete"})

    def user_has_permission(self, user, action):
        return action not in self.FORBIDDEN and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - self.FORBIDDEN)


def _revoked(key: ApiKey) -> str:
    return f"{key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else _("No")


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    name = "api_keys"
    url_prefix = "api-keys"
    icon = "key"
    menu_label = _("API keys")
    add_to_settings_menu = True
    index_view_class = admin_views.ApiKeyIndexView
    add_view_class = admin_views.ApiKeyCreateView
    edit_view_class = admin_views.ApiKeyEditView
    delete_view_class = admin_views.ApiKeyDeleteView
    history_view_class = admin_views.ApiKeyHistoryView
    usage_view_class = admin_views.ApiKeyUsageView
    copy_view_enabled = False
    edit_template_name = "api/admin/key_edit.html"
    add_to_reference_index = False
    list_display = [
        "name",
        Column("prefix", label=_("Prefix")),
        Column("owner", label=_("Owner"), sort_key="owner__username"),
        Column("scope", label=_("Scope"), accessor="get_scope_display", sort_key="scope"),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
        DateColumn("last_used_at", label=_("Last used"), sort_key="last_used_at"),
        Column("revoked", label=_("Revoked"), accessor=_revoked, sort_key="revoked_at"),
    ]
    list_filter = ["scope"]
    search_fields = ["name", "prefix", "owner__username"]
    ordering = ["-created_at", "-pk"]

    def get_queryset(self, request):
        return ApiKey.objects.select_related("owner")

    def get_form_class(self, for_update=False):
        return ApiKeyRenameForm if for_update else ApiKeyCreateForm

    @property
    def revoke_view(self):
        return self.construct_view(admin_views.ApiKeyRevokeView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
        ]


api_key_viewset = ApiKeyViewSet()
