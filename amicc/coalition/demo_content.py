"""Load the coalition's demo: sample organizations, alliances, people, applications, initiatives.

Like the pages' demo, running it again creates nothing that exists: organizations and
alliances are found by slug, people by email, initiatives by alliance and title, and
only what is missing is created. The texts are in `demo_data`.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from amicc.coalition import demo_data
from amicc.coalition.choices import (
    ConsentPurpose,
    ConsentSource,
    InitiativeType,
    MembershipStatus,
)
from amicc.coalition.models import (
    Alliance,
    AllianceDistrict,
    AllianceMembership,
    Initiative,
    InitiativeLink,
    MemberOrganization,
    OrganizationApplication,
    Person,
    StateInterest,
)
from amicc.coalition.services.people import consent_record
from amicc.core.page_cache import invalidate_page_cache

# The words each sample person agreed to, by the form they used.
MEMBERSHIP, INTEREST, APPLICATION = "membership", "interest", "application"
WORDING = {
    MEMBERSHIP: "(Demo) I agree that AMICC keeps my details to run my alliance membership.",
    INTEREST: "(Demo) I agree that AMICC keeps my details to tell me when an alliance forms "
    "in my state.",
    APPLICATION: "(Demo) I agree that AMICC keeps my details to review my organization's "
    "application.",
    ConsentPurpose.ALLIANCE_UPDATES: "(Demo) Send me news from this alliance.",
    ConsentPurpose.NEWSLETTER: "(Demo) Send me the coalition's newsletter.",
}


@dataclass(frozen=True)
class CoalitionDemoSummary:
    organizations: int
    alliances: int
    people: int
    initiatives: int
    applications: int
    created: int

    def __str__(self) -> str:
        return (
            f"{self.organizations} member organizations, {self.alliances} alliances, "
            f"{self.people} people, {self.initiatives} initiatives, "
            f"{self.applications} applications (created {self.created})"
        )


@transaction.atomic
def coalition_demo_load(*, today: datetime.date | None = None) -> CoalitionDemoSummary:
    """Create whatever part of the coalition's demo is missing; returns what there now is.

    Initiatives are dated over the two years before `today`.
    """
    loader = _CoalitionDemoLoader(today or timezone.localdate())
    loader.load()
    if loader.created:
        transaction.on_commit(invalidate_page_cache)
    return CoalitionDemoSummary(
        organizations=MemberOrganization.objects.count(),
        alliances=Alliance.objects.count(),
        people=Person.objects.count(),
        initiatives=Initiative.objects.count(),
        applications=OrganizationApplication.objects.count(),
        created=loader.created,
    )


@transaction.atomic
def demo_coordinator_account_create(*, password: str) -> AbstractBaseUser | None:
    """The demo's alliance coordinator account, or None if it exists already.

    Signs in as the coordinator of the Chicago alliance, in the "Alliance coordinators"
    group (whose permissions a migration grants).
    """
    spec = demo_data.COORDINATOR
    User = get_user_model()
    if User.objects.filter(username=spec["username"]).exists():
        return None
    person = _CoalitionDemoLoader(timezone.localdate()).coordinator()
    user = User.objects.create_user(
        username=spec["username"],
        email=spec["email"],
        password=password,
        first_name=spec["name"].split()[0],
        last_name="Coordinator",
    )
    user.groups.add(Group.objects.get_or_create(name=demo_data.COORDINATORS_GROUP)[0])
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    return user


class _CoalitionDemoLoader:
    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.now = timezone.now()
        self.created = 0

    def load(self) -> None:
        organizations = {spec[4]: self.organization(*spec) for spec in demo_data.ORGANIZATIONS}
        for number, spec in enumerate(demo_data.ALLIANCES):
            alliance = self.alliance(*spec, organizations=organizations)
            self.members(alliance, number, zip_codes=spec[7], area_code=spec[8])
            self.initiatives(alliance, number, partners=[organizations[host] for host in spec[6]])
        self.coordinator()
        for name, email, zip_code, state in demo_data.STATE_INTERESTS:
            person = self.person(
                name=name, email=email, zip_code=zip_code, state=state, form=INTEREST
            )
            _, created = StateInterest.objects.get_or_create(
                person=person, state=state, defaults={"confirmed_at": self.now}
            )
            self.created += created
        for spec in demo_data.APPLICATIONS:
            self.application(spec)

    def organization(
        self, name, constituency, city, state, host, description, status, listed, joined_on
    ) -> MemberOrganization:
        slug = slugify(name)
        organization = MemberOrganization.objects.filter(slug=slug).first()
        if organization is None:
            organization = MemberOrganization(
                name=name,
                slug=slug,
                constituency=constituency,
                city=city,
                state=state,
                website=f"https://{host}.example.org",
                description=description,
                status=status,
                is_listed=listed,
                joined_on=joined_on and datetime.date.fromisoformat(joined_on),
                applied_on=None if joined_on else self.today - datetime.timedelta(days=20),
            )
            organization.full_clean()
            organization.save()
            self.created += 1
        return organization

    def alliance(
        self, slug, city, state, status, founded_on, districts, founders, zip_codes, area_code,
        *, organizations: dict[str, MemberOrganization],
    ) -> Alliance:  # fmt: skip
        alliance = Alliance.objects.filter(slug=slug).first()
        if alliance is None:
            alliance = Alliance(
                slug=slug,
                name=demo_data.alliance_name(slug, city),
                city=city,
                state=state,
                status=status,
                founded_on=founded_on and datetime.date.fromisoformat(founded_on),
                description=demo_data.alliance_description(city),
            )
            alliance.full_clean()
            alliance.save()
            alliance.founding_organizations.set([organizations[host] for host in founders])
            self.created += 1
        for number in districts:
            _, created = AllianceDistrict.objects.get_or_create(
                alliance=alliance, state=state, number=number
            )
            self.created += created
        return alliance

    def members(self, alliance: Alliance, number: int, *, zip_codes, area_code) -> None:
        """Between 5 and 15 people; the last is still to confirm, the first coordinates."""
        count = 5 + (number * 4) % 11
        names = demo_data.FIRST_NAMES
        for index in range(count):
            first = names[(number * 7 + index) % len(names)]
            last = demo_data.LAST_NAMES[(number + index) % len(demo_data.LAST_NAMES)]
            person = self.person(
                name=f"{first} {last}",
                email=f"{first}.{last}.{alliance.slug}@example.org".lower(),
                zip_code=zip_codes[index % len(zip_codes)],
                state=alliance.state,
                phone=f"+1 {area_code} 555 01{index:02d}",
                newsletter=index % 3 == 0,
            )
            self.membership(alliance, person, confirmed=index < count - 1)
            if index == 0:
                alliance.coordinators.add(person)

    def coordinator(self) -> Person:
        spec = demo_data.COORDINATOR
        alliance = Alliance.objects.get(slug=spec["alliance"])
        person = self.person(
            name=spec["name"], email=spec["email"], zip_code=spec["zip_code"], state=spec["state"]
        )
        self.membership(alliance, person, confirmed=True)
        alliance.coordinators.add(person)
        return person

    def person(
        self, *, name: str, email: str, zip_code: str, state: str, phone: str = "",
        form: str = MEMBERSHIP, newsletter: bool = False,
    ) -> Person:  # fmt: skip
        """The person with this email, created with the consent their form recorded."""
        person = Person.objects.filter(email=email).first()
        if person is not None:
            return person
        person = Person(name=name, email=email, zip_code=zip_code, state=state, phone=phone)
        person.full_clean()
        person.save()
        source = (
            ConsentSource.ORGANIZATION_APPLICATION
            if form == APPLICATION
            else ConsentSource.ALLIANCE_SIGNUP
        )
        agreed = {ConsentPurpose.DATA_PROCESSING: WORDING[form]}
        if form == MEMBERSHIP:
            agreed[ConsentPurpose.ALLIANCE_UPDATES] = WORDING[ConsentPurpose.ALLIANCE_UPDATES]
        if newsletter:
            agreed[ConsentPurpose.NEWSLETTER] = WORDING[ConsentPurpose.NEWSLETTER]
        for purpose, wording in agreed.items():
            consent_record(person=person, purpose=purpose, wording=wording, source=source)
        self.created += 1
        return person

    def membership(self, alliance: Alliance, person: Person, *, confirmed: bool) -> None:
        _, created = AllianceMembership.objects.get_or_create(
            alliance=alliance,
            person=person,
            defaults={
                "status": MembershipStatus.ACTIVE if confirmed else MembershipStatus.PENDING,
                "confirmed_at": self.now if confirmed else None,
            },
        )
        self.created += created

    def initiatives(self, alliance: Alliance, number: int, *, partners) -> None:
        """Five kinds of initiative per alliance, in turn, so every kind appears."""
        kinds = list(InitiativeType)
        for index in range(demo_data.INITIATIVES_PER_ALLIANCE):
            kind = kinds[(number * demo_data.INITIATIVES_PER_ALLIANCE + index) % len(kinds)]
            title, description, outcome = demo_data.INITIATIVES[kind]
            title = title.format(city=alliance.city)
            if Initiative.objects.filter(alliance=alliance, title=title).exists():
                continue
            days_ago = (number * 61 + index * 137) % 720 + 5
            initiative = Initiative(
                alliance=alliance,
                initiative_type=kind,
                date=self.today - datetime.timedelta(days=days_ago),
                title=title,
                description=description,
                outcome=outcome,
                reach=20 + (number * 37 + index * 53) % 400,
                is_public=(number + index) % 3 != 0,
                partner_organizations=partners[: index % 3],
            )
            if kind == InitiativeType.MEDIA_COVERAGE:
                initiative.links = [
                    InitiativeLink(
                        url=f"https://news.example.org/{alliance.slug}/icc-op-ed",
                        label="The op-ed (sample link)",
                    )
                ]
            initiative.full_clean()
            initiative.save()
            self.created += 1

    def application(self, spec: dict) -> None:
        exists = OrganizationApplication.objects.filter(
            organization_name=spec["organization_name"], contact_email=spec["contact_email"]
        ).exists()
        if exists:
            return
        contact = self.person(
            name=spec["contact_name"],
            email=spec["contact_email"],
            zip_code="",
            state=spec["state"],
            form=APPLICATION,
        )
        application = OrganizationApplication(contact_person=contact, **spec)
        application.full_clean()
        application.save()
        self.created += 1
