"""Admin pages of two-step verification (a person's own, and an administrator's reset) and
of sign-in lockouts. Their URLs are registered in `wagtail_hooks`, under /admin/."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from amicc.accounts import lockout, two_factor
from amicc.accounts.forms import EnrolForm, PasswordAndCodeForm, VerifyForm

UNLOCK_PERMISSION = "accounts.change_user"
BACKUP_CODES_TEMPLATE = "accounts/two_factor/backup_codes.html"


def _overview_url() -> str:
    return reverse("accounts_admin:two-factor")


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class _AccountPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": _("Account")},
            {"url": "", "label": self.get_page_title()},
        ]

    def render(self, status: int = 200, **context) -> TemplateResponse:
        return self.render_to_response(self.get_context_data(**context), status=status)

    def render_backup_codes(self, codes: list[str], *, next_url: str) -> TemplateResponse:
        """The new backup codes: shown on this one page, never again."""
        self.page_title = _("Your backup codes")
        context = WagtailAdminTemplateMixin.get_context_data(self, codes=codes, next=next_url)
        return TemplateResponse(self.request, BACKUP_CODES_TEMPLATE, context)


@method_decorator(never_cache, name="dispatch")
class TwoFactorView(_AccountPage):
    template_name = "accounts/two_factor/overview.html"
    page_title = _("Two-step verification")

    def get_context_data(self, **kwargs):
        user = self.request.user
        enrolled = two_factor.is_enrolled(user)
        return super().get_context_data(
            enrolled=enrolled,
            codes_left=two_factor.backup_codes_left(user) if enrolled else 0,
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
@method_decorator(sensitive_post_parameters("code"), name="dispatch")
class EnrolView(_AccountPage):
    """Scan the QR code, confirm a code, see the backup codes once."""

    template_name = "accounts/two_factor/enrol.html"
    page_title = _("Set up two-step verification")

    def dispatch(self, request, *args, **kwargs):
        if two_factor.is_enrolled(request.user):
            return redirect(_overview_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        key = two_factor.pending_key(self.request)
        return super().get_context_data(
            enrolment=two_factor.enrolment_for(user=self.request.user, key=key),
            next=_safe_next(self.request, ""),
            required=settings.AMICC_REQUIRE_2FA_FOR_STAFF,
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        return self.render(form=EnrolForm())

    def post(self, request, *args, **kwargs):
        form = EnrolForm(request.POST)
        codes = None
        if form.is_valid():
            codes = two_factor.two_factor_enrol(request=request, code=form.cleaned_data["code"])
            if codes is None:
                form.add_error(
                    "code",
                    _(
                        "That code does not match. Type the code the app shows now; if it "
                        "keeps failing, check that your phone's clock is set automatically."
                    ),
                )
        if codes is None:
            return self.render(status=400, form=form)
        return self.render_backup_codes(codes, next_url=_safe_next(request, _overview_url()))


@method_decorator(never_cache, name="dispatch")
@method_decorator(sensitive_post_parameters("code"), name="dispatch")
class VerifyView(View):
    """The second step of signing in, in the look of the admin's sign-in page."""

    template_name = "accounts/two_factor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        self.next_url = _safe_next(request, reverse("wagtailadmin_home"))
        if request.user.is_verified() or not two_factor.is_enrolled(request.user):
            return redirect(self.next_url)
        return super().dispatch(request, *args, **kwargs)

    def render(self, form: VerifyForm, status: int = 200) -> TemplateResponse:
        context = {"form": form, "next": self.next_url}
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render(VerifyForm(user=request.user))

    def post(self, request, *args, **kwargs):
        form = VerifyForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render(form, status=429 if form.throttled else 400)
        two_factor.session_verify(request, form.device)
        return redirect(self.next_url)


class _PasswordAndCodeView(_AccountPage):
    def dispatch(self, request, *args, **kwargs):
        if not two_factor.is_enrolled(request.user):
            return redirect(_overview_url())
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render(form=PasswordAndCodeForm(request=request))

    def post(self, request, *args, **kwargs):
        form = PasswordAndCodeForm(request.POST, request=request)
        if not form.is_valid():
            return self.render(status=429 if form.throttled else 400, form=form)
        return self.form_valid(form)


@method_decorator(never_cache, name="dispatch")
@method_decorator(sensitive_post_parameters("password", "code"), name="dispatch")
class BackupCodesView(_PasswordAndCodeView):
    template_name = "accounts/two_factor/confirm.html"
    page_title = _("New backup codes")
    extra_context = {
        "explanation": _("Your old backup codes stop working and ten new ones are shown once."),
        "submit_label": _("Make new backup codes"),
    }

    def form_valid(self, form):
        codes = two_factor.backup_codes_renew(user=self.request.user)
        return self.render_backup_codes(codes, next_url=_overview_url())


@method_decorator(never_cache, name="dispatch")
@method_decorator(sensitive_post_parameters("password", "code"), name="dispatch")
class DisableView(_PasswordAndCodeView):
    template_name = "accounts/two_factor/confirm.html"
    page_title = _("Turn off two-step verification")
    extra_context = {
        "explanation": _(
            "Your authenticator app and backup codes stop working for this account. You can "
            "set up two-step verification again afterwards, with a new QR code."
        ),
        "submit_label": _("Turn off two-step verification"),
        "destructive": True,
    }

    def form_valid(self, form):
        two_factor.two_factor_disable(user=self.request.user)
        messages.success(self.request, _("Two-step verification is off for your account."))
        return redirect(_overview_url())


@method_decorator(never_cache, name="dispatch")
class ResetUserView(WagtailAdminTemplateMixin, TemplateView):
    """An administrator removes another person's authenticator and backup codes."""

    template_name = "accounts/two_factor/reset_user.html"
    page_title = _("Reset two-step verification")
    header_icon = "key"

    def dispatch(self, request, *args, pk: int, **kwargs):
        self.person = get_object_or_404(get_user_model(), pk=pk)
        if not two_factor.may_reset_for(by=request.user, user=self.person):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return str(self.person)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person, enrolled=two_factor.is_enrolled(self.person), **kwargs
        )

    def post(self, request, *args, **kwargs):
        two_factor.two_factor_reset(user=self.person, by=request.user)
        messages.success(
            request,
            _(
                "Two-step verification of %(person)s is reset: they sign in with their "
                "password alone until they set it up again."
            )
            % {"person": self.person},
        )
        return redirect(reverse("wagtailusers_users:edit", args=[self.person.pk]))


@method_decorator(never_cache, name="dispatch")
class LockoutsView(WagtailAdminTemplateMixin, TemplateView):
    """The username and address pairs locked out of signing in now; staff may unlock them."""

    template_name = "accounts/lockouts.html"
    page_title = _("Sign-in lockouts")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(UNLOCK_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lockouts=lockout.lockouts_current()[:200],
            minutes=lockout.lockout_minutes(),
            failure_limit=settings.AXES_FAILURE_LIMIT,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        attempt_id = request.POST.get("attempt", "")
        attempt = (
            lockout.lockouts_current().filter(pk=int(attempt_id)).first()
            if attempt_id.isascii() and attempt_id.isdigit()
            else None
        )
        if attempt is None:
            messages.error(request, _("That lockout has already ended."))
        else:
            lockout.lockout_release(attempt=attempt, by=request.user)
            messages.success(request, _("Unlocked: that username can sign in from that address."))
        return redirect("accounts_admin:lockouts")
