import datetime
import json
import tempfile
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from django.db import DatabaseError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amicc.congress.importers.sources import ImportFileError
from amicc.congress.importers.votes import parse_vote, yea_supports_measure
from amicc.congress.models import Bill, Legislator, MemberVote, RollCallVote
from amicc.congress.tests.conftest import DATA, run
from amicc.core.page_cache import invalidate_page_cache

pytestmark = pytest.mark.django_db

VOTES = DATA / "votes"
H7 = VOTES / "119" / "votes" / "2025" / "h7" / "data.json"
S22 = VOTES / "119" / "votes" / "2025" / "s22" / "data.json"
# The sample senators' LIS ids, which the sample legislators file leaves out.
LIS_IDS = {"A900001": "S901", "B900002": "S902", "F900006": "S906", "G900007": "S907"}


@pytest.fixture
def senators(members) -> None:
    for member in Legislator.objects.filter(bioguide_id__in=LIS_IDS):
        member.ids = {**member.ids, "lis": LIS_IDS[member.bioguide_id]}
        member.save(update_fields=["ids"])


@pytest.fixture
def bills(members) -> None:
    run("import_bills", str(DATA / "bills"))


def positions(vote_id: str) -> dict[str, tuple[str | None, str]]:
    """{member id: (Bioguide id of the matched member or None, position)}."""
    votes = MemberVote.objects.filter(roll_call__vote_id=vote_id).select_related("legislator")
    return {
        vote.member_id: (vote.legislator.bioguide_id if vote.legislator else None, vote.position)
        for vote in votes
    }


def write(directory: Path, name: str, data: object) -> Path:
    path = directory / name / "data.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def sample(path: Path = H7) -> dict:
    return json.loads(path.read_text())


def test_directory_import_links_bills_and_members(senators, bills):
    out, err = run("import_votes", str(VOTES))

    assert "Reading 2 file(s)" in err and "Done in" in err
    assert out.splitlines() == [
        "Roll-call votes: 2 created, 0 updated; 10 member positions, 7 of them matched to a "
        "member.",
        "Not among the imported members (kept as ids): Q999999, S909, S999.",
    ]
    house = RollCallVote.objects.get(vote_id="h7-119.2025")
    assert (house.chamber, house.congress, house.session, house.number) == ("h", 119, "2025", 7)
    assert house.voted_at == datetime.datetime(2025, 1, 9, 19, 45, tzinfo=datetime.UTC)
    assert house.question == "On Passage: H R 23 Illegitimate Court Counteraction Act"
    assert (house.category, house.result) == ("passage", "Passed")
    assert house.bill == Bill.objects.get(bill_id="hr23-119")
    assert house.yea_supports_measure
    assert positions("h7-119.2025") == {
        "H900008": ("H900008", "yea"),
        "Q999999": (None, "yea"),
        "C900003": ("C900003", "nay"),
        "D900004": ("D900004", "not_voting"),
    }

    senate = RollCallVote.objects.get(vote_id="s22-119.2025")
    assert (senate.chamber, senate.category, senate.bill.bill_id) == ("s", "cloture", "hr23-119")
    assert senate.result == "Cloture Motion Rejected"
    # Senators are matched by their LIS id; Jensen (S909) has none on record here.
    assert positions("s22-119.2025") == {
        "S901": ("A900001", "nay"),
        "S999": (None, "nay"),
        "S909": (None, "not_voting"),
        "S902": ("B900002", "yea"),
        "S906": ("F900006", "yea"),
        "S907": ("G900007", "yea"),
    }


def test_reimport_updates_in_place_and_replaces_positions(senators, bills, tmp_path):
    run("import_votes", str(H7))
    before = RollCallVote.objects.get(vote_id="h7-119.2025")
    data = sample()
    data["result"] = "Passed (corrected)"
    data["votes"] = {"Aye": data["votes"]["Aye"] + data["votes"]["No"], "No": []}

    out, _err = run("import_votes", str(write(tmp_path, "h7", data)))

    assert out.startswith("Roll-call votes: 0 created, 1 updated; 3 member positions")
    after = RollCallVote.objects.get()
    assert (after.pk, after.result) == (before.pk, "Passed (corrected)")
    assert positions("h7-119.2025") == {
        "H900008": ("H900008", "yea"),
        "Q999999": (None, "yea"),
        "C900003": ("C900003", "yea"),
    }


def test_vote_on_a_bill_not_imported_yet_is_linked_when_the_bill_is(members):
    out, _err = run("import_votes", str(H7))
    roll_call = RollCallVote.objects.get()
    assert (roll_call.bill, roll_call.bill_code) == (None, "hr23-119")
    assert "Bills not imported yet" in out and "hr23-119" in out

    run("import_bills", str(DATA / "bills"))
    assert RollCallVote.objects.get().bill.bill_id == "hr23-119"

    out, _err = run("import_votes", str(H7))
    assert RollCallVote.objects.get().bill.bill_id == "hr23-119"
    assert "Bills not imported" not in out


@pytest.mark.parametrize(
    ("question", "category", "expected"),
    [
        ("On Passage: H R 23 Illegitimate Court Counteraction Act", "passage", True),
        ("On the Cloture Motion H.R. 23", "cloture", True),
        ("On Motion to Suspend the Rules and Pass: H R 9001", "passage-suspension", True),
        ("On Motion to Recommit: H R 23", "recommit", False),
        ("On the Motion to Recommit with Instructions", "", False),
        ("On the Motion to Table", "procedural", False),
        ("On Motion to Table the Motion to Reconsider: H R 23", "procedural", False),
    ],
)
def test_yea_supports_measure(question, category, expected):
    assert yea_supports_measure(question, category) is expected


def test_motion_to_recommit_is_stored_as_a_yea_against_the_bill(members, tmp_path):
    data = sample()
    data.update(vote_id="h8-119.2025", number=8, category="recommit")
    data["question"] = "On Motion to Recommit: H R 23"
    run("import_votes", str(write(tmp_path, "h8", data)))

    assert not RollCallVote.objects.get(vote_id="h8-119.2025").yea_supports_measure


def test_vice_president_and_other_answers_are_counted_not_kept(senators, tmp_path):
    senate = sample(S22)
    senate["votes"]["Yea"].append("VP")
    speaker = sample()
    speaker.update(vote_id="h2-119.2025", number=2, category="leadership", bill=None)
    speaker["question"] = "Election of the Speaker"
    speaker["votes"] = {
        "Johnson": speaker["votes"]["Aye"],
        "Jeffries": speaker["votes"]["No"],
        "Not Voting": speaker["votes"]["Not Voting"],
    }
    write(tmp_path, "s22", senate)
    write(tmp_path, "h2", speaker)

    out, _err = run("import_votes", str(tmp_path))

    assert "4 voters not kept: the Vice President, or answers other than" in out
    assert positions("h2-119.2025") == {"D900004": ("D900004", "not_voting")}
    assert len(positions("s22-119.2025")) == 6
    assert RollCallVote.objects.get(vote_id="h2-119.2025").bill is None


def test_naive_time_is_read_in_washington(members, tmp_path):
    data = sample()
    data["date"] = "2025-07-01T10:00:00"
    run("import_votes", str(write(tmp_path, "h7", data)))

    assert RollCallVote.objects.get().voted_at == datetime.datetime(
        2025, 7, 1, 14, 0, tzinfo=datetime.UTC
    )


def _set(path: tuple, value: object):
    def change(data: dict) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(key: str):
    return lambda data: data.pop(key)


MALFORMED = [
    (_drop("vote_id"), "data.json, vote_id: missing"),
    (_set(("vote_id",), "house-7"), "vote_id: 'house-7' is not a vote id like h7-119.2025"),
    (
        _set(("number",), 8),
        "(h7-119.2025), vote_id: does not match chamber, number, congress and session "
        "(h8-119.2025)",
    ),
    (_set(("number",), "seven"), "(h7-119.2025), number: 'seven' is not a whole number"),
    (_drop("question"), "(h7-119.2025), question: missing"),
    (_set(("date",), "yesterday"), "date: 'yesterday' is not a date and time (ISO 8601)"),
    (_set(("category",), "x" * 51), "(h7-119.2025), category: longer than 50 characters"),
    (_set(("bill",), "hr23"), "(h7-119.2025), bill: expected a mapping, found str"),
    (_set(("bill", "type"), "hx"), "(h7-119.2025), bill.type: 'hx' is not one of hr, hres"),
    (_set(("bill", "number"), 0), "(h7-119.2025), bill.number: 0 is below 1"),
    (_drop("votes"), "(h7-119.2025), votes: missing"),
    (_set(("votes",), []), "(h7-119.2025), votes: expected a mapping, found list"),
    (_set(("votes", "Aye"), {}), "(h7-119.2025), votes.Aye: expected a list"),
    (_set(("votes", "Aye", 1), "Q999999"), "votes.Aye 2: expected a mapping, found str"),
    (_set(("votes", "Aye", 0, "id"), ""), "(h7-119.2025), votes.Aye 1, id: missing"),
    (
        _set(("votes", "Aye", 0, "id"), "S354"),
        "(h7-119.2025), votes.Aye 1, id: 'S354' is not a Bioguide id",
    ),
    (
        _set(("votes", "Present"), [{"id": "C900003"}]),
        "(h7-119.2025), votes.Present 1, id: C900003 is also under No",
    ),
]


@pytest.mark.parametrize(("change", "message"), MALFORMED)
def test_malformed_file_names_file_record_and_field_and_imports_nothing(
    members, tmp_path, change, message
):
    # A good file first: the bad one after it must leave that one out too.
    good = sample()
    good.update(vote_id="h1-119.2025", number=1)
    write(tmp_path, "h1", good)
    data = sample()
    change(data)
    bad = write(tmp_path, "h7", data)

    with pytest.raises(CommandError) as error:
        run("import_votes", str(tmp_path))

    assert str(bad) in str(error.value) and message in str(error.value)
    assert str(error.value).endswith("Nothing was imported.")
    assert not RollCallVote.objects.exists()


def test_senate_vote_needs_lis_ids(members, tmp_path):
    data = sample(S22)
    data["votes"]["Yea"][0]["id"] = "B900002"
    with pytest.raises(CommandError, match=r"votes.Yea 1, id: 'B900002' is not a LIS id"):
        run("import_votes", str(write(tmp_path, "s22", data)))


@pytest.mark.parametrize(
    ("contents", "message"),
    [
        ("{", "is not valid JSON: Expecting property name enclosed in double quotes at line 1"),
        ("[]", "data.json, vote: expected a mapping, found list"),
        (b"\xff\xfe{}", "is not UTF-8 text"),
    ],
)
def test_unreadable_file(members, tmp_path, contents, message):
    path = tmp_path / "data.json"
    if isinstance(contents, bytes):
        path.write_bytes(contents)
    else:
        path.write_text(contents)
    with pytest.raises(CommandError, match=message):
        run("import_votes", str(path))


def test_missing_path_empty_directory_and_duplicate_vote(members, tmp_path):
    with pytest.raises(CommandError, match="no such file or directory. Nothing was imported"):
        run("import_votes", str(tmp_path / "nowhere"))
    with pytest.raises(CommandError, match="no data.json files in this directory"):
        run("import_votes", str(tmp_path))
    write(tmp_path, "a", sample())
    write(tmp_path, "b", sample())
    with pytest.raises(CommandError, match=r"b/data.json: vote h7-119.2025 is also in .*a/data"):
        run("import_votes", str(tmp_path))


def test_database_refusal_rolls_everything_back(members, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(MemberVote.objects, "bulk_create", refuse)
    with pytest.raises(CommandError, match=r"The database refused the data \(disk full\)"):
        run("import_votes", str(VOTES))
    assert not RollCallVote.objects.exists()


def test_import_retires_cached_pages(members, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        run("import_votes", str(H7))
    assert invalidate_page_cache in callbacks


def test_quiet_import_writes_only_the_counts(members):
    out, err = run("import_votes", str(H7), "--verbosity=0")
    assert err == "" and out.startswith("Roll-call votes: 1 created")


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=5,
)
PLACES = [
    ("vote_id",),
    ("chamber",),
    ("congress",),
    ("session",),
    ("number",),
    ("date",),
    ("question",),
    ("category",),
    ("result",),
    ("bill",),
    ("bill", "type"),
    ("bill", "number"),
    ("votes",),
    ("votes", "Aye"),
    ("votes", "Aye", 0),
    ("votes", "Aye", 0, "id"),
    ("votes", "Other"),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PLACES), value=values)
def test_reader_accepts_or_explains(place, value):
    data = sample()
    _set(place, value)(data)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "data.json"
        path.write_text(json.dumps(data))
        try:
            record = parse_vote(path)
        except ImportFileError as error:
            assert str(error).startswith(str(path))
        else:
            assert record.vote_id


@pytest.fixture
def admin_client(client, django_user_model, senators, bills):
    run("import_votes", str(VOTES))
    user = django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="x"
    )
    client.force_login(user)
    return client


def admin_url(view: str, *args) -> str:
    return reverse(f"wagtailsnippets_congress_rollcallvote:{view}", args=args)


def test_admin_lists_filters_and_searches_votes_read_only(admin_client):
    assert admin_url("list") in admin_client.get(reverse("wagtailadmin_home")).content.decode()

    html = admin_client.get(admin_url("list"), {"chamber": "s"}).content.decode()
    assert "s22-119.2025" in html and "h7-119.2025" not in html
    html = admin_client.get(admin_url("list"), {"q": "passage"}).content.decode()
    assert "h7-119.2025" in html and "s22-119.2025" not in html
    assert admin_client.get(admin_url("list"), {"chamber": "x"}).status_code == 200

    house = RollCallVote.objects.get(vote_id="h7-119.2025")
    inspect = admin_client.get(admin_url("inspect", house.pk)).content.decode()
    assert "On Passage: H R 23" in inspect
    home = reverse("wagtailadmin_home")
    assert admin_client.get(admin_url("edit", house.pk)).url == home
    assert admin_client.get(admin_url("add")).url == home
    assert admin_client.post(admin_url("delete", house.pk)).url == home
    assert RollCallVote.objects.filter(pk=house.pk).exists()
