"""Load the outreach part of the demo: a speaker roster, presentation requests in every
status, presentations given across states and years, media coverage and media contacts.

Everything is invented and labelled "(sample)"; email addresses are at example.org and
links point to example.org. Each table is filled only while it is empty, so running the
demo again, or on an installation with real records, creates nothing. Nothing is emailed.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from amicc.coalition.models import Alliance
from amicc.outreach.choices import AudienceType as A
from amicc.outreach.choices import MediaKind as K
from amicc.outreach.choices import PresentationFormat as F
from amicc.outreach.choices import RequestStatus as S
from amicc.outreach.choices import SpeakerKind
from amicc.outreach.models import MediaContact, MediaCoverage, PresentationRequest, Speaker
from amicc.pages.models import Topic

# name, staff or volunteer, states covered (none: anywhere)
SPEAKERS = [
    ("Avery Example (sample)", SpeakerKind.STAFF, []),
    ("Blake Sample (sample)", SpeakerKind.STAFF, ["NY", "NJ", "CT", "PA"]),
    ("Casey Placeholder (sample)", SpeakerKind.VOLUNTEER, ["IL", "WI", "IN", "MN"]),
    ("Dana Specimen (sample)", SpeakerKind.VOLUNTEER, ["CA", "WA", "OR"]),
    ("Emery Demo (sample)", SpeakerKind.VOLUNTEER, ["TX", "CO", "GA"]),
    ("Finley Mockwell (sample)", SpeakerKind.VOLUNTEER, ["MA", "DC", "MD"]),
]

# organization, city, state, ZIP, audience, size, format, status, days from today
# (preferred date for open requests, delivery for given ones), speaker index, feedback
REQUESTS = [
    ("Lincoln Park High School civics club (sample)", "Chicago", "IL", "60614", A.STUDENTS,
     45, F.IN_PERSON, S.NEW, 40, None, None),
    ("Riverside Interfaith Circle (sample)", "Portland", "OR", "97205", A.FAITH, 30,
     F.ONLINE, S.NEW, 25, None, None),
    ("Brooklyn Law Students for Justice (sample)", "New York", "NY", "11201", A.LAW, 80,
     F.IN_PERSON, S.SCHEDULED, 18, 1, None),
    ("Austin Rotary Club (sample)", "Austin", "TX", "78701", A.CIVIC, 60, F.IN_PERSON,
     S.SCHEDULED, 33, 4, None),
    ("Twin Cities Human Rights Forum (sample)", "Minneapolis", "MN", "55401",
     A.HUMAN_RIGHTS, 35, F.IN_PERSON, S.DELIVERED, -6, 2, None),
    ("Seattle Veterans Breakfast (sample)", "Seattle", "WA", "98101", A.VETERANS, 25,
     F.IN_PERSON, S.DELIVERED, -20, 3, (5, "Clear and well paced; many questions.")),
    ("Small-town Book Club (sample)", "Boise", "ID", "83702", A.CIVIC, 8, F.IN_PERSON,
     S.DECLINED, 10, None, None),
    ("Harbor Business Network (sample)", "Baltimore", "MD", "21202", A.PROFESSIONAL, 20,
     F.ONLINE, S.CLOSED, -40, None, None),
]  # fmt: skip

# state, city, ZIP, audience, size, years ago, month: presentations given in past years
HISTORY = [
    ("IL", "Chicago", "60637", A.STUDENTS, 120, 1, 3),
    ("IL", "Evanston", "60201", A.LAW, 40, 2, 10),
    ("NY", "New York", "10027", A.STUDENTS, 90, 1, 4),
    ("NY", "Albany", "12207", A.CIVIC, 30, 3, 9),
    ("CA", "Los Angeles", "90024", A.HUMAN_RIGHTS, 70, 1, 11),
    ("CA", "San Francisco", "94103", A.LAW, 55, 2, 2),
    ("CA", "Oakland", "94612", A.FAITH, 35, 4, 5),
    ("MA", "Boston", "02215", A.STUDENTS, 150, 2, 10),
    ("PA", "Philadelphia", "19104", A.FAITH, 45, 1, 1),
    ("PA", "Pittsburgh", "15213", A.STUDENTS, 60, 3, 4),
    ("DC", "Washington", "20009", A.LAW, 65, 1, 6),
    ("DC", "Washington", "20016", A.PROFESSIONAL, 25, 4, 3),
    ("TX", "Austin", "78705", A.STUDENTS, 80, 2, 9),
    ("GA", "Atlanta", "30303", A.FAITH, 50, 3, 2),
    ("CO", "Denver", "80202", A.CIVIC, 40, 1, 8),
    ("OH", "Cleveland", "44106", A.VETERANS, 20, 2, 5),
    ("MN", "Minneapolis", "55414", A.STUDENTS, 75, 4, 11),
]

# alliance slug (None: staff), outlet, headline, kind, days ago, reach, featured
COVERAGE = [
    (
        "chicago",
        "The Lakeshore Ledger (sample)",
        "Students quiz experts on how the ICC tries war crimes",
        K.NEWS,
        12,
        40000,
        True,
    ),
    (
        None,
        "Capital Review (sample)",
        "Why America should work with the International Criminal Court",
        K.OP_ED,
        30,
        120000,
        True,
    ),
    (
        "new-york",
        "Hudson Daily (sample)",
        "Letter: sanctions on the Court hurt victims",
        K.LETTER_TO_EDITOR,
        55,
        80000,
        False,
    ),
    (
        "seattle",
        "Sound Public Radio (sample)",
        "Local alliance on justice for atrocity crimes",
        K.INTERVIEW,
        75,
        25000,
        True,
    ),
    (
        "boston",
        "Back Bay Courier (sample)",
        "A campus teach-in on the Rome Statute",
        K.NEWS,
        100,
        15000,
        False,
    ),
    (
        None,
        "Evening News Hour (sample)",
        "What the ICC's latest ruling means",
        K.BROADCAST,
        130,
        500000,
        True,
    ),
    (
        "austin",
        "Hill Country Herald (sample)",
        "Congregations host a forum on international justice",
        K.NEWS,
        160,
        12000,
        False,
    ),
    (
        "philadelphia",
        "Liberty Bell Gazette (sample)",
        "Letter: the United States helped build this court",
        K.LETTER_TO_EDITOR,
        200,
        60000,
        False,
    ),
    (
        "twin-cities",
        "North Star Tribune (sample)",
        "Twin Cities volunteers brief their congressional offices",
        K.NEWS,
        240,
        30000,
        True,
    ),
    (
        None,
        "Policy Desk (sample)",
        "Accountability for atrocities is in the American tradition",
        K.OP_ED,
        290,
        45000,
        False,
    ),
    (
        "los-angeles",
        "Pacific Voice (sample)",
        "Survivors' families speak about the Court",
        K.INTERVIEW,
        330,
        35000,
        False,
    ),
]

MEDIA_CONTACTS = [
    ("Morgan Example (sample)", "The Lakeshore Ledger (sample)", "Courts and the law"),
    ("Quinn Placeholder (sample)", "Capital Review (sample)", "Opinion pages"),
    ("Reese Specimen (sample)", "Sound Public Radio (sample)", "International affairs"),
]


def _speakers_load(topics: list[Topic]) -> list[Speaker]:
    if Speaker.objects.exists():
        return []
    speakers = []
    for index, (name, kind, states) in enumerate(SPEAKERS):
        handle = name.split()[0].lower()
        speaker = Speaker(
            name=name, email=f"{handle}.speaker@example.org", kind=kind, states=states
        )
        speaker.full_clean()
        speaker.save()
        speaker.topics.set(topics[index % 2 :: 2] if topics else [])
        speakers.append(speaker)
    return speakers


def _request(row_date: datetime.date, **fields) -> PresentationRequest:
    handle = fields["organization"].split()[0].lower()
    request = PresentationRequest(
        contact_name=f"{handle.title()} Contact (sample)",
        contact_email=f"{handle}.contact@example.org",
        preferred_date_1=row_date,
        **fields,
    )
    request.full_clean()
    request.save()
    return request


def _given(day: datetime.date, speaker: Speaker) -> dict:
    moment = datetime.datetime.combine(day, datetime.time(18, 0))
    return {
        "speaker": speaker,
        "scheduled_for": timezone.make_aware(moment),
        "delivered_on": day,
    }


def _requests_load(speakers: list[Speaker], today: datetime.date) -> int:
    if PresentationRequest.objects.exists() or not speakers:
        return 0
    for (
        organization,
        city,
        state,
        zip_code,
        audience,
        size,
        format_,
        status,
        days,
        who,
        fb,
    ) in REQUESTS:
        day = today + datetime.timedelta(days=days)
        fields = {
            "organization": organization, "city": city, "state": state, "zip_code": zip_code,
            "audience_type": audience, "audience_size": size, "format": format_, "status": status,
        }  # fmt: skip
        if status == S.SCHEDULED:
            fields.update(_given(day, speakers[who]), delivered_on=None)
        elif status == S.DELIVERED:
            fields.update(_given(day, speakers[who]))
        elif status == S.DECLINED:
            fields["decline_reason"] = "(Sample) No speaker can travel there on the dates asked."
        if fb:
            fields.update(
                feedback_rating=fb[0], feedback_comments=fb[1], feedback_received_at=timezone.now()
            )
        _request(day if days > 0 else today - datetime.timedelta(days=60 - days), **fields)
    for index, (state, city, zip_code, audience, size, years, month) in enumerate(HISTORY):
        day = datetime.date(today.year - years, month, 10 + index % 15)
        _request(
            day - datetime.timedelta(days=45),
            organization=f"{city} {A(audience).label.split()[0]} group {index + 1} (sample)",
            city=city, state=state, zip_code=zip_code, audience_type=audience,
            audience_size=size, format=F.IN_PERSON, status=S.CLOSED,
            **_given(day, speakers[index % len(speakers)]),
        )  # fmt: skip
    return len(REQUESTS) + len(HISTORY)


def _coverage_load(topics: list[Topic], today: datetime.date) -> int:
    if MediaCoverage.objects.exists():
        return 0
    alliances = Alliance.objects.in_bulk(field_name="slug")
    for index, (slug, outlet, headline, kind, days, reach, featured) in enumerate(COVERAGE):
        item = MediaCoverage(
            outlet=outlet,
            published_on=today - datetime.timedelta(days=days),
            url=f"https://news.example.org/sample-{index + 1}",
            headline=f"{headline} (sample)",
            kind=kind,
            alliance=alliances.get(slug) if slug else None,
            estimated_reach=reach,
            featured=featured,
        )
        item.full_clean()
        item.save()
        item.topics.set(topics[index % 2 :: 3] if topics else [])
    return len(COVERAGE)


def _contacts_load() -> int:
    if MediaContact.objects.exists():
        return 0
    for name, outlet, beat in MEDIA_CONTACTS:
        handle = name.split()[0].lower()
        MediaContact.objects.create(
            name=name, outlet=outlet, beat=beat, email=f"{handle}.reporter@example.org",
            notes="A sample contact for the demo.",
        )  # fmt: skip
    return len(MEDIA_CONTACTS)


@transaction.atomic
def outreach_demo_load(*, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    topics = list(Topic.objects.all()[:4])
    speakers = _speakers_load(topics)
    requests = _requests_load(speakers, today)
    coverage = _coverage_load(topics, today)
    contacts = _contacts_load()
    return (
        f"Outreach: {len(speakers)} sample speakers, {requests} presentation requests, "
        f"{coverage} media coverage items, {contacts} media contacts created"
    )
