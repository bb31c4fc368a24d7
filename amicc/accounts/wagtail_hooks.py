"""Two-step verification and sign-in lockouts in the Wagtail admin: their pages, a link in
every person's account settings, a reset button on the users listing, a lockouts page in
the Settings menu and the audit log's wording for what they do."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from amicc.accounts import admin_views, lockout, two_factor

URL_NAMESPACE = "accounts_admin"


@hooks.register("register_admin_urls")
def accounts_admin_urls():
    patterns = [
        path("two-factor/", admin_views.TwoFactorView.as_view(), name="two-factor"),
        path("two-factor/set-up/", admin_views.EnrolView.as_view(), name="two-factor-enrol"),
        path("two-factor/verify/", admin_views.VerifyView.as_view(), name="two-factor-verify"),
        path(
            "two-factor/backup-codes/",
            admin_views.BackupCodesView.as_view(),
            name="two-factor-backup-codes",
        ),
        path("two-factor/turn-off/", admin_views.DisableView.as_view(), name="two-factor-off"),
        path(
            "two-factor/users/<int:pk>/reset/",
            admin_views.ResetUserView.as_view(),
            name="two-factor-reset",
        ),
        path("sign-in-lockouts/", admin_views.LockoutsView.as_view(), name="lockouts"),
    ]
    return [path("security/", include((patterns, URL_NAMESPACE)))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("accounts_admin:two-factor"),
        "label": _("Two-step verification"),
        "help_text": _(
            "Ask for a code from your phone, as well as your password, when you sign in."
        ),
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if two_factor.may_reset_for(by=request_user, user=user):
        yield Button(
            _("Reset two-step verification"),
            reverse("accounts_admin:two-factor-reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.UNLOCK_PERMISSION)


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return LockoutsMenuItem(
        _("Sign-in lockouts"), reverse("accounts_admin:lockouts"), icon_name="lock", order=610
    )


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action(
        two_factor.ENABLE_ACTION,
        _("Set up two-step verification"),
        _("Two-step verification set up"),
    )
    actions.register_action(
        two_factor.DISABLE_ACTION,
        _("Turn off two-step verification"),
        _("Two-step verification off"),
    )
    actions.register_action(
        two_factor.RESET_ACTION,
        _("Reset two-step verification"),
        _("Two-step verification reset"),
    )
    actions.register_action(
        two_factor.NEW_CODES_ACTION, _("Make new backup codes"), _("New backup codes made")
    )
    actions.register_action(lockout.UNLOCK_ACTION, _("Unlock sign-in"), _("Sign-in unlocked"))
