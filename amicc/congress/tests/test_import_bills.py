import datetime
import json
import shutil

import pytest
from django.core.management.base import CommandError

from amicc.congress.models import Bill, BillAction, Cosponsorship, Legislator
from amicc.congress.tests.conftest import DATA, run
from amicc.core.page_cache import invalidate_page_cache

pytestmark = pytest.mark.django_db

BILLS = DATA / "bills"
HR23 = BILLS / "119" / "bills" / "hr" / "hr23" / "data.json"


@pytest.fixture
def chip_roy(db) -> Legislator:
    """The sponsor of H.R. 23 (119th Congress)."""
    return Legislator.objects.create(
        bioguide_id="R000614", first_name="Charles", nickname="Chip", last_name="Roy"
    )


def snapshot() -> list[tuple]:
    return [
        *Bill.objects.order_by("pk").values_list("pk", "bill_id", "status", "sponsor"),
        *BillAction.objects.order_by("pk").values_list("pk", "bill", "position", "text"),
        *Cosponsorship.objects.order_by("pk").values_list("pk", "bill", "bioguide_id"),
    ]


def test_directory_import_links_sponsors_cosponsors_and_votes(members, chip_roy):
    out, err = run("import_bills", str(BILLS))

    assert "Reading 2 file(s)" in err
    assert "Bills: 2 created, 0 updated; 7 actions (3 votes), 3 cosponsorships." in out
    assert "Not among the imported members (kept as text): Q999999." in out

    hr23 = Bill.objects.get(bill_id="hr23-119")
    assert (hr23.bill_type, hr23.number, hr23.congress) == ("hr", 23, 119)
    assert hr23.display_title == "Illegitimate Court Counteraction Act"
    assert hr23.label == "H.R. 23 (119th Congress)"
    assert hr23.official_title.startswith("To impose sanctions with respect to the International")
    assert [title["type"] for title in hr23.titles] == ["short", "official"]
    assert hr23.introduced_at == datetime.date(2025, 1, 3)
    assert (hr23.sponsor, hr23.sponsor_bioguide_id, hr23.sponsor_name) == (
        chip_roy,
        "R000614",
        "Roy, Chip",
    )
    assert (hr23.status, hr23.status_at) == ("PASS_OVER:HOUSE", datetime.date(2025, 1, 9))
    assert hr23.history["house_passage_result"] == "pass"
    assert chip_roy.sponsored_bills.get() == hr23

    passage, cloture = hr23.actions.filter(vote_type__gt="")
    assert (passage.acted_at, passage.chamber, passage.how, passage.result, passage.roll) == (
        datetime.date(2025, 1, 9),
        "h",
        "roll",
        "pass",
        "7",
    )
    assert "243 - 140" in passage.text and passage.status == "PASS_OVER:HOUSE"
    assert (cloture.vote_type, cloture.chamber, cloture.result, cloture.roll) == (
        "cloture",
        "s",
        "fail",
        "22",
    )
    assert cloture.references == [{"reference": "CR S410", "type": None}]
    assert [a.position for a in hr23.actions.all()] == [1, 2, 3, 4, 5]

    resolution = Bill.objects.get(bill_id="hres9001-119")
    assert resolution.display_title == "Test resolution"  # the popular title: no short one
    assert resolution.sponsor.bioguide_id == "C900003"
    # 02:30 UTC on March 5 is the evening of March 4 in Washington.
    assert resolution.actions.get(roll="999").acted_at == datetime.date(2025, 3, 4)
    assert resolution.status_at == datetime.date(2025, 3, 4)
    holt, king, unknown = resolution.cosponsorships.order_by("bioguide_id")
    assert (holt.legislator.bioguide_id, holt.is_original, holt.withdrawn_at) == (
        "H900008",
        True,
        None,
    )
    assert (king.legislator.bioguide_id, king.withdrawn_at) == (
        "K900010",
        datetime.date(2025, 2, 20),
    )
    assert (unknown.legislator, unknown.bioguide_id, unknown.name) == (
        None,
        "Q999999",
        "Quill, Quentin",
    )


def test_single_file_and_unknown_sponsor(db):
    out, _err = run("import_bills", str(HR23))

    assert "Bills: 1 created" in out and "R000614" in out
    hr23 = Bill.objects.get()
    assert (hr23.sponsor, hr23.sponsor_bioguide_id) == (None, "R000614")


def test_reimport_updates_in_place(db, chip_roy, tmp_path):
    run("import_bills", str(HR23))
    bill = Bill.objects.get()
    data = json.loads(HR23.read_text())
    data["status"] = "PROV_KILL:CLOTUREFAILED"
    data["actions"].append(
        {"acted_at": "2025-01-29", "text": "A later step.", "type": "action", "references": []}
    )
    changed = tmp_path / "data.json"
    changed.write_text(json.dumps(data))

    out, _err = run("import_bills", str(changed))

    assert "Bills: 0 created, 1 updated; 6 actions (2 votes)" in out
    bill.refresh_from_db()
    assert bill.status == "PROV_KILL:CLOTUREFAILED"
    assert Bill.objects.get().pk == bill.pk
    assert bill.actions.count() == 6
    assert bill.sponsor == chip_roy


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"bill_id": "hr23-119",', "is not valid JSON: Expecting"),
        ("[]", "bill: expected a mapping, found list"),
        ('{"bill_type": "hr"}', "bill_id: missing"),
        (
            '{"bill_id": "hr24-119", "bill_type": "hr", "number": "23", "congress": "119"}',
            "(hr24-119), bill_id: does not match bill_type, number and congress (hr23-119)",
        ),
        (
            '{"bill_id": "hr23-119", "bill_type": "hr", "number": "23", "congress": "119", '
            '"actions": [{"text": "Introduced"}]}',
            "(hr23-119), action 1, acted_at: missing",
        ),
        (
            '{"bill_id": "hr23-119", "bill_type": "hr", "number": "23", "congress": "119", '
            '"cosponsors": [{"bioguide_id": "nobody"}]}',
            "(hr23-119), cosponsor 1, bioguide_id: 'nobody' is not a Bioguide id",
        ),
    ],
)
def test_malformed_file_changes_nothing(members, tmp_path, text, message):
    tree = tmp_path / "bills"
    shutil.copytree(BILLS, tree)
    run("import_bills", str(tree))
    before = snapshot()
    (tree / "119" / "bills" / "hr" / "hr23" / "data.json").write_text(
        json.dumps(
            {
                "bill_id": "hr23-119",
                "bill_type": "hr",
                "number": "23",
                "congress": "119",
                "status": "CHANGED",
            }
        )
    )
    bad = tree / "119" / "bills" / "hr" / "hr99" / "data.json"
    bad.parent.mkdir()
    bad.write_text(text)

    with pytest.raises(CommandError, match="Nothing was imported") as error:
        run("import_bills", str(tree))

    assert str(bad) in str(error.value)
    assert message in str(error.value)
    assert snapshot() == before


def test_missing_path_or_empty_directory(db, tmp_path):
    with pytest.raises(CommandError, match="no such file or directory"):
        run("import_bills", str(tmp_path / "nowhere"))
    with pytest.raises(CommandError, match="no data.json files in this directory"):
        run("import_bills", str(tmp_path))


def test_import_retires_cached_pages(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        run("import_bills", str(DATA / "bills"))
    assert invalidate_page_cache in callbacks
