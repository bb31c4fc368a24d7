"""Staff record a member's assessed stance with its evidence; nobody else reaches it."""

import datetime

import pytest
from django.urls import reverse

from amicc.coalition.tests.admin_fixtures import coalition_fixture, user_in  # noqa: F401
from amicc.congress.choices import Stance
from amicc.congress.models import StanceAssessment
from amicc.congress.tests.test_scorecard import serving

pytestmark = pytest.mark.django_db


def admin_url(view: str, *args) -> str:
    return reverse(f"wagtailsnippets_congress_stanceassessment:{view}", args=args)


def stance_form(legislator, **changes) -> dict:
    data = {
        "legislator": str(legislator.pk),
        "stance": Stance.CHAMPION,
        "summary": "Introduced a resolution supporting the Court.",
        "assessed_on": "2026-03-01",
        "is_published": "on",
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-occurred_on": "2026-02-14",
        "evidence-0-description": "Floor statement on the Court's twentieth year.",
        "evidence-0-source_url": "https://www.congress.gov/congressional-record/example",
        "evidence-0-watchlist_item": "",
        "evidence-0-ORDER": "1",
    }
    data.update(changes)
    return data


def test_staff_record_a_stance_with_its_evidence(client, coalition):
    member = serving("Abbot", district=1)
    client.force_login(coalition.staff)

    response = client.post(admin_url("add"), stance_form(member))

    assert response.status_code == 302, response.context["form"].errors
    assessment = StanceAssessment.objects.get(legislator=member)
    assert assessment.assessed_on == datetime.date(2026, 3, 1)
    assert [e.description for e in assessment.evidence.all()] == [
        "Floor statement on the Court's twentieth year."
    ]
    listing = client.get(admin_url("list"), {"stance": Stance.CHAMPION}).content.decode()
    assert "Abbot" in listing


def test_a_second_assessment_of_the_same_member_is_refused(client, coalition):
    member = serving("Abbot", district=1)
    client.force_login(coalition.staff)
    client.post(admin_url("add"), stance_form(member))

    again = client.post(admin_url("add"), stance_form(member, stance=Stance.OPPOSED))

    assert again.status_code == 200
    assert "legislator" in again.context["form"].errors
    assert StanceAssessment.objects.get().stance == Stance.CHAMPION


def test_coordinators_and_editors_do_not_reach_stances(client, coalition):
    member = serving("Abbot", district=1)
    for user in (coalition.coordinator, user_in("Editors", username="editor")):
        client.force_login(user)
        assert client.post(admin_url("add"), stance_form(member)).status_code == 302
        assert client.get(admin_url("list")).status_code == 302
    assert not StanceAssessment.objects.exists()
