"""Forms and listing filters of the coalition's admin viewsets.

Every choice of an alliance or a person is limited to the user's reach, so a coordinator
cannot file an initiative or a membership under another alliance even by editing the
request; the form rejects it as an invalid choice.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.log_actions import log

from amicc.coalition.choices import MembershipStatus, OrganizationStatus
from amicc.coalition.geography import USState
from amicc.coalition.models import (
    Alliance,
    AllianceDistrict,
    AllianceMembership,
    Initiative,
    MemberOrganization,
    OrganizationApplication,
    Person,
    StateInterest,
)
from amicc.coalition.permissions import reachable, user_is_coalition_staff

DISTRICT_CODE = re.compile(r"^(?P<state>[A-Z]{2})-(?P<number>AL|\d{1,2})$")


def _people_with_accounts(current: QuerySet[Person]) -> QuerySet[Person]:
    # Only people who can sign in can run anything; a list of every supporter would not load.
    return Person.objects.filter(Q(user__isnull=False) | Q(pk__in=current.values("pk")))


def _district(code: str) -> tuple[str, int] | None:
    """("NY", 10) for "NY-10", ("VT", 0) for "VT-AL"; None for anything else."""
    match = DISTRICT_CODE.match(code)
    if not match or match["state"] not in USState.values:
        return None
    number = 0 if match["number"] == "AL" else int(match["number"])
    return (match["state"], number) if number <= 60 else None


def _alliances_in_reach(request):
    return reachable(Alliance, request.user)


def _state_filter() -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        choices=USState.choices, empty_label=_("All states"), widget=forms.Select
    )


class MemberOrganizationForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "representatives" in self.fields:
            current = (
                self.instance.representatives.all() if self.instance.pk else Person.objects.none()
            )
            self.fields["representatives"].queryset = _people_with_accounts(current)


class AllianceForm(WagtailAdminModelForm):
    """Districts are plain rows of their own, so they are edited here as a list of codes."""

    district_codes = forms.CharField(
        label=_("Congressional districts"),
        required=False,
        help_text=_(
            "Codes separated by commas, e.g. NY-10, NY-12, VT-AL (AL for an at-large seat)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "district_codes" in self.fields and self.instance.pk:
            self.initial["district_codes"] = ", ".join(
                district.code for district in self.instance.districts.all()
            )
        if "coordinators" in self.fields:
            current = (
                self.instance.coordinators.all() if self.instance.pk else Person.objects.none()
            )
            self.fields["coordinators"].queryset = _people_with_accounts(current)

    def clean_district_codes(self) -> list[tuple[str, int]]:
        codes = [code.strip().upper() for code in self.cleaned_data["district_codes"].split(",")]
        districts = {code: _district(code) for code in codes if code}
        if invalid := [code for code, district in districts.items() if district is None]:
            raise ValidationError(
                _("Not a district code: %(codes)s.") % {"codes": ", ".join(invalid)}
            )
        return sorted(set(districts.values()))

    def save(self, commit=True):
        alliance = super().save(commit)
        if commit and "district_codes" in self.cleaned_data:
            alliance.districts.all().delete()
            AllianceDistrict.objects.bulk_create(
                AllianceDistrict(alliance=alliance, state=state, number=number)
                for state, number in self.cleaned_data["district_codes"]
            )
        return alliance


class PersonForm(WagtailAdminModelForm):
    """A coordinator's new person joins one of their alliances, or they could not see them."""

    alliance = forms.ModelChoiceField(
        queryset=Alliance.objects.none(),
        required=False,
        help_text=_("Adds the person as an active member of this alliance."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["alliance"]
        else:
            self.fields["alliance"].queryset = reachable(Alliance, self.for_user)
            self.fields["alliance"].required = not user_is_coalition_staff(self.for_user)

    def save(self, commit=True):
        person = super().save(commit)
        if commit and (alliance := self.cleaned_data.get("alliance")):
            membership = AllianceMembership(
                alliance=alliance,
                person=person,
                status=MembershipStatus.ACTIVE,
                confirmed_at=timezone.now(),
            )
            membership.full_clean()
            membership.save()
            log(instance=membership, action="wagtail.create", user=self.for_user)
        return person


class AllianceMembershipForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alliance"].queryset = reachable(Alliance, self.for_user)
        self.fields["person"].queryset = reachable(Person, self.for_user)
        if not user_is_coalition_staff(self.for_user):
            # A pending membership is one its coordinators cannot see.
            self.fields["status"].choices = [
                choice
                for choice in MembershipStatus.choices
                if choice[0] != MembershipStatus.PENDING
            ]

    def save(self, commit=True):
        membership, now = self.instance, timezone.now()
        if membership.status == MembershipStatus.ACTIVE and membership.confirmed_at is None:
            membership.confirmed_at = now
        if membership.status == MembershipStatus.LEFT and membership.left_at is None:
            membership.left_at = now
        return super().save(commit)


class InitiativeForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alliance"].queryset = reachable(Alliance, self.for_user)
        current = Q(initiatives=self.instance.pk) if self.instance.pk else Q(pk__in=[])
        self.fields["partner_organizations"].queryset = MemberOrganization.objects.filter(
            Q(status=OrganizationStatus.ACTIVE) | current
        ).distinct()


class PersonFilterSet(WagtailFilterSet):
    alliance = django_filters.ModelChoiceFilter(
        label=_("Active member of"), queryset=_alliances_in_reach, method="filter_alliance"
    )
    state = _state_filter()

    class Meta:
        model = Person
        fields = [
            "alliance",
            "state",
            "wants_newsletter",
            "wants_alliance_updates",
            "wants_action_alerts",
        ]

    def filter_alliance(self, queryset, name, value):
        members = AllianceMembership.objects.filter(alliance=value, status=MembershipStatus.ACTIVE)
        return queryset.filter(pk__in=members.values("person_id"))


class InitiativeFilterSet(WagtailFilterSet):
    alliance = django_filters.ModelChoiceFilter(queryset=_alliances_in_reach)
    date = django_filters.DateFromToRangeFilter(widget=DateRangePickerWidget)

    class Meta:
        model = Initiative
        fields = ["alliance", "initiative_type", "date", "is_public"]


class AllianceMembershipFilterSet(WagtailFilterSet):
    alliance = django_filters.ModelChoiceFilter(queryset=_alliances_in_reach)

    class Meta:
        model = AllianceMembership
        fields = ["alliance", "status"]


class MemberOrganizationFilterSet(WagtailFilterSet):
    state = _state_filter()

    class Meta:
        model = MemberOrganization
        fields = ["constituency", "state", "status", "is_listed"]


class AllianceFilterSet(WagtailFilterSet):
    state = _state_filter()

    class Meta:
        model = Alliance
        fields = ["state", "status"]


class OrganizationApplicationFilterSet(WagtailFilterSet):
    state = _state_filter()

    class Meta:
        model = OrganizationApplication
        fields = ["status", "constituency", "state"]


class StateInterestFilterSet(WagtailFilterSet):
    state = _state_filter()

    class Meta:
        model = StateInterest
        fields = ["state"]
