"""The outreach demo, and a requester's rights over their data."""

import datetime

import pytest
from django.core import mail

from amicc.coalition.demo_content import coalition_demo_load
from amicc.coalition.models import Person
from amicc.coalition.tests.factories import PersonFactory
from amicc.outreach.choices import RequestStatus
from amicc.outreach.demo_content import outreach_demo_load
from amicc.outreach.models import MediaContact, MediaCoverage, PresentationRequest, Speaker
from amicc.outreach.privacy import person_data, person_forget
from amicc.outreach.services import presentations as services
from amicc.outreach.tests.factories import in_days

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 25)


def test_the_demo_loads_a_labelled_sample_once(client):
    coalition_demo_load(today=TODAY)
    summary = outreach_demo_load(today=TODAY)
    assert summary.startswith("Outreach: 6 sample speakers")
    assert {r.status for r in PresentationRequest.objects.all()} == set(RequestStatus.values)
    years = {r.delivered_on.year for r in PresentationRequest.objects.exclude(delivered_on=None)}
    assert len(years) >= 4
    states = PresentationRequest.objects.exclude(delivered_on=None).values("state").distinct()
    assert states.count() >= 10
    assert MediaCoverage.objects.filter(featured=True).count() >= 3
    assert MediaCoverage.objects.exclude(alliance=None).exists()
    for model in (Speaker, MediaContact):
        assert all("(sample)" in obj.name for obj in model.objects.all())
    assert all("(sample)" in item.headline for item in MediaCoverage.objects.all())
    assert mail.outbox == []
    counts = [m.objects.count() for m in (Speaker, PresentationRequest, MediaCoverage)]
    assert "0 sample speakers, 0 presentation requests" in outreach_demo_load(today=TODAY)
    assert [m.objects.count() for m in (Speaker, PresentationRequest, MediaCoverage)] == counts
    assert client.get("/presentations/").status_code == 200
    assert client.get("/in-the-news/").status_code == 200


def test_a_requesters_data_is_exported_and_forgotten(topics):
    request = services.presentation_request_submit(
        organization="Temple Study Group",
        contact_name="Rae Requester",
        contact_email="rae@example.org",
        contact_phone="555-0100",
        city="Cleveland",
        state="OH",
        zip_code="44106",
        preferred_dates=[in_days(15)],
        audience_type="faith",
        audience_size=25,
        format="online",
        topics=[topics["us"]],
        notes="Our rabbi will introduce you.",
    )
    person = Person.objects.get(email="rae@example.org")
    (exported,) = person_data(person)
    assert exported["contact_name"] == "Rae Requester"
    assert exported["topics"] == ["The United States and the ICC"]
    person_forget(person)
    request.refresh_from_db()
    assert request.contact_email == "" and request.contact_phone == "" and request.notes == ""
    assert "Rae" not in request.contact_name
    assert request.organization == "Temple Study Group"  # counted on the public map
    assert person_data(PersonFactory()) == []
