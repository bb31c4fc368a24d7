"""The scorecard's arithmetic on hand-built records with known answers, and its page."""

import datetime
import re

import factory
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factory.django import DjangoModelFactory

from amicc.congress.choices import Chamber, Position, Stance, VotePosition, WatchlistKind
from amicc.congress.models import (
    Bill,
    Cosponsorship,
    Legislator,
    MemberVote,
    RollCallVote,
    ScorecardWeights,
    StanceAssessment,
    Term,
    WatchlistItem,
)
from amicc.congress.scorecard import Score, member_scorecard, scorecard_for

pytestmark = pytest.mark.django_db

URL = reverse("congress:scorecard")


class LegislatorFactory(DjangoModelFactory):
    """A former member; `serving()` seats one."""

    class Meta:
        model = Legislator

    bioguide_id = factory.Sequence(lambda n: f"T{n:06d}")
    first_name = "Pat"
    last_name = factory.Sequence(lambda n: f"Member{n:04d}")


def serving(
    last_name: str,
    *,
    state: str = "NY",
    chamber: str = Chamber.HOUSE,
    district: int | None = 1,
    party: str = "Democrat",
    **term_fields: object,
) -> Legislator:
    """A current member of the 119th Congress, seated by a term that ends in 2027."""
    district = None if chamber == Chamber.SENATE else district
    member = LegislatorFactory(last_name=last_name)
    term = Term.objects.create(
        legislator=member,
        type=chamber,
        start=datetime.date(2025, 1, 3),
        end=datetime.date(2027, 1, 3),
        state=state,
        district=district,
        party=party,
        **term_fields,
    )
    member.is_current = True
    member.current_term = term
    member.current_chamber = chamber
    member.current_state = state
    member.current_district = district
    member.current_party = party
    member.save()
    return member


class BillFactory(DjangoModelFactory):
    class Meta:
        model = Bill

    bill_type = "hr"
    number = factory.Sequence(lambda n: n + 1)
    congress = 119
    bill_id = factory.LazyAttribute(lambda bill: f"hr{bill.number}-119")
    display_title = factory.LazyAttribute(lambda bill: f"Test bill {bill.number}")


class WatchlistItemFactory(DjangoModelFactory):
    class Meta:
        model = WatchlistItem

    slug = factory.Sequence(lambda n: f"watched-{n}")
    kind = WatchlistKind.BILL
    identifier = factory.LazyAttribute(lambda item: item.bill.label)
    title = factory.Sequence(lambda n: f"Watched bill {n}")
    summary = "What the bill does."
    position = Position.SUPPORT
    score_weight = 1
    bill = factory.SubFactory(BillFactory)


class RollCallFactory(DjangoModelFactory):
    class Meta:
        model = RollCallVote

    chamber = "h"
    congress = 119
    session = "2025"
    number = factory.Sequence(lambda n: n + 1)
    vote_id = factory.LazyAttribute(lambda vote: f"h{vote.number}-119.2025")
    voted_at = factory.LazyAttribute(
        lambda vote: (
            datetime.datetime(2025, 3, 1, 15, tzinfo=datetime.UTC)
            + datetime.timedelta(days=vote.number)
        )
    )
    question = factory.LazyAttribute(lambda vote: f"On Passage: H R {vote.bill.number}")
    category = "passage"
    result = "Passed"
    bill = factory.SubFactory(BillFactory)


def cast(roll_call: RollCallVote, member: Legislator, position: str) -> MemberVote:
    return MemberVote.objects.create(
        roll_call=roll_call, legislator=member, member_id=member.bioguide_id, position=position
    )


def cosponsor(bill: Bill, member: Legislator, *, withdrawn: bool = False) -> Cosponsorship:
    return Cosponsorship.objects.create(
        bill=bill,
        legislator=member,
        bioguide_id=member.bioguide_id,
        name=member.display_name,
        sponsored_at=datetime.date(2025, 2, 1),
        withdrawn_at=datetime.date(2025, 4, 1) if withdrawn else None,
    )


@pytest.fixture
def record(db) -> dict:
    return build_record()


def build_record() -> dict:
    """Five serving members and one former member with known records.

    Items: A supported (weight 2), B opposed (weight 3); a monitored item, a supported one
    of weight 0 and an unpublished one never count. Default weights: sponsorship 3,
    cosponsorship 2, vote 1. B's second roll call is a motion to recommit.

    Abbot: sponsored A 6, yea on A 2, nay on B 3, yea to recommit B 3: 14 of 14, 100%.
    Baker: cosponsored A 4, yea on A 2 with; sponsored B 9 against: 6 of 15, 40%.
    Cole: records only on items that do not count: no record.
    Dunn: nay on A 2 against, nay on B 3 with: 3 of 5, 60%.
    Fox: cosponsored B 6 against, nay on B 3 with, withdrew from A: 3 of 9, 33%.
    """
    ScorecardWeights.load()
    abbot = serving("Abbot", district=1)
    baker = serving("Baker", district=2, party="Republican")
    cole = serving("Cole", state="WY", chamber=Chamber.SENATE, party="Republican")
    dunn = serving("Dunn", chamber=Chamber.SENATE)
    fox = serving("Fox", state="WY", district=0, party="Independent")
    ellery = LegislatorFactory(last_name="Ellery")

    a = WatchlistItemFactory(title="Item A", score_weight=2, bill__sponsor=abbot)
    b = WatchlistItemFactory(
        title="Item B", position=Position.OPPOSE, score_weight=3, bill__sponsor=baker
    )
    monitored = WatchlistItemFactory(
        title="Monitored", position=Position.MONITOR, score_weight=5, bill__sponsor=cole
    )
    unweighted = WatchlistItemFactory(title="Unweighted", score_weight=0)
    unpublished = WatchlistItemFactory(title="Unpublished", score_weight=4, is_published=False)

    a1 = RollCallFactory(bill=a.bill)
    b1 = RollCallFactory(bill=b.bill)
    b2 = RollCallFactory(
        bill=b.bill,
        question=f"On Motion to Recommit: H R {b.bill.number}",
        category="recommit",
        yea_supports_measure=False,
    )
    for roll_call, votes in (
        (a1, [(abbot, "yea"), (baker, "yea"), (dunn, "nay"), (ellery, "yea")]),
        (b1, [(abbot, "nay"), (baker, "present"), (dunn, "nay"), (fox, "nay")]),
        (b2, [(abbot, "yea"), (baker, "not_voting")]),
        (RollCallFactory(bill=monitored.bill), [(cole, "yea"), (abbot, "nay")]),
        (RollCallFactory(bill=unweighted.bill), [(cole, "yea")]),
        (RollCallFactory(bill=unpublished.bill), [(cole, "nay"), (abbot, "nay")]),
    ):
        for member, position in votes:
            cast(roll_call, member, position)
    cosponsor(a.bill, baker)
    cosponsor(b.bill, fox)
    cosponsor(a.bill, fox, withdrawn=True)
    cosponsor(unweighted.bill, cole)
    return {
        "members": [abbot, baker, cole, dunn, fox],
        "former": ellery,
        "items": {"a": a, "b": b, "monitored": monitored},
        "roll_calls": {"a1": a1, "b1": b1, "b2": b2},
    }


def scores() -> dict[str, tuple]:
    """{last name: (percent, records with, records against, points with, points total)}."""
    return {
        row.legislator.last_name: (
            row.score.percent,
            row.score.records_with,
            row.score.records_against,
            row.score.points_with,
            row.score.points_total,
        )
        for row in scorecard_for().rows
    }


def assert_pages_agree(members: list[Legislator]) -> None:
    """The legislator page's detailed tally gives each member the scorecard's score."""
    by_name = {row.legislator.pk: row.score for row in scorecard_for().rows}
    for member in members:
        assert member_scorecard(member).score == by_name[member.pk]


def test_scores_with_the_default_weights(record):
    assert scores() == {
        "Abbot": (100, 4, 0, 14, 14),
        "Baker": (40, 2, 1, 6, 15),
        "Cole": (None, 0, 0, 0, 0),
        "Dunn": (60, 1, 1, 3, 5),
        "Fox": (33, 1, 1, 3, 9),
    }
    assert_pages_agree(record["members"])


def test_scores_follow_the_weights_staff_set(record):
    weights = ScorecardWeights.load()
    weights.sponsorship, weights.cosponsorship, weights.vote = 1, 1, 5
    weights.save()

    assert scores() == {
        "Abbot": (100, 4, 0, 42, 42),
        "Baker": (80, 2, 1, 12, 15),
        "Cole": (None, 0, 0, 0, 0),
        "Dunn": (60, 1, 1, 15, 25),
        "Fox": (83, 1, 1, 15, 18),
    }
    assert_pages_agree(record["members"])


def test_a_kind_of_record_weighted_0_counts_nothing(record):
    weights = ScorecardWeights.load()
    weights.vote = 0
    weights.save()

    assert scores() == {
        "Abbot": (100, 1, 0, 6, 6),
        "Baker": (31, 1, 1, 4, 13),
        "Cole": (None, 0, 0, 0, 0),
        "Dunn": (None, 0, 0, 0, 0),
        "Fox": (0, 0, 1, 0, 6),
    }


def test_yea_that_sets_the_bill_aside_flips(record):
    b2 = record["roll_calls"]["b2"]
    b2.yea_supports_measure = True
    b2.save()

    # Abbot's yea on b2 is now a yea for the opposed bill: 11 of 14 points.
    assert scores()["Abbot"] == (79, 3, 1, 11, 14)


def test_votes_on_amendments_do_not_count(record):
    before = scores()["Abbot"]
    amendment = RollCallFactory(
        bill=record["items"]["a"].bill,
        question="On Agreeing to the Amendment",
        category="amendment",
    )
    cast(amendment, record["members"][0], "nay")

    assert scores()["Abbot"] == before


def test_items_that_do_not_count(record):
    monitored = record["items"]["monitored"]
    monitored.position = Position.OPPOSE
    monitored.save()
    # Now opposed with weight 5: Cole's sponsorship (15) and yea (5) are against, Abbot's
    # nay (5) with the coalition.
    assert scores()["Cole"] == (0, 0, 2, 0, 20)
    assert scores()["Abbot"] == (100, 5, 0, 19, 19)

    WatchlistItem.objects.filter(pk=record["items"]["b"].pk).update(is_published=False)
    assert scores()["Dunn"] == (0, 0, 1, 0, 2)


@pytest.mark.parametrize(
    ("points_with", "points_total", "percent"),
    [(0, 5, 0), (1, 8, 13), (2, 3, 67), (1, 3, 33), (7, 7, 100), (0, 0, None)],
)
def test_percentage_is_whole_with_halves_up(points_with, points_total, percent):
    assert Score(points_with=points_with, points_total=points_total).percent == percent


def page(client, query: str = "", status: int = 200) -> str:
    response = client.get(f"{URL}{query}")
    assert response.status_code == status
    html = response.content.decode()
    assert "<script" not in html and "style=" not in html
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def listed(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/congress/legislators/[^/]+/">Pat (\w+)</a>', html)


def baker_score(html: str) -> str:
    return re.search(r"Pat Baker</a>.*?<td>(\d+%)</td>", html, re.S).group(1)


def test_the_scores_shown_follow_a_change_of_weights(
    client, site_tree, record, settings, django_capture_on_commit_callbacks
):
    settings.AMICC_PAGE_CACHE_SECONDS = 0  # the scores themselves are still remembered
    assert baker_score(page(client)) == "40%"
    weights = ScorecardWeights.load()
    weights.sponsorship = 0

    with django_capture_on_commit_callbacks(execute=True):
        weights.save()

    assert baker_score(page(client)) == "100%"


def test_page_lists_serving_members_with_scores_and_the_method(client, site_tree, record):
    html = page(client)

    assert listed(html) == ["Dunn", "Abbot", "Baker", "Cole", "Fox"]  # by state, senators first
    abbot = record["members"][0]
    assert f'href="{reverse("congress:legislator", args=[abbot.bioguide_id])}"' in html
    assert "Ellery" not in html
    row = html.split("Pat Baker</a>", 1)[1].split("</tr>", 1)[0]
    assert "<td>40%</td>" in row and "<td>2 (6)</td>" in row and "<td>1 (9)</td>" in row
    assert "No record" in html.split("Pat Cole</a>", 1)[1].split("</tr>", 1)[0]
    assert "3 points for sponsoring the bill" in html
    assert "2 points for cosponsoring it" in html
    assert "1 point for each roll-call vote" in html
    assert "motion to table or to recommit" in html
    items = html.split("The bills that count", 1)[1]
    item_a = record["items"]["a"]
    assert f'href="{item_a.get_absolute_url()}">Item A</a>' in items
    assert "we support it; weight 2" in items and "we oppose it; weight 3" in items
    assert "Monitored" not in items and "Unweighted" not in items and "Unpublished" not in items


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("?sort=name", ["Abbot", "Baker", "Cole", "Dunn", "Fox"]),
        ("?sort=score", ["Abbot", "Dunn", "Baker", "Fox", "Cole"]),
        ("?state=WY", ["Cole", "Fox"]),
        ("?chamber=sen&sort=name", ["Cole", "Dunn"]),
        ("?party=Independent", ["Fox"]),
        ("?state=NY&chamber=rep", ["Abbot", "Baker"]),
        ("?state=&chamber=&party=&sort=", ["Dunn", "Abbot", "Baker", "Cole", "Fox"]),
        ("?state=UT", []),
    ],
)
def test_filters_and_sorting(client, site_tree, record, query, names):
    assert listed(page(client, query)) == names


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?state=ZZ", "Choose a state from the list; ZZ is not one."),
        ("?chamber=senate", "Choose the Senate or the House; senate is neither."),
        ("?party=Whig", "no member serving now is of the party Whig."),
        ("?sort=age", "Sort by state, name or score; not by age."),
        ("?state=NY&sort=%3Cb%3E", "not by &lt;b&gt;."),
    ],
)
def test_bad_filter_is_a_400_with_a_message(client, site_tree, record, query, message):
    html = page(client, query, status=400)
    assert message in html
    assert "The scorecard cannot be shown this way" in html
    assert listed(html) == []


def test_query_count_does_not_grow_with_the_members(client, site_tree, record):
    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    queries()  # the first request also loads what the process keeps (site, settings)
    few = queries()
    a1, b1 = record["roll_calls"]["a1"], record["roll_calls"]["b1"]
    for number in range(120):
        member = serving(f"Extra{number:03d}", district=number % 50 + 3)
        cast(a1, member, VotePosition.YEA if number % 2 else VotePosition.NAY)
        cast(b1, member, VotePosition.NAY)
        cosponsor(record["items"]["b"].bill, member)

    # 12, plus what base.html's language switcher and navigation now look up (the
    # locale, the home page in it).
    assert queries() == few <= 13
    assert len(listed(page(client, "?sort=score"))) == 125


def test_scorecard_reads_in_six_queries(record, django_assert_num_queries):
    # Weights, watched bills, sponsorships, cosponsorships, votes, stances; then the members.
    with django_assert_num_queries(6):
        scorecard_for(state="NY", sort="score")


def test_published_stances_are_shown_beside_the_scores(record):
    abbot, baker = record["members"][:2]
    StanceAssessment.objects.create(
        legislator=abbot, stance=Stance.CHAMPION, summary="Leads on the Court.",
        assessed_on=datetime.date(2026, 1, 5),
    )  # fmt: skip
    StanceAssessment.objects.create(
        legislator=baker, stance=Stance.OPPOSED, summary="Draft.",
        assessed_on=datetime.date(2026, 1, 5), is_published=False,
    )  # fmt: skip

    stances = {row.legislator.last_name: row.stance for row in scorecard_for().rows}

    assert stances["Abbot"] == "Champion of the Court"
    assert stances["Baker"] == ""


def test_a_filtered_scorecard_offers_every_member_again(client, site_tree, record):
    assert "Show every member" not in page(client)
    assert f'<a href="{URL}">Show every member</a>' in page(client, "?state=NY")
