"""API keys in the admin: creating one (its secret shown once), renaming it, revoking it.

The full key is rendered in the answer to the creation form's POST and nowhere else: it
is not put in the session, a message, a redirect or the audit log, and that page is
marked not to be stored, so nothing can show it again. Users without the key permissions
get a plain 403 on every page here, where Wagtail would redirect them to the dashboard.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from amicc.api.forms import key_owner_refusal
from amicc.api.keys import api_key_create, api_key_revoke
from amicc.api.models import ApiKey

REVOKE_ACTION = "api.key_revoke"


@transaction.atomic
def key_issue(*, by, owner, name: str, scope: str) -> tuple[ApiKey, str]:
    """A new key acting as `owner`, made by `by`, and its full text; in the audit log."""
    if refusal := key_owner_refusal(creator=by, owner=owner):
        raise ValidationError({"owner": refusal})
    key, full_text = api_key_create(owner=owner, name=name, scope=scope, created_by=by)
    # What identifies the key, never its secret.
    data = {"owner": owner.get_username(), "scope": scope, "prefix": key.prefix}
    log(instance=key, action="wagtail.create", user=by, data=data)
    return key, full_text


@transaction.atomic
def key_revoke(*, key: ApiKey, by) -> ApiKey:
    """Revoke the key at once; revoking it again changes and logs nothing."""
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if not key.is_revoked:
        api_key_revoke(key=key)
        log(instance=key, action=REVOKE_ACTION, user=by, data={"prefix": key.prefix})
    return key


class PlainDenialMixin:
    """A 403 page where Wagtail would redirect to the dashboard with a message."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return permission_denied(request, PermissionDenied())


def revoke_url(key: ApiKey) -> str:
    return reverse("api_keys:revoke", args=[key.pk])


class ApiKeyIndexView(PlainDenialMixin, generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_revoked and self.user_has_permission("change"):
            buttons.append(MenuItem(_("Revoke"), url=revoke_url(instance), icon_name="cross"))
        return buttons


class ApiKeyCreateView(PlainDenialMixin, generic.CreateView):
    created_template_name = "api/admin/key_created.html"
    # Always the HTML page: the JSON answer Wagtail gives some clients would lose the key.
    expects_json_response = False
    created = None

    def get_page_title(self):
        return _("API key created") if self.created else _("New API key")

    def get_template_names(self):
        return [self.created_template_name] if self.created else super().get_template_names()

    def form_valid(self, form):
        try:
            self.object, full_text = key_issue(
                by=self.request.user,
                owner=form.cleaned_data["owner"],
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        self.created = full_text
        response = self.render_to_response(
            self.get_context_data(form=form, key=self.object, full_text=full_text)
        )
        patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
        return response


class ApiKeyEditView(PlainDenialMixin, generic.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if not self.object.is_revoked and self.user_has_permission("change"):
            buttons.append(Button(_("Revoke"), url=revoke_url(self.object), icon_name="cross"))
        return buttons

    def get_context_data(self, **kwargs):
        return super().get_context_data(key=self.object, **kwargs)


class ApiKeyHistoryView(PlainDenialMixin, history.HistoryView):
    pass


class ApiKeyUsageView(PlainDenialMixin, usage.UsageView):
    pass


class ApiKeyDeleteView(PlainDenialMixin, generic.DeleteView):
    pass


class ApiKeyRevokeView(
    PlainDenialMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """A confirmation page; its POST revokes the key, which answers 401 from then on."""

    model = ApiKey
    permission_required = "change"
    template_name = "api/admin/key_revoke.html"
    page_title = gettext_lazy("Revoke API key")
    header_icon = "key"
    index_url_name = "api_keys:index"

    @cached_property
    def object(self) -> ApiKey:
        return get_object_or_404(ApiKey.objects.select_related("owner"), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("API keys")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            key=self.object, cancel_url=reverse(self.index_url_name), **kwargs
        )

    def post(self, request, *args, **kwargs):
        if not self.object.is_revoked:
            key_revoke(key=self.object, by=request.user)
            messages.success(
                request,
                _("API key “%(name)s” revoked; it no longer works.") % {"name": self.object.name},
            )
        return redirect(self.index_url_name)
