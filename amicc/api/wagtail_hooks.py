"""API keys in the Wagtail admin, and the audit log's names for what the API does."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from amicc.api.admin_views import REVOKE_ACTION
from amicc.api.models import ApiKey
from amicc.api.private.rsvps import RSVP_CANCEL_ACTION
from amicc.api.viewsets import ApiKeyPermissionPolicy, api_key_viewset

register_permission_policy(ApiKey, ApiKeyPermissionPolicy(ApiKey))


@hooks.register("register_admin_viewset")
def register_api_key_viewset():
    return api_key_viewset


@hooks.register("register_log_actions")
def register_api_log_actions(actions):
    actions.register_action(REVOKE_ACTION, _("Revoke API key"), _("Revoked the key"))
    actions.register_action(RSVP_CANCEL_ACTION, _("Cancel RSVP"), _("Cancelled through the API"))
