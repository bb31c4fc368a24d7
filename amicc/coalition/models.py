"""The coalition: member organizations, local alliances, the people in them and what they do.

A `Person` is anyone the coalition holds details of (supporter, contact, representative,
coordinator); only some have a user account, which is what lets them sign in. Personal
fields of people are never shown on public pages.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from amicc.coalition.choices import (
    AllianceStatus,
    ApplicationStatus,
    ConsentPurpose,
    ConsentSource,
    Constituency,
    InitiativeType,
    MembershipStatus,
    OrganizationStatus,
)
from amicc.coalition.geography import USState


def website_domain(url: str) -> str:
    """The host of a website address without `www.`, lower case: what duplicates share."""
    if not url:
        return ""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.lower().removeprefix("www.")


class Person(models.Model):
    """A supporter or contact. Email is unique whatever its case; erased people keep no email."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_("The account this person signs in with, if any."),
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(null=True, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    state = models.CharField(max_length=2, choices=USState.choices, blank=True, db_index=True)
    wants_newsletter = models.BooleanField(_("receives the newsletter"), default=False)
    wants_alliance_updates = models.BooleanField(_("receives alliance updates"), default=False)
    wants_action_alerts = models.BooleanField(_("receives action alerts"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name_plural = _("people")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="coalition_person_email_ci_unique",
                condition=models.Q(email__isnull=False),
                violation_error_message=_("A person with this email address already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.name or f"Person {self.pk}"

    def save(self, *args, **kwargs):
        if self.email:
            self.email = self.email.strip().lower()
        else:
            self.email = None
        super().save(*args, **kwargs)

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class MemberOrganizationQuerySet(models.QuerySet):
    def for_public_display(self):
        return self.filter(is_listed=True, status=OrganizationStatus.ACTIVE)


class MemberOrganization(index.Indexed, models.Model):
    """An organization that belongs to the coalition; joining is free."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    constituency = models.CharField(max_length=20, choices=Constituency.choices, db_index=True)
    city = models.CharField(max_length=120, blank=True)
    state = models.CharField(max_length=2, choices=USState.choices, blank=True, db_index=True)
    website = models.URLField(blank=True)
    website_domain = models.CharField(max_length=253, blank=True, editable=False, db_index=True)
    description = models.TextField(blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=OrganizationStatus.choices, default=OrganizationStatus.APPLICANT
    )
    applied_on = models.DateField(null=True, blank=True)
    joined_on = models.DateField(null=True, blank=True)
    lapsed_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    is_listed = models.BooleanField(
        _("listed publicly"), default=False, help_text=_("Shown in the public members directory.")
    )
    representatives = models.ManyToManyField(
        Person, blank=True, related_name="represented_organizations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberOrganizationQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("constituency"),
        index.FilterField("state"),
        index.FilterField("status"),
        index.FilterField("is_listed"),
    ]

    class Meta:
        verbose_name = _("member organization")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["is_listed", "status", "name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.website_domain = website_domain(self.website)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("coalition:organization", kwargs={"slug": self.slug})


class Alliance(index.Indexed, models.Model):
    """A local alliance of individuals, run by its coordinators."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    city = models.CharField(max_length=120)
    state = models.CharField(max_length=2, choices=USState.choices, db_index=True)
    description = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=AllianceStatus.choices, default=AllianceStatus.FORMING
    )
    founded_on = models.DateField(null=True, blank=True)
    coordinators = models.ManyToManyField(
        Person,
        blank=True,
        related_name="coordinated_alliances",
        help_text=_("People with accounts who run this alliance in the admin."),
    )
    founding_organizations = models.ManyToManyField(
        MemberOrganization,
        blank=True,
        related_name="founded_alliances",
        help_text=_("Member organizations that helped form the alliance."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.FilterField("state"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["state", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coalition:alliance", kwargs={"slug": self.slug})


class AllianceDistrict(models.Model):
    """A congressional district an alliance covers; number 0 is an at-large seat."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="districts")
    state = models.CharField(max_length=2, choices=USState.choices)
    number = models.PositiveSmallIntegerField(help_text=_("0 for an at-large seat."))

    class Meta:
        ordering = ["state", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "state", "number"], name="coalition_alliance_district_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(number__lte=60), name="coalition_district_number_range"
            ),
        ]
        indexes = [models.Index(fields=["state", "number"])]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return f"{self.state}-{'AL' if self.number == 0 else self.number}"


class AllianceMembership(models.Model):
    """A person's membership of an alliance; pending until they confirm by email."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(
        max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "person"], name="coalition_membership_unique"
            )
        ]
        indexes = [
            models.Index(fields=["alliance", "status"]),
            models.Index(fields=["status", "confirmed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.alliance}"


class StateInterest(models.Model):
    """Someone who wants to take part where no alliance covers their state yet."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="state_interests")
    state = models.CharField(max_length=2, choices=USState.choices, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["state", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "state"], name="coalition_interest_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.state})"


class ConsentRecord(models.Model):
    """What a person agreed to (or withdrew), when, in which words and on which form."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=30, choices=ConsentPurpose.choices)
    granted = models.BooleanField(default=True, help_text=_("False records a withdrawal."))
    wording = models.TextField(help_text=_("The words the person agreed to."))
    source = models.CharField(max_length=30, choices=ConsentSource.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["person", "purpose", "-recorded_at"])]

    def __str__(self) -> str:
        verb = "agreed to" if self.granted else "withdrew"
        return f"{self.person} {verb} {self.get_purpose_display()}"


class InitiativeQuerySet(models.QuerySet):
    def for_public_display(self):
        return self.filter(is_public=True)


class Initiative(ClusterableModel):
    """Something an alliance did, reported by its coordinators or staff."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="initiatives")
    initiative_type = models.CharField(
        _("type"), max_length=30, choices=InitiativeType.choices, db_index=True
    )
    date = models.DateField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    reach = models.PositiveIntegerField(
        _("attendance or reach"),
        null=True,
        blank=True,
        help_text=_("People who took part or were reached."),
    )
    partner_organizations = ParentalManyToManyField(
        MemberOrganization, blank=True, related_name="initiatives"
    )
    outcome = models.TextField(blank=True)
    is_public = models.BooleanField(
        _("shown publicly"), default=False, help_text=_("Shown on the alliance's public page.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["alliance", "-date"]),
            models.Index(fields=["alliance", "is_public", "-date"]),
            models.Index(fields=["date", "initiative_type"]),
        ]

    def __str__(self) -> str:
        return self.title


class InitiativeLink(Orderable):
    initiative = ParentalKey(Initiative, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("address"))
    label = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.label or self.url


class OrganizationApplication(models.Model):
    """An organization's request to join the coalition, reviewed by staff."""

    organization_name = models.CharField(max_length=200)
    constituency = models.CharField(max_length=20, choices=Constituency.choices)
    city = models.CharField(max_length=120)
    state = models.CharField(max_length=2, choices=USState.choices)
    website = models.URLField(blank=True)
    description = models.TextField(_("about the organization"))
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_role = models.CharField(_("contact's role"), max_length=120, blank=True)
    statement = models.TextField(_("statement of support"))
    contact_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField(blank=True)
    organization = models.ForeignKey(
        MemberOrganization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_("The member organization created when the application was approved."),
    )

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "-submitted_at"])]

    def __str__(self) -> str:
        return f"{self.organization_name} ({self.get_status_display().lower()})"

    @property
    def website_domain(self) -> str:
        return website_domain(self.website)
