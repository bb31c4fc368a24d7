"""The site the public fuzz runs against: the demo content, and what the demo leaves out.

Every public URL needs something real behind it for hostile input to reach more than a
404: an open delegation call, an RSVP to cancel, signed links of every kind, a password-
protected page and document collection. `world_build` makes them; `World.slugs` fills the
placeholders of the fuzz tables' paths.
"""

import datetime
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from pypdf import PdfWriter
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from amicc.accounts.models import User
from amicc.coalition.models import AllianceMembership, MemberOrganization, Person
from amicc.coalition.selectors import alliance_for_public_page
from amicc.coalition.tokens import SignupClaim, SignupKind, signup_token_make
from amicc.congress.models import ActionAlert, Legislator, WatchlistItem, ZipDistrict
from amicc.congress.services.letters import OPTIN_SALT, letter_recipients
from amicc.core.demo_loaders import demo_load_all
from amicc.core.models import CoalitionDocument
from amicc.events.choices import RsvpStatus
from amicc.events.models import Event, Rsvp
from amicc.events.tokens import cancel_token_make
from amicc.icc.choices import ApplicantRole
from amicc.icc.models import (
    AspSession,
    Case,
    DelegationApplication,
    DelegationCall,
    Situation,
    StatuteState,
)
from amicc.icc.services.delegation import session_days, withdrawal_url
from amicc.mailings.choices import NewsletterStatus
from amicc.mailings.models import Newsletter
from amicc.mailings.services.subscriptions import preferences_for
from amicc.mailings.tokens import preferences_token_make, unsubscribe_token_make
from amicc.outreach.models import PresentationRequest
from amicc.outreach.services.presentations import feedback_token
from amicc.pages.models import StandardPage, Topic
from amicc.polls.models import Poll
from amicc.polls.selectors import districts_for_zip, poll_includes

# Far from the numbers of real sessions and of the delegation tests' own.
ASP_NUMBER = 31_337
PAGE_PASSWORD = "the-password-of-the-fuzz"
STAFF_PASSWORD = "a-long-staff-password-for-the-fuzz"


@dataclass
class World:
    slugs: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # page model label: URL
    poll: Poll | None = None
    poll_zip: str = ""
    alert_zip: str = ""
    delegation_days: list[str] = field(default_factory=list)
    mailing_list_ids: list[str] = field(default_factory=list)
    topic_id: str = ""
    staff_username: str = ""

    def path(self, template: str) -> str:
        return template.format(**self.slugs)


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def cv_folder() -> Path:
    return Path(storages["private"].location) / "delegation-cvs" / str(ASP_NUMBER)


def _first_zip(accepts) -> str:
    for zcta in ZipDistrict.objects.order_by("zcta").values_list("zcta", flat=True).distinct():
        if accepts(zcta):
            return zcta
    raise AssertionError("the demo has no ZIP code the fuzz can use")


def _poll(world: World) -> None:
    now = timezone.now()
    poll = Poll.objects.filter(opens_at__lte=now, closes_at__gt=now).order_by("pk").first()
    assert poll is not None, "the demo has no open poll"

    def places(zcta: str) -> bool:
        choices = districts_for_zip(zip_code=zcta)
        return len(choices) == 1 and poll_includes(
            poll, state=choices[0].state, district=choices[0].district
        )

    world.poll, world.poll_zip = poll, _first_zip(places)
    world.slugs["poll"] = poll.slug
    results = Poll.objects.filter(results_published=True).order_by("pk").first()
    world.slugs["poll_results"] = (results or poll).slug


def _alert(world: World) -> None:
    alert = ActionAlert.objects.open().order_by("pk").first()
    assert alert is not None, "the demo has no open action alert"

    def writes(zcta: str) -> bool:
        recipients = letter_recipients(alert=alert, zip_code=zcta, district=None, state=None)
        return recipients.district is not None and bool(recipients.members)

    world.slugs["alert"], world.alert_zip = alert.slug, _first_zip(writes)
    person = Person.objects.exclude(email="").order_by("pk").first()
    world.slugs["optin_token"] = signing.TimestampSigner(salt=OPTIN_SALT).sign_object(
        {"e": person.email, "p": person.pk}
    )


def _events(world: World) -> None:
    soon = timezone.now() + datetime.timedelta(days=1)
    upcoming = Event.objects.published().filter(starts_at__gt=soon, capacity__isnull=True)
    event = upcoming.order_by("starts_at").first()
    assert event is not None, "the demo has no upcoming event without a seat limit"
    world.slugs["event"] = event.slug
    rsvp = Rsvp.objects.filter(event=event).exclude(status=RsvpStatus.CANCELLED).first()
    if rsvp is None:
        person = Person.objects.exclude(email="").order_by("pk").first()
        rsvp = Rsvp.objects.create(
            event=event, person=person, name=person.name, status=RsvpStatus.CONFIRMED
        )
    world.slugs["cancel_token"] = cancel_token_make(rsvp.pk)


def _delegation(world: World) -> None:
    today = timezone.localdate()
    session = AspSession.objects.create(
        number=ASP_NUMBER,
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=63),
        place="The Hague",
    )
    call = DelegationCall.objects.create(
        session=session,
        introduction="A call for the fuzz.",
        deadline=timezone.now() + datetime.timedelta(days=10),
        places=3,
        report_title="The delegation's report",
        report="<p>What the delegation did.</p>",
        report_published_at=timezone.now(),
    )
    shutil.rmtree(cv_folder(), ignore_errors=True)
    application = DelegationApplication(
        call=call,
        token="fuzz-withdrawal",
        name="Ada Applicant",
        email="ada.applicant@example.org",
        affiliation="A university",
        role=ApplicantRole.STUDENT,
        statement="A statement.",
        available_days=[session.starts_on.isoformat()],
    )
    application.cv.save("cv.pdf", ContentFile(pdf_bytes()), save=False)
    application.save()
    world.slugs["asp"] = str(ASP_NUMBER)
    world.slugs["withdraw_token"] = withdrawal_url(application).rstrip("/").rsplit("/", 1)[1]
    world.delegation_days = [day.isoformat() for day in session_days(session)]


def _mailings(world: World) -> None:
    newsletter = Newsletter.objects.filter(status=NewsletterStatus.SENT, is_public=True).first()
    assert newsletter is not None, "the demo has no public newsletter"
    world.slugs["newsletter"] = newsletter.slug
    emails = Person.objects.exclude(email="").order_by("pk").values_list("email", flat=True)
    candidates = (preferences_for(email=email) for email in emails[:50])
    preferences = next(found for found in candidates if found.choices)
    world.slugs["preferences_token"] = preferences_token_make(email=preferences.email)
    world.slugs["unsubscribe_token"] = unsubscribe_token_make(email=preferences.email, list_id=None)
    world.mailing_list_ids = [str(choice.mailing_list.pk) for choice in preferences.choices]


def _coalition(world: World) -> None:
    organization = MemberOrganization.objects.for_public_display().order_by("pk").first()
    world.slugs["organization"] = organization.slug
    alliance = next(
        a for a in AllianceMembership.objects.select_related("alliance").order_by("pk")
        if alliance_for_public_page(slug=a.alliance.slug)
    )  # fmt: skip
    world.slugs["alliance"] = alliance.alliance.slug
    world.slugs["signup_token"] = signup_token_make(
        SignupClaim(kind=SignupKind.MEMBERSHIP, pk=alliance.pk, person_pk=alliance.person_id)
    )


def _congress_and_icc(world: World) -> None:
    world.slugs["legislator"] = Legislator.objects.order_by("pk").first().bioguide_id
    world.slugs["watchlist_item"] = WatchlistItem.objects.published().order_by("pk").first().slug
    world.slugs["state"] = StatuteState.objects.order_by("pk").first().slug
    world.slugs["situation"] = Situation.objects.order_by("pk").first().slug
    world.slugs["case"] = Case.objects.order_by("pk").first().slug
    world.slugs["past_asp"] = str(AspSession.objects.order_by("number").first().number)


def _outreach(world: World) -> None:
    delivered = PresentationRequest.objects.filter(delivered_on__isnull=False).exclude(
        contact_email=""
    )
    presentation = delivered.filter(feedback_received_at__isnull=True).order_by("pk").first()
    assert presentation is not None, "the demo has no delivered presentation awaiting feedback"
    world.slugs["feedback_token"] = feedback_token(presentation)


def _accounts(world: World) -> None:
    staff = User.objects.create_user(
        username="fuzz-staff",
        email="fuzz-staff@example.org",
        password=STAFF_PASSWORD,
        is_staff=True,
        is_superuser=True,
    )
    world.staff_username = staff.username
    world.slugs["uidb64"] = urlsafe_base64_encode(force_bytes(staff.pk))
    world.slugs["reset_token"] = default_token_generator.make_token(staff)


def _pages(world: World) -> None:
    for page in Page.objects.live().public().specific().order_by("path"):
        label = page._meta.label
        if label not in world.pages and page.url:
            world.pages[label] = page.url
    topic = Topic.objects.order_by("pk").first()
    world.slugs["topic"], world.topic_id = topic.slug, str(topic.pk)
    protected = StandardPage.objects.live().order_by("-path").first()
    restriction = PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password=PAGE_PASSWORD
    )
    world.slugs["page_restriction"] = str(restriction.pk)
    world.slugs["protected_page"] = str(protected.pk)
    world.pages["protected"] = protected.url
    collection = Collection.get_first_root_node().add_child(name="Fuzz: private documents")
    restricted = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PAGE_PASSWORD,
    )
    world.slugs["collection_restriction"] = str(restricted.pk)
    document = CoalitionDocument.objects.order_by("pk").first()
    world.slugs["document"] = str(document.pk)
    world.slugs["document_file"] = Path(document.file.name).name


def world_build() -> World:
    for _summary in demo_load_all():
        pass
    world = World(slugs={"media_path": "images/missing.png", "api_path": "v0/nothing"})
    for part in (
        _pages, _coalition, _congress_and_icc, _events, _poll, _alert, _delegation, _mailings,
        _outreach, _accounts,
    ):  # fmt: skip
        part(world)
    return world
