import datetime
import json
import shutil

import pytest
import yaml
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from amicc.congress.choices import Chamber
from amicc.congress.models import DistrictOffice, Legislator, Term, display_name_for
from amicc.congress.tests.conftest import DATA, run

pytestmark = pytest.mark.django_db

YAML = DATA / "sample-legislators.yaml"
CSV = DATA / "sample-legislators.csv"
OFFICES = DATA / "legislators-district-offices.yaml"


def snapshot() -> list[tuple]:
    """Everything an import writes, to compare before and after a refused one."""
    return [
        *Legislator.objects.order_by("pk").values_list(
            "pk", "bioguide_id", "display_name", "is_current", "current_term", "current_party"
        ),
        *Term.objects.order_by("pk").values_list("pk", "legislator", "start", "end", "phone"),
        *DistrictOffice.objects.order_by("pk").values_list("pk", "office_id", "phone"),
    ]


def member(bioguide_id: str) -> Legislator:
    return Legislator.objects.select_related("current_term").get(bioguide_id=bioguide_id)


def test_yaml_import_creates_members_terms_and_current_seats(today):
    out, err = run("import_legislators", str(YAML))

    assert "Serving now: 5 senators, 3 representatives, 2 delegates" in out
    assert "Members: 11 created, 0 updated, 0 unchanged, 0 no longer serving." in out
    assert "… 11 members read" in err
    assert Term.objects.count() == 14
    ashford = member("A900001")
    assert ashford.terms.count() == 3
    assert ashford.is_current and ashford.title == "Senator"
    assert (ashford.current_chamber, ashford.current_state) == (Chamber.SENATE, "NY")
    assert ashford.current_district is None
    assert ashford.current_term.start == datetime.date(2025, 1, 3)
    assert ashford.current_term.senate_class == 1
    assert ashford.current_term.contact_form == "https://ashford.senate.example/contact"
    assert ashford.ids == {"govtrack": 990001, "fec": ["H2NY03901", "S8NY00901"]}
    assert ashford.birthday == datetime.date(1961, 4, 12)
    holt = member("H900008")
    assert (holt.current_district, holt.seat) == (0, "Wyoming, at large")
    assert member("K900010").title == "Delegate"
    assert member("L900011").title == "Resident Commissioner"
    # The last term of this former member ended before today: kept, but not serving.
    ellery = member("E900005")
    assert not ellery.is_current and ellery.current_term is None
    assert ellery.terms.count() == 1


def test_display_names_without_official_full(today):
    run("import_legislators", str(YAML))

    assert member("A900001").display_name == "Alma R. Ashford"
    assert member("B900002").display_name == "Ben Brandt"
    assert member("D900004").display_name == "Daniel E. Dunmore, Jr."


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ({"first": "Analilia", "last": "Mejia"}, "Analilia Mejia"),
        ({"first": "Bernard", "last": "Sanders", "nickname": "Bernie"}, "Bernie Sanders"),
        (
            {"first": "Herbert", "middle": "Clark Hoover", "last": "Conaway"},
            "Herbert C. H. Conaway",
        ),
        (
            {"first": "John", "middle": "J.", "last": "McGuire", "suffix": "III"},
            "John J. McGuire III",
        ),
        ({"first": "X", "last": "Y", "official_full": " Official Name "}, "Official Name"),
    ],
)
def test_display_name_for(parts, expected):
    names = {"first": "", "middle": "", "last": "", "suffix": "", "nickname": ""}
    assert display_name_for(**{**names, "official_full": "", **parts}) == expected


def test_json_import_and_format_sniffing(today, tmp_path):
    records = yaml.load(YAML.read_text(), Loader=yaml.CSafeLoader)
    (tmp_path / "members.json").write_text(json.dumps(records))
    (tmp_path / "members").write_text(json.dumps(records, indent=2))

    out, _err = run("import_legislators", str(tmp_path / "members.json"))
    assert "11 created" in out
    out, _err = run("import_legislators", str(tmp_path / "members"))
    assert "0 created, 0 updated, 11 unchanged" in out
    assert member("B900002").display_name == "Ben Brandt"


def test_csv_import_has_one_undated_current_term_per_member(today):
    out, _err = run("import_legislators", str(CSV))

    assert "Serving now: 1 senators, 2 representatives, 0 delegates" in out
    ashford = member("A900001")
    assert ashford.is_current and ashford.current_term.start is None
    assert ashford.current_term.senate_class == 1
    assert ashford.current_term.phone == "202-555-0199"
    assert ashford.ids == {
        "lis": "S990",
        "fec": ["H2NY03901", "S8NY00901"],
        "govtrack": 990001,
        "ballotpedia": "Alma Ashford",
        "wikipedia": "Alma Ashford",
    }
    assert ashford.social == {"twitter": "SenAshford", "facebook": "SenatorAshford"}
    nash = member("N900013")
    assert (nash.display_name, nash.current_state, nash.current_district) == ("Nell Nash", "UT", 3)


def test_csv_then_yaml_brings_the_dated_history(today):
    run("import_legislators", str(CSV))
    nash_term = member("N900013").current_term

    out, _err = run("import_legislators", str(YAML))

    assert "9 created, 2 updated, 0 unchanged, 1 no longer serving" in out
    ashford = member("A900001")
    assert list(ashford.terms.values_list("start", flat=True)) == [
        datetime.date(2013, 1, 3),
        datetime.date(2019, 1, 3),
        datetime.date(2025, 1, 3),
    ]
    assert ashford.current_term.phone == "202-555-0101"
    # Not in the YAML file: no longer serving, but the row and its term stay.
    nash = member("N900013")
    assert not nash.is_current
    assert list(nash.terms.all()) == [nash_term]


def test_reimport_updates_in_place(today, tmp_path):
    run("import_legislators", str(YAML))
    before = dict(Legislator.objects.values_list("bioguide_id", "pk"))
    term_pk = member("C900003").current_term.pk
    changed = tmp_path / "changed.yaml"
    changed.write_text(YAML.read_text().replace("202-555-0103", "202-555-0133"))

    out, _err = run("import_legislators", str(changed))

    assert "0 created, 1 updated, 10 unchanged, 0 no longer serving" in out
    assert dict(Legislator.objects.values_list("bioguide_id", "pk")) == before
    cho = member("C900003")
    assert (cho.current_term.pk, cho.current_term.phone) == (term_pk, "202-555-0133")


def test_members_whose_last_term_ended_are_retired(today):
    run("import_legislators", str(YAML))
    today(datetime.date(2027, 1, 3))  # the day the 119th Congress's House terms end

    out, _err = run("import_legislators", str(YAML))

    assert "Serving now: 4 senators, 0 representatives, 1 delegates" in out
    assert "0 created, 5 updated, 6 unchanged, 5 no longer serving" in out
    cho = member("C900003")
    assert not cho.is_current and cho.current_term is None and cho.current_chamber == ""
    assert cho.terms.count() == 1
    assert member("L900011").is_current  # the resident commissioner's term is four years


def test_members_absent_from_the_file_are_retired(today, tmp_path):
    run("import_legislators", str(YAML))
    records = [r for r in yaml.safe_load(YAML.read_text()) if r["id"]["bioguide"] != "D900004"]
    smaller = tmp_path / "smaller.yaml"
    smaller.write_text(yaml.safe_dump(records))

    out, _err = run("import_legislators", str(smaller))

    assert "0 created, 0 updated, 10 unchanged, 1 no longer serving" in out
    dunmore = member("D900004")
    assert not dunmore.is_current
    assert dunmore.terms.count() == 2


def test_district_offices_replace_the_previous_ones(today):
    out, _err = run("import_legislators", str(YAML), "--district-offices", str(OFFICES))

    assert "District offices: 3, 1 of unknown members skipped." in out
    buffalo = DistrictOffice.objects.get(office_id="A900001-buffalo")
    assert buffalo.legislator.bioguide_id == "A900001"
    assert (buffalo.suite, buffalo.zip_code, buffalo.latitude) == ("Suite 100", "14202", 42.8867)
    assert DistrictOffice.objects.get(office_id="H900008-cheyenne").hours == "M-F 9-5"

    run("import_legislators", str(YAML), "--district-offices", str(OFFICES))
    assert DistrictOffice.objects.count() == 3


def _replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


YAML_FAULTS = [
    ("    bioguide: C900003\n", "    govtrack: 1\n", "record 3, id.bioguide: missing"),
    (
        "bioguide: J900009",
        "bioguide: H900008",
        "record 9 (bioguide H900008), id.bioguide: the id appears again (first in record 8)",
    ),
    (
        "  - type: sen\n    start: '2023-01-03'",
        "  - start: '2023-01-03'",
        "record 2 (bioguide B900002), term 1, type: missing",
    ),
    ("    start: '2021-01-03'\n", "", "record 7 (bioguide G900007), term 1, start: missing"),
    (
        "    end: '2029-01-03'\n",
        "    end: '2029-02-30'\n",
        "record 2 (bioguide B900002), term 1, end: '2029-02-30' is not a date (YYYY-MM-DD)",
    ),
    (
        "    end: '2031-01-03'\n    state: UT",
        "    end: '2024-01-03'\n    state: UT",
        "record 9 (bioguide J900009), term 1, end: 2024-01-03 is not after the start",
    ),
    ("    state: DC\n", "", "record 10 (bioguide K900010), term 1, state: missing"),
    (
        "    state: UT\n",
        "    state: XX\n",
        "record 9 (bioguide J900009), term 1, state: 'XX' is not one of AL, AK",
    ),
    (
        "    district: 12\n    party: Democrat\n    url",
        "    district: twelve\n    party: Democrat\n    url",
        "record 4 (bioguide D900004), term 2, district: 'twelve' is not a whole",
    ),
    (
        "    district: 0\n    party: Republican",
        "    district: 0.5\n    party: Republican",
        "record 8 (bioguide H900008), term 1, district: 0.5 is not a whole number",
    ),
    ("    last: Holt\n", "", "record 8 (bioguide H900008), name.last: missing"),
    (
        "  terms:\n  - type: rep\n    start: '2023-01-03'\n    end: '2025-01-03'\n    state: NY\n"
        "    district: 10",
        "  terms: [",
        "is not valid YAML",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), YAML_FAULTS)
def test_malformed_yaml_changes_nothing(today, tmp_path, old, new, message):
    run("import_legislators", str(YAML), "--district-offices", str(OFFICES))
    before = snapshot()
    bad = tmp_path / "bad.yaml"
    bad.write_text(_replace_once(YAML.read_text(), old, new))

    with pytest.raises(CommandError, match="Nothing was imported") as error:
        run("import_legislators", str(bad))

    assert message in str(error.value)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.json", '[{"id": {"bioguide": "A900001"}', "bad.json is not valid JSON"),
        ("bad.json", '{"id": {}}', "bad.json: expected a list of records at the top level"),
        ("empty.yaml", "", "empty.yaml lists no members"),
        (
            "bad.csv",
            CSV.read_text().replace("NY,10,,", "NY,1O,,", 1),
            "record 2 (line 3, bioguide C900003), district: '1O' is not a whole number",
        ),
        (
            "bad.csv",
            CSV.read_text().replace("bioguide_id", "bioguide", 1),
            "bad.csv: the header lacks bioguide_id",
        ),
        (
            "bad.csv",
            CSV.read_text().replace("N900013", "N13", 1),
            "record 3 (line 4), bioguide_id: 'N13' is not a Bioguide id",
        ),
    ],
)
def test_malformed_json_and_csv_change_nothing(today, tmp_path, name, text, message):
    run("import_legislators", str(YAML))
    before = snapshot()
    (tmp_path / name).write_text(text)

    with pytest.raises(CommandError, match="Nothing was imported") as error:
        run("import_legislators", str(tmp_path / name))

    assert message in str(error.value)
    assert snapshot() == before


def test_malformed_district_offices_change_nothing(today, tmp_path):
    run("import_legislators", str(YAML), "--district-offices", str(OFFICES))
    before = snapshot()
    bad = tmp_path / "offices.yaml"
    bad.write_text(OFFICES.read_text().replace("latitude: 42.8867", "latitude: north"))

    with pytest.raises(CommandError) as error:
        run("import_legislators", str(YAML), "--district-offices", str(bad))

    assert "record 1 (bioguide A900001), office 1, latitude: 'north' is not a number" in str(
        error.value
    )
    assert snapshot() == before


def test_missing_file(today, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run("import_legislators", str(tmp_path / "nowhere.yaml"))


def test_url_input(today, serve, tmp_path):
    records = yaml.load(YAML.read_text(), Loader=yaml.CSafeLoader)
    shutil.copy(CSV, tmp_path / "legislators-current.csv")
    (tmp_path / "current").write_text(json.dumps(records))
    base = serve(tmp_path)

    out, _err = run("import_legislators", f"{base}/legislators-current.csv")
    assert "3 created" in out
    out, _err = run("import_legislators", f"{base}/current")  # JSON, told by its content
    assert "9 created, 2 updated" in out

    with pytest.raises(CommandError, match="the server answered 404. Nothing was imported"):
        run("import_legislators", f"{base}/missing.yaml")


def test_the_database_refuses_a_current_member_without_a_term():
    with pytest.raises(IntegrityError), transaction.atomic():
        Legislator.objects.create(
            bioguide_id="Z900099", first_name="Zed", last_name="Zane", is_current=True
        )
