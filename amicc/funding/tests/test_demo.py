"""The funding demo: the funders named in the seed documents, with labelled sample grants."""

import datetime

import pytest
from django.utils import timezone

from amicc.funding.choices import GrantStatus
from amicc.funding.demo_content import SAMPLE_NOTE, SEED_FUNDERS, funding_demo_load
from amicc.funding.models import Funder, Grant
from amicc.funding.selectors import reports_due_for_reminder

pytestmark = pytest.mark.django_db


def test_demo_loads_the_seed_funders_once(client):
    summary = funding_demo_load()
    assert summary.startswith("Funding: 8 listed funders") and "\n" not in summary
    assert Funder.objects.count() == len(SEED_FUNDERS) == 8
    assert "Ford Foundation" in Funder.objects.values_list("name", flat=True)
    assert all(grant.notes == SAMPLE_NOTE for grant in Grant.objects.all())
    statuses = set(Grant.objects.values_list("status", flat=True))
    assert {GrantStatus.PROSPECT, GrantStatus.APPLIED, GrantStatus.AWARDED} <= statuses
    due = reports_due_for_reminder(today=timezone.localdate())
    assert due and all(
        report.due_on <= timezone.localdate() + datetime.timedelta(days=14) for report in due
    )

    html = client.get("/funders/").content.decode()
    for seed in SEED_FUNDERS:
        assert seed.name in html

    counts = (Funder.objects.count(), Grant.objects.count())
    assert funding_demo_load() == "Funding: funders already recorded, nothing loaded."
    assert (Funder.objects.count(), Grant.objects.count()) == counts
