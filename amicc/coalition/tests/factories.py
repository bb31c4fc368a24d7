"""Factories for the coalition's models, shared by every app's tests.

Defaults make the plainest valid row: organizations are active and listed, alliances
active, memberships pending (as a fresh sign-up is), initiatives private, applications
awaiting review. Traits and keyword arguments give the other states:

    MemberOrganizationFactory(unlisted=True)
    AllianceMembershipFactory(active=True)
    InitiativeFactory(public=True)
    AllianceFactory(founding_organizations=[org], coordinators=[person])
"""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from amicc.coalition.choices import (
    AllianceStatus,
    ApplicationStatus,
    Constituency,
    InitiativeType,
    MembershipStatus,
    OrganizationStatus,
)
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


def _set_many(field: str):
    """A post-generation hook that fills a many-to-many field from a list passed by name."""

    def hook(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field).set(extracted)

    hook.__name__ = field
    return factory.PostGeneration(hook)


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.django.Password("password-for-tests")
    is_active = True

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Supporter {n}")
    email = factory.Sequence(lambda n: f"supporter{n}@example.org")
    zip_code = "10017"
    state = "NY"

    class Meta:
        model = Person


class MemberOrganizationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Member Organization {n}")
    slug = factory.LazyAttribute(lambda org: slugify(org.name))
    constituency = Constituency.HUMAN_RIGHTS
    city = "New York"
    state = "NY"
    website = factory.LazyAttribute(lambda org: f"https://{org.slug}.example.org")
    description = factory.LazyAttribute(lambda org: f"{org.name} works for international justice.")
    status = OrganizationStatus.ACTIVE
    joined_on = datetime.date(2020, 1, 1)
    is_listed = True
    representatives = _set_many("representatives")

    class Meta:
        model = MemberOrganization
        skip_postgeneration_save = True

    class Params:
        unlisted = factory.Trait(is_listed=False)
        applicant = factory.Trait(status=OrganizationStatus.APPLICANT, joined_on=None)
        lapsed = factory.Trait(
            status=OrganizationStatus.LAPSED, lapsed_on=datetime.date(2024, 1, 1)
        )


class AllianceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Alliance {n}")
    slug = factory.LazyAttribute(lambda alliance: slugify(alliance.name))
    city = "New York"
    state = "NY"
    description = factory.LazyAttribute(lambda a: f"{a.name} brings people together for the ICC.")
    status = AllianceStatus.ACTIVE
    founded_on = datetime.date(2019, 5, 1)
    coordinators = _set_many("coordinators")
    founding_organizations = _set_many("founding_organizations")

    class Meta:
        model = Alliance
        skip_postgeneration_save = True

    class Params:
        forming = factory.Trait(status=AllianceStatus.FORMING, founded_on=None)
        dormant = factory.Trait(status=AllianceStatus.DORMANT)


class AllianceDistrictFactory(factory.django.DjangoModelFactory):
    alliance = factory.SubFactory(AllianceFactory)
    state = factory.LazyAttribute(lambda district: district.alliance.state)
    number = factory.Sequence(lambda n: n % 50 + 1)

    class Meta:
        model = AllianceDistrict


class AllianceMembershipFactory(factory.django.DjangoModelFactory):
    alliance = factory.SubFactory(AllianceFactory)
    person = factory.SubFactory(PersonFactory)
    status = MembershipStatus.PENDING

    class Meta:
        model = AllianceMembership

    class Params:
        active = factory.Trait(
            status=MembershipStatus.ACTIVE, confirmed_at=factory.LazyFunction(timezone.now)
        )
        left = factory.Trait(
            status=MembershipStatus.LEFT,
            confirmed_at=factory.LazyFunction(timezone.now),
            left_at=factory.LazyFunction(timezone.now),
        )


class StateInterestFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    state = "WY"

    class Meta:
        model = StateInterest

    class Params:
        confirmed = factory.Trait(confirmed_at=factory.LazyFunction(timezone.now))


class InitiativeFactory(factory.django.DjangoModelFactory):
    alliance = factory.SubFactory(AllianceFactory)
    initiative_type = InitiativeType.PUBLIC_DISCUSSION
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    title = factory.Sequence(lambda n: f"Initiative {n}")
    description = "A public discussion about the International Criminal Court."
    reach = 40
    is_public = False

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    class Params:
        public = factory.Trait(is_public=True)

    @factory.post_generation
    def partner_organizations(obj, create, extracted, **kwargs):
        # A ParentalManyToManyField is written to the database only when its owner saves.
        if create and extracted:
            obj.partner_organizations.set(extracted)
            obj.save()


class OrganizationApplicationFactory(factory.django.DjangoModelFactory):
    organization_name = factory.Sequence(lambda n: f"Applicant Organization {n}")
    constituency = Constituency.BAR_ASSOCIATION
    city = "Chicago"
    state = "IL"
    website = "https://applicant.example.org"
    description = "A bar association committed to the rule of law."
    contact_name = factory.Sequence(lambda n: f"Contact {n}")
    contact_email = factory.Sequence(lambda n: f"contact{n}@applicant.example.org")
    contact_role = "Director"
    statement = "We support the International Criminal Court and want to join the coalition."
    status = ApplicationStatus.PENDING

    class Meta:
        model = OrganizationApplication
