"""A newsletter's delivery records: snapshots, skipped addresses, idempotence and resuming,
and the last check before each batch is sent."""

import pytest
from django.utils import timezone

from amicc.coalition.choices import ConsentPurpose, ConsentSource
from amicc.coalition.models import Person
from amicc.coalition.services.people import consent_record
from amicc.coalition.tests.factories import (
    AllianceFactory,
    AllianceMembershipFactory,
    PersonFactory,
)
from amicc.congress.tests.conftest import DATA, TODAY, run
from amicc.mailings.choices import DeliveryKind, DeliveryStatus, ListKind, SuppressionReason
from amicc.mailings.models import Delivery, MailingList, Newsletter
from amicc.mailings.services.audience import (
    SKIP_ADDRESS_CHANGED,
    SKIP_CONSENT_WITHDRAWN,
    SKIP_ERASED,
    SKIP_LEFT_LIST,
    QueueResult,
    deliveries_queue,
    skip_reasons,
    skip_suppressed,
    suppression_add,
)
from amicc.mailings.services.subscriptions import list_leave

pytestmark = pytest.mark.django_db


@pytest.fixture
def congress(db):
    """The congress tests' sample members and ZIP codes, imported as serving on TODAY."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
        run("import_legislators", str(DATA / "sample-legislators.yaml"))
        run("import_zcta", str(DATA / "sample-zccd.csv"))


CHO = {
    "name": "Celia Cho",
    "role": "Representative",
    "party": "Democrat",
    "phone": "202-555-0103",
    "url": "https://cho.house.example",
}
NY_SENATORS = ["Alma R. Ashford", "Ben Brandt"]
WY_SENATORS = ["Frank Fairweather", "Grace Gillam"]


def newsletter_to(mailing_list: MailingList, **fields) -> Newsletter:
    count = Newsletter.objects.count()
    return Newsletter.objects.create(
        title=f"Newsletter {count}",
        slug=f"newsletter-{count}",
        subject="News from the coalition",
        mailing_list=mailing_list,
        **fields,
    )


def coalition_newsletter() -> Newsletter:
    return newsletter_to(MailingList.objects.get(slug="coalition-newsletter"))


def reader(email: str, **fields) -> Person:
    return PersonFactory(email=email, wants_newsletter=True, **fields)


def rows(newsletter: Newsletter) -> dict[str, tuple]:
    return {
        d.email: (d.status, d.reason)
        for d in Delivery.objects.filter(newsletter=newsletter).order_by("pk")
    }


def contexts(newsletter: Newsletter) -> dict[str, dict]:
    return {d.email: d.context for d in Delivery.objects.filter(newsletter=newsletter)}


def names(context: dict) -> list[str]:
    return [member["name"] for member in context["representatives"]]


def test_snapshots_name_the_alliance_district_and_members_of_congress(congress):
    alliance = AllianceFactory(name="New York City Alliance")
    ada = reader("ada@example.org", name="Ada Lovelace", zip_code="10002", state="NY")
    AllianceMembershipFactory(alliance=alliance, person=ada, active=True)
    reader("plus4@example.org", zip_code="10002-1234", state="NY")
    reader("split@example.org", zip_code="10001", state="NY")
    reader("wy@example.org", zip_code="82001", state="WY")
    reader("spans@example.org", zip_code="82930", state="WY")
    reader("dc@example.org", zip_code="20001", state="DC")
    reader("unknown@example.org", zip_code="99999", state="")
    reader("none@example.org", zip_code="", state="")

    newsletter = coalition_newsletter()
    assert deliveries_queue(newsletter=newsletter) == QueueResult(queued=8, skipped=0)
    found = contexts(newsletter)

    assert found["ada@example.org"] == {
        "name": "Ada Lovelace",
        "alliance": "New York City Alliance",
        "district": "NY-10",
        "representatives": [
            {**CHO, "name": "Alma R. Ashford", "role": "Senator", "phone": "202-555-0101"}
            | {"url": "https://ashford.senate.example"},
            {
                "name": "Ben Brandt",
                "role": "Senator",
                "party": "Republican",
                "phone": "202-555-0102",
                "url": "https://brandt.senate.example",
            },
            CHO,
        ],
    }
    assert found["plus4@example.org"]["district"] == "NY-10"
    assert found["plus4@example.org"]["alliance"] == ""
    assert (found["split@example.org"]["district"], names(found["split@example.org"])) == (
        "",
        NY_SENATORS,
    )
    assert (found["wy@example.org"]["district"], names(found["wy@example.org"])) == (
        "WY-AL",
        [*WY_SENATORS, "Henry Holt"],
    )
    # 82930 lies in Utah and Wyoming: the person's own state picks the senators.
    assert (found["spans@example.org"]["district"], names(found["spans@example.org"])) == (
        "",
        WY_SENATORS,
    )
    assert found["dc@example.org"]["district"] == "DC-AL"
    assert [(m["name"], m["role"]) for m in found["dc@example.org"]["representatives"]] == [
        ("Keisha King", "Delegate")
    ]
    for email in ("unknown@example.org", "none@example.org"):
        assert (found[email]["district"], found[email]["representatives"]) == ("", [])


def test_an_alliance_newsletter_names_that_alliance():
    first, second = AllianceFactory(name="First Alliance"), AllianceFactory(name="Second")
    person = PersonFactory(email="both@example.org", wants_alliance_updates=True)
    AllianceMembershipFactory(alliance=first, person=person, active=True)
    AllianceMembershipFactory(alliance=second, person=person, active=True)
    newsletter = newsletter_to(MailingList.objects.get(kind=ListKind.ALLIANCE, alliance=second))
    deliveries_queue(newsletter=newsletter)
    assert contexts(newsletter)["both@example.org"]["alliance"] == "Second"


def test_suppressed_and_departed_addresses_get_skipped_records():
    for name in ("ada", "bounced", "complained", "left"):
        reader(f"{name}@example.org")
    PersonFactory(email="never@example.org")
    suppression_add(
        email="bounced@example.org", reason=SuppressionReason.HARD_BOUNCE, source="test"
    )
    suppression_add(email="complained@example.org", reason=SuppressionReason.COMPLAINT, source="t")
    newsletter = coalition_newsletter()
    list_leave(email="left@example.org", mailing_list=newsletter.mailing_list, source="test")

    result = deliveries_queue(newsletter=newsletter)

    assert result == QueueResult(queued=1, skipped=3)
    assert rows(newsletter) == {
        "ada@example.org": (DeliveryStatus.QUEUED, ""),
        "bounced@example.org": (DeliveryStatus.SKIPPED, "Address suppressed: hard bounce"),
        "complained@example.org": (DeliveryStatus.SKIPPED, "Address suppressed: spam complaint"),
        "left@example.org": (DeliveryStatus.SKIPPED, SKIP_LEFT_LIST),
    }
    newsletter.refresh_from_db()
    assert newsletter.queued_at is not None and newsletter.total_recipients == 4
    ada = Delivery.objects.get(email="ada@example.org")
    assert (ada.kind, ada.person.email, ada.name) == (
        DeliveryKind.NEWSLETTER,
        "ada@example.org",
        ada.person.name,
    )


def test_queueing_twice_writes_nothing_more(django_assert_max_num_queries):
    for n in range(3):
        reader(f"r{n}@example.org")
    newsletter = coalition_newsletter()
    first = deliveries_queue(newsletter=newsletter)
    before = list(Delivery.objects.order_by("pk").values_list("pk", "email", "status"))
    reader("late@example.org")
    with django_assert_max_num_queries(1):
        assert deliveries_queue(newsletter=newsletter) == first
    # Even forgetting that it finished, a second run adds only who is new.
    Newsletter.objects.filter(pk=newsletter.pk).update(queued_at=None)
    newsletter.refresh_from_db()
    assert deliveries_queue(newsletter=newsletter) == QueueResult(queued=4, skipped=0)
    after = list(Delivery.objects.order_by("pk").values_list("pk", "email", "status"))
    assert after[:3] == before and [row[1] for row in after[3:]] == ["late@example.org"]


def test_an_interrupted_queue_resumes_where_it_stopped(monkeypatch):
    monkeypatch.setattr("amicc.mailings.services.audience.QUEUE_CHUNK", 4)
    people = [reader(f"r{n:02}@example.org") for n in range(10)]
    newsletter = coalition_newsletter()
    # A first run that wrote one chunk and part of another before the worker died.
    written = [
        Delivery(
            kind=DeliveryKind.NEWSLETTER,
            newsletter=newsletter,
            person=person,
            email=person.email,
            name=person.name,
            context={"name": "as first written"},
        )
        for person in people[:6]
    ]
    Delivery.objects.bulk_create(written)
    Delivery.objects.filter(email="r00@example.org").update(status=DeliveryStatus.SENT)

    assert deliveries_queue(newsletter=newsletter) == QueueResult(queued=10, skipped=0)

    assert Delivery.objects.filter(newsletter=newsletter).count() == 10
    kept = Delivery.objects.filter(context={"name": "as first written"}).count()
    assert kept == 6
    assert Delivery.objects.get(email="r00@example.org").status == DeliveryStatus.SENT
    assert Delivery.objects.get(email="r09@example.org").context["name"] == people[9].name


def test_queries_per_chunk_stay_few(monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr("amicc.mailings.services.audience.QUEUE_CHUNK", 10)
    alliance = AllianceFactory()
    for n in range(50):
        person = reader(f"r{n:02}@example.org", zip_code=f"1{n:04}")
        AllianceMembershipFactory(alliance=alliance, person=person, active=True)
    newsletter = coalition_newsletter()
    # Setup: list, existing rows, legislators (3 at most); per chunk: people, ZIPs,
    # memberships, the insert and its savepoint pair (6; SQLite splits a larger insert every
    # 49 rows); at the end: an empty page, the counts and the update (3).
    with django_assert_max_num_queries(3 + 5 * 6 + 3):
        deliveries_queue(newsletter=newsletter)
    assert Delivery.objects.count() == 50


def test_skip_reasons_catch_what_changed_since_queueing(django_assert_max_num_queries):
    people = {
        name: reader(f"{name}@example.org")
        for name in ("fine", "bounced", "left", "withdrew", "erased", "moved", "deleted")
    }
    newsletter = coalition_newsletter()
    deliveries_queue(newsletter=newsletter)
    suppression_add(email="bounced@example.org", reason=SuppressionReason.HARD_BOUNCE, source="t")
    list_leave(email="left@example.org", mailing_list=newsletter.mailing_list, source="test")
    consent_record(
        person=people["withdrew"],
        purpose=ConsentPurpose.NEWSLETTER,
        wording="No more",
        source=ConsentSource.PREFERENCES,
        granted=False,
    )
    Person.objects.filter(pk=people["erased"].pk).update(email=None, erased_at=timezone.now())
    Person.objects.filter(pk=people["moved"].pk).update(email="new-address@example.org")
    people["deleted"].delete()

    batch = list(Delivery.objects.filter(newsletter=newsletter))
    fresh = Newsletter.objects.get(pk=newsletter.pk)
    with django_assert_max_num_queries(3):
        reasons = skip_reasons(newsletter=fresh, deliveries=batch)
    by_email = {d.email: reasons.get(d.pk, "") for d in batch}
    assert by_email == {
        "fine@example.org": "",
        "bounced@example.org": skip_suppressed(SuppressionReason.HARD_BOUNCE),
        "left@example.org": SKIP_LEFT_LIST,
        "withdrew@example.org": SKIP_CONSENT_WITHDRAWN,
        "erased@example.org": SKIP_ERASED,
        "moved@example.org": SKIP_ADDRESS_CHANGED,
        "deleted@example.org": SKIP_ERASED,
    }
    loaded = Newsletter.objects.select_related("mailing_list").get(pk=newsletter.pk)
    with django_assert_max_num_queries(2):
        assert skip_reasons(newsletter=loaded, deliveries=batch) == reasons
    assert skip_reasons(newsletter=loaded, deliveries=[]) == {}
