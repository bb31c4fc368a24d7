"""The admin's API key forms, and the rule on whom a key may be made for.

A key acts with its owner's rights and its secret is shown to whoever creates it, so
nobody may create a key for a user who can do more than they can: a key would lend them
those rights.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from amicc.api.models import ApiKey, ApiKeyScope
from amicc.coalition.models import Alliance, MemberOrganization
from amicc.coalition.permissions import reachable, user_is_coalition_staff

MAX_NAMED_PERMISSIONS = 5


def key_owner_refusal(*, creator, owner) -> str | None:
    """Why `creator` may not create a key acting as `owner`, or None when they may.

    The owner may hold no permission the creator lacks; without coalition-wide reach,
    the creator must also reach every alliance and organization the owner runs.
    """
    if creator.is_superuser:
        return None
    if owner.is_superuser:
        return _("%(owner)s is a superuser; only a superuser may create a key for them.") % {
            "owner": owner
        }
    if missing := sorted(owner.get_all_permissions() - creator.get_all_permissions()):
        named = ", ".join(missing[:MAX_NAMED_PERMISSIONS])
        beyond = len(missing) - MAX_NAMED_PERMISSIONS
        if beyond > 0:
            return ngettext(
                "%(owner)s holds permissions you do not (%(named)s and %(more)s more).",
                "%(owner)s holds permissions you do not (%(named)s and %(more)s more).",
                beyond,
            ) % {"owner": owner, "named": named, "more": beyond}
        return _("%(owner)s holds permissions you do not (%(named)s).") % {
            "owner": owner,
            "named": named,
        }
    if owner.pk != creator.pk and not user_is_coalition_staff(creator):
        for model in (Alliance, MemberOrganization):
            beyond = reachable(model, owner).exclude(pk__in=reachable(model, creator).values("pk"))
            if beyond.exists():
                return _("%(owner)s runs %(things)s that you do not.") % {
                    "owner": owner,
                    "things": model._meta.verbose_name_plural,
                }
    return None


def possible_owners(creator) -> QuerySet:
    """Active users who can use the admin: a key of anyone else could do nothing."""
    admin_access = Q(groups__permissions__codename="access_admin") | Q(
        user_permissions__codename="access_admin"
    )
    users = get_user_model().objects.filter(is_active=True)
    candidates = users.filter(admin_access | Q(is_superuser=True))
    if not creator.is_superuser:
        candidates = candidates.exclude(is_superuser=True)
    return users.filter(pk__in=candidates.values("pk")).order_by("username", "pk")


class ApiKeyCreateForm(WagtailAdminModelForm):
    class Meta:
        model = ApiKey
        fields = ["name", "owner", "scope"]
        widgets = {"scope": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = possible_owners(self.for_user)
        owner.label_from_instance = lambda user: f"{user} ({user.get_username()})"
        owner.help_text = _(
            "The key reads and changes only what this user can, and stops working if their "
            "account is deactivated."
        )
        self.fields["scope"].help_text = _(
            "“%(read)s” keys cannot change anything, whatever their owner may do."
        ) % {"read": ApiKeyScope.READ.label}

    def clean_owner(self):
        owner = self.cleaned_data["owner"]
        if refusal := key_owner_refusal(creator=self.for_user, owner=owner):
            raise forms.ValidationError(
                _("You cannot create a key for this user: %(refusal)s") % {"refusal": refusal}
            )
        return owner


class ApiKeyRenameForm(WagtailAdminModelForm):
    """A key's name is all that can change; its secret, owner and scope never do."""

    class Meta:
        model = ApiKey
        fields = ["name"]
