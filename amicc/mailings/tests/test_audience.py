"""Who each kind of list reaches: consent, segments' filters, opt-outs and suppression."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from amicc.coalition.choices import (
    ConsentPurpose,
    ConsentSource,
    Constituency,
    MembershipStatus,
    OrganizationStatus,
)
from amicc.coalition.models import ConsentRecord, Person
from amicc.coalition.tests.factories import (
    AllianceFactory,
    AllianceMembershipFactory,
    MemberOrganizationFactory,
    PersonFactory,
    UserFactory,
)
from amicc.congress.models import ZipDistrict
from amicc.icc.models import AspSession, DelegationApplication, DelegationCall
from amicc.mailings.choices import ListKind, SuppressionReason
from amicc.mailings.models import ListOptOut, MailingList, Suppression
from amicc.mailings.services.audience import (
    is_suppressed,
    list_recipient_count,
    list_recipients,
    suppression_add,
    suppression_remove,
)
from amicc.mailings.services.subscriptions import everything_leave, list_leave, list_rejoin

pytestmark = pytest.mark.django_db


def newsletter_list() -> MailingList:
    return MailingList.objects.get(slug="coalition-newsletter")


def reached(mailing_list: MailingList) -> list[str]:
    return sorted(recipient.email for recipient in list_recipients(mailing_list))


def segment(**filters) -> MailingList:
    filters.setdefault("purpose", ConsentPurpose.NEWSLETTER)
    count = MailingList.objects.count()
    return MailingList.objects.create(
        name=f"Segment {count}", slug=f"segment-{count}", kind=ListKind.SEGMENT, **filters
    )


def reader(email: str, **fields) -> Person:
    return PersonFactory(email=email, wants_newsletter=True, **fields)


def test_supporters_need_the_lists_consent_an_address_and_no_erasure(django_assert_num_queries):
    reader("ada@example.org")
    PersonFactory(email="quiet@example.org")  # no consent
    PersonFactory(email="alert@example.org", wants_action_alerts=True)
    Person.objects.filter(pk=reader("gone@example.org").pk).update(erased_at=timezone.now())
    PersonFactory(email=None, wants_newsletter=True)

    assert reached(newsletter_list()) == ["ada@example.org"]
    alerts = MailingList.objects.get(slug="action-alerts")
    assert reached(alerts) == ["alert@example.org"]
    newsletter = newsletter_list()
    with django_assert_num_queries(1):
        assert list_recipient_count(newsletter) == 1


def test_recipients_come_in_chunks_and_carry_what_the_queue_needs(monkeypatch):
    monkeypatch.setattr("amicc.mailings.services.audience.QUEUE_CHUNK", 2)
    for n in range(5):
        reader(f"r{n}@example.org", name=f"Reader {n}", zip_code="10002", state="NY")
    rows = list(list_recipients(newsletter_list()))
    assert [row.email for row in rows] == [f"r{n}@example.org" for n in range(5)]
    assert (rows[0].name, rows[0].zip_code, rows[0].state) == ("Reader 0", "10002", "NY")


def test_alliance_list_reaches_active_members_who_want_alliance_updates():
    alliance, other = AllianceFactory(), AllianceFactory()
    mailing_list = MailingList.objects.get(kind=ListKind.ALLIANCE, alliance=alliance)
    assert (mailing_list.purpose, mailing_list.name) == (
        ConsentPurpose.ALLIANCE_UPDATES,
        f"{alliance.name} members",
    )
    for email, status, wants in [
        ("active@example.org", MembershipStatus.ACTIVE, True),
        ("pending@example.org", MembershipStatus.PENDING, True),
        ("left@example.org", MembershipStatus.LEFT, True),
        ("nowants@example.org", MembershipStatus.ACTIVE, False),
    ]:
        person = PersonFactory(email=email, wants_alliance_updates=wants)
        AllianceMembershipFactory(alliance=alliance, person=person, status=status)
    AllianceMembershipFactory(
        alliance=other,
        person=PersonFactory(email="other@example.org", wants_alliance_updates=True),
        active=True,
    )
    assert reached(mailing_list) == ["active@example.org"]


def test_representatives_list_reaches_representatives_of_active_organizations():
    active_rep, lapsed_rep, applicant_rep = (
        reader(f"{name}@example.org") for name in ("active", "lapsed", "applicant")
    )
    MemberOrganizationFactory(representatives=[active_rep])
    MemberOrganizationFactory(lapsed=True, representatives=[lapsed_rep])
    MemberOrganizationFactory(applicant=True, representatives=[applicant_rep])
    reader("supporter@example.org")
    representatives = MailingList.objects.get(slug="member-organization-representatives")
    assert reached(representatives) == ["active@example.org"]


def test_delegation_applicants_list_reaches_people_who_applied():
    session = AspSession.objects.create(
        number=97,
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2026, 12, 6),
        place="The Hague",
    )
    call = DelegationCall.objects.create(
        session=session, introduction="Apply.", deadline=timezone.now(), places=10
    )
    applicant, reluctant = reader("applicant@example.org"), PersonFactory(email="r@example.org")
    reader("other@example.org")
    for number, person in enumerate([applicant, reluctant]):
        DelegationApplication.objects.create(
            call=call,
            person=person,
            token=f"token-{number}",
            name=person.name,
            email=person.email,
            affiliation="A university",
            role="student",
            statement="I follow the Court.",
        )
    applicants = MailingList.objects.get(slug="delegation-applicants")
    assert reached(applicants) == ["applicant@example.org"]


def test_segment_by_state_and_by_district_where_the_zip_lies_wholly():
    ZipDistrict.objects.bulk_create(
        [
            ZipDistrict(zcta="10002", state="NY", district=10),
            ZipDistrict(zcta="10001", state="NY", district=10),
            ZipDistrict(zcta="10001", state="NY", district=12),
            ZipDistrict(zcta="10003", state="NY", district=12),
        ]
    )
    reader("ny10@example.org", zip_code="10002", state="NY")
    reader("ny10plus4@example.org", zip_code="10002-1234", state="NY")
    reader("split@example.org", zip_code="10001", state="NY")
    reader("ny12@example.org", zip_code="10003", state="NY")
    reader("wy@example.org", zip_code="82001", state="WY")
    reader("nozip@example.org", zip_code="", state="NY")

    assert reached(segment(filter_state="WY")) == ["wy@example.org"]
    assert reached(segment(filter_state="NY", filter_district=10)) == [
        "ny10@example.org",
        "ny10plus4@example.org",
    ]
    assert reached(segment(filter_state="NY", filter_district=12)) == ["ny12@example.org"]


def test_segment_by_alliance_constituency_and_joining_date():
    alliance = AllianceFactory()
    member, bar, old = (reader(f"{n}@example.org") for n in ("member", "bar", "old"))
    AllianceMembershipFactory(alliance=alliance, person=member, active=True)
    MemberOrganizationFactory(constituency=Constituency.BAR_ASSOCIATION, representatives=[bar])
    MemberOrganizationFactory(
        constituency=Constituency.BAR_ASSOCIATION,
        status=OrganizationStatus.WITHDRAWN,
        representatives=[member],
    )
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Person.objects.filter(pk=old.pk).update(created_at=long_ago)

    assert reached(segment(alliance=alliance)) == ["member@example.org"]
    assert reached(segment(filter_constituency=Constituency.BAR_ASSOCIATION)) == ["bar@example.org"]
    since = timezone.localdate() - datetime.timedelta(days=30)
    assert reached(segment(filter_joined_since=since)) == ["bar@example.org", "member@example.org"]
    both = segment(filter_joined_since=since, filter_constituency=Constituency.BAR_ASSOCIATION)
    assert reached(both) == ["bar@example.org"]


def test_segment_with_another_purpose_needs_that_consent():
    reader("news@example.org", state="NY")
    PersonFactory(email="alerts@example.org", state="NY", wants_action_alerts=True)
    alerts_in_ny = segment(filter_state="NY", purpose=ConsentPurpose.ACTION_ALERTS)
    assert reached(alerts_in_ny) == ["alerts@example.org"]


def test_opt_outs_and_suppressions_are_left_out_segments_follow_their_wider_list():
    for name in ("stays", "left", "bounced", "unsubscribed", "left-segment"):
        reader(f"{name}@example.org", state="NY")
    in_ny = segment(filter_state="NY")
    list_leave(email="LEFT@example.org", mailing_list=newsletter_list(), source="test")
    list_leave(email="left-segment@example.org", mailing_list=in_ny, source="test")
    suppression_add(
        email="bounced@example.org", reason=SuppressionReason.HARD_BOUNCE, source="test"
    )
    everything_leave(email="unsubscribed@example.org", source="test")

    assert reached(newsletter_list()) == ["left-segment@example.org", "stays@example.org"]
    assert reached(in_ny) == ["stays@example.org"]
    assert list_recipient_count(in_ny) == 1

    assert list_rejoin(email="left@example.org", mailing_list=newsletter_list())
    assert not list_rejoin(email="left@example.org", mailing_list=newsletter_list())
    assert reached(in_ny) == ["left@example.org", "stays@example.org"]


def test_alliance_segment_follows_the_alliance_list():
    alliance = AllianceFactory()
    person = PersonFactory(email="m@example.org", wants_alliance_updates=True, state="NY")
    AllianceMembershipFactory(alliance=alliance, person=person, active=True)
    ny_members = segment(
        alliance=alliance, filter_state="NY", purpose=ConsentPurpose.ALLIANCE_UPDATES
    )
    assert reached(ny_members) == ["m@example.org"]
    alliance_list = MailingList.objects.get(kind=ListKind.ALLIANCE, alliance=alliance)
    list_leave(email="m@example.org", mailing_list=alliance_list, source="test")
    assert reached(ny_members) == []


def test_suppression_is_idempotent_and_only_grows_stronger():
    first = suppression_add(
        email=" Ada@Example.org ", reason=SuppressionReason.UNSUBSCRIBED, source="link"
    )
    assert first.email == "ada@example.org" and is_suppressed("ADA@example.org")
    again = suppression_add(
        email="ada@example.org", reason=SuppressionReason.UNSUBSCRIBED, source="link"
    )
    assert again.pk == first.pk
    complaint = suppression_add(
        email="ada@example.org", reason=SuppressionReason.COMPLAINT, source="Postmark webhook"
    )
    assert (complaint.pk, complaint.reason) == (first.pk, SuppressionReason.COMPLAINT)
    suppression_add(email="ada@example.org", reason=SuppressionReason.UNSUBSCRIBED, source="x")
    assert Suppression.objects.get().reason == SuppressionReason.COMPLAINT
    assert not is_suppressed("bea@example.org")


def test_only_staff_lift_a_bounce_and_their_changes_are_audited():
    staff = UserFactory(staff=True)
    suppression_add(email="b@example.org", reason=SuppressionReason.HARD_BOUNCE, source="x")
    assert not suppression_remove(email="b@example.org")
    assert is_suppressed("b@example.org")
    assert suppression_remove(email="b@example.org", user=staff)
    assert not is_suppressed("b@example.org")

    added = suppression_add(
        email="c@example.org", reason=SuppressionReason.MANUAL, source="staff", user=staff
    )
    assert added.created_by == staff
    suppression_add(email="u@example.org", reason=SuppressionReason.UNSUBSCRIBED, source="link")
    assert suppression_remove(email="u@example.org")
    actions = list(
        ModelLogEntry.objects.filter(user=staff).order_by("pk").values_list("action", "label")
    )
    assert actions == [
        ("wagtail.delete", "b@example.org (Hard bounce)"),
        ("wagtail.create", "c@example.org (Added by staff)"),
    ]


def test_staff_leaving_and_rejoining_a_list_is_audited():
    staff = UserFactory(staff=True)
    opt_out = list_leave(
        email="a@example.org", mailing_list=newsletter_list(), source="staff", user=staff
    )
    assert opt_out.source == "staff"
    list_leave(email="a@example.org", mailing_list=newsletter_list(), source="again", user=staff)
    assert ListOptOut.objects.get().source == "staff"
    list_rejoin(email="a@example.org", mailing_list=newsletter_list(), user=staff)
    assert list(
        ModelLogEntry.objects.filter(user=staff).order_by("pk").values_list("action", flat=True)
    ) == ["wagtail.create", "wagtail.delete"]


def test_leaving_everything_suppresses_and_withdraws_every_consent():
    person = PersonFactory(
        email="ada@example.org",
        wants_newsletter=True,
        wants_action_alerts=True,
        wants_alliance_updates=False,
    )
    suppression = everything_leave(email="Ada@example.org", source="unsubscribe link")
    assert suppression.reason == SuppressionReason.UNSUBSCRIBED
    person.refresh_from_db()
    assert not (person.wants_newsletter or person.wants_action_alerts)
    records = ConsentRecord.objects.filter(person=person).order_by("purpose")
    assert [(r.purpose, r.granted, r.source) for r in records] == [
        (ConsentPurpose.ACTION_ALERTS, False, ConsentSource.PREFERENCES),
        (ConsentPurpose.NEWSLETTER, False, ConsentSource.PREFERENCES),
    ]
    everything_leave(email="ada@example.org", source="again")
    assert ConsentRecord.objects.filter(person=person).count() == 2


def test_a_new_alliance_gets_its_list_even_when_the_slug_is_taken():
    MailingList.objects.create(
        name="Squatter", slug="alliance-lakeside", kind=ListKind.SEGMENT, filter_state="NY"
    )
    alliance = AllianceFactory(name="Lakeside", slug="lakeside")
    mailing_list = MailingList.objects.get(kind=ListKind.ALLIANCE, alliance=alliance)
    assert mailing_list.slug == f"alliance-{alliance.pk}-lakeside"
    alliance.name = "Lakeside Alliance"
    alliance.save()
    assert MailingList.objects.filter(alliance=alliance).count() == 1
