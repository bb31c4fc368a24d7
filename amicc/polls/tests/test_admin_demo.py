"""The polls demo: a national poll with published results, an open alliance poll, once."""

import pytest
from django.test import Client

from amicc.coalition.demo_content import coalition_demo_load
from amicc.congress.demo_content import congress_demo_load
from amicc.congress.models import ZipDistrict
from amicc.polls.demo_content import RESPONSES, polls_demo_load
from amicc.polls.models import Poll, PollCellTally, PollResponse, PollTally
from amicc.polls.selectors import poll_includes


@pytest.fixture
def demo(db, site_tree):
    coalition_demo_load()
    congress_demo_load()
    return polls_demo_load()


def test_the_demo_loads_its_polls_once(demo):
    assert demo.startswith("Polls: a national poll with 3000 synthetic responses")
    national = Poll.objects.get(slug="us-and-the-icc")
    assert national.results_published and national.weighted and national.demographics
    assert PollResponse.objects.filter(poll=national).count() == RESPONSES
    placed = set(PollResponse.objects.values_list("state", "district").distinct())
    assert placed <= set(ZipDistrict.objects.values_list("state", "district"))
    single = national.questions.get(kind="single")
    answered = PollTally.objects.filter(question=single, option_key=0)
    assert sum(answered.values_list("count", flat=True)) == RESPONSES
    assert PollCellTally.objects.filter(poll=national).exists()

    alliance_poll = Poll.objects.exclude(pk=national.pk).get()
    assert alliance_poll.alliance is not None and alliance_poll.areas.exists()
    for area in alliance_poll.alliance.districts.all():
        assert poll_includes(alliance_poll, state=area.state, district=area.number)

    assert polls_demo_load() == "Polls: polls already exist, so no demo polls"
    assert Poll.objects.count() == 2


def test_the_demo_polls_pages_work(demo):
    client = Client()
    index = client.get("/polls/").content.decode()
    assert "The United States and the International Criminal Court" in index
    alliance_poll = Poll.objects.exclude(slug="us-and-the-icc").get()
    assert client.get(alliance_poll.get_absolute_url()).status_code == 200
    answer = client.post(
        alliance_poll.get_absolute_url(),
        {"zip_code": "10027", **{f"question_{q.pk}": str(q.options.first().pk)
                                 for q in alliance_poll.questions.all()}},
    )  # fmt: skip
    assert answer.status_code == 302
