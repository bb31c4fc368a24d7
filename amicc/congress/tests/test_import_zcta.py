import shutil

import pytest
from django.core.management.base import CommandError

from amicc.congress.models import ZipDistrict
from amicc.congress.tests.conftest import DATA, run

pytestmark = pytest.mark.django_db

ZCCD = DATA / "sample-zccd.csv"
CENSUS = DATA / "census-zcta-cd119.txt"


def rows(zcta: str) -> list[tuple]:
    return list(
        ZipDistrict.objects.filter(zcta=zcta)
        .order_by("rank", "state", "district")
        .values_list("state", "district", "share", "rank")
    )


def snapshot() -> list[tuple]:
    return list(ZipDistrict.objects.order_by("pk").values_list("pk", "zcta", "state", "district"))


def test_zccd_layout():
    out, err = run("import_zcta", str(ZCCD))

    assert out.strip() == (
        "6 ZIP codes, 2 of them in several districts, 4 in an at-large or delegate district; "
        "8 rows."
    )
    assert "… 8 rows read" in err and "… 8 rows written" in err
    # zccd.csv does not say how a split ZIP divides: no share and no rank.
    assert rows("10001") == [("NY", 10, None, None), ("NY", 12, None, None)]
    assert rows("10002") == [("NY", 10, 1.0, 1)]
    assert rows("82930") == [("UT", 3, None, None), ("WY", 0, None, None)]
    assert rows("20001") == [("DC", 0, 1.0, 1)]
    assert rows("00601") == [("PR", 0, 1.0, 1)]


def test_census_layout_with_byte_order_mark_ranks_by_land_area():
    assert CENSUS.read_bytes().startswith(b"\xef\xbb\xbf")

    out, _err = run("import_zcta", str(CENSUS))

    assert "6 ZIP codes, 2 of them in several districts, 4 in an at-large" in out
    assert rows("10001") == [("NY", 12, 0.7, 1), ("NY", 10, 0.3, 2)]
    assert rows("82930") == [("WY", 0, 0.9, 1), ("UT", 3, 0.1, 2)]
    # The piece of 10002 in district 7 has no land; the water in no district ("ZZ") and
    # the district remainder outside every ZCTA are left out.
    assert rows("10002") == [("NY", 10, 1.0, 1)]
    # "1198" is DC's delegate seat and "7298" Puerto Rico's resident commissioner: 0.
    assert rows("20001") == [("DC", 0, 1.0, 1)]
    assert rows("00601") == [("PR", 0, 1.0, 1)]
    assert ZipDistrict.objects.count() == 8


def test_import_replaces_the_whole_table():
    run("import_zcta", str(CENSUS))
    run("import_zcta", str(ZCCD))

    assert ZipDistrict.objects.count() == 8
    assert rows("10001") == [("NY", 10, None, None), ("NY", 12, None, None)]


ZCCD_FAULTS = [
    ("36,NY,10002,10", "36,NY,1002,10", "line 5, column zcta: '1002' is not a five-digit"),
    ("36,NY,10002,10", "36,NY,10002,x", "line 5, column cd: 'x' is not a district number"),
    ("36,NY,10002,10", "37,NY,10002,10", "line 5, column state_fips: '37' is not the FIPS"),
    ("36,NY,10002,10", "36,QQ,10002,10", "line 5, column state_abbr: 'QQ' is not a state"),
    (
        "36,NY,10002,10",
        "36,NY,10001,12",
        "line 5, column zcta: 10001 in NY district 12 appears again (line 4)",
    ),
    ("36,NY,10002,10", "36,NY,10002", "line 5: expected 4 columns, found 3"),
    (
        "state_fips,state_abbr,zcta,cd",
        "state_fips,state,zcta,cd",
        "line 1: the header lacks state_abbr",
    ),
]
CENSUS_FAULTS = [
    (
        "|0|G6350|S|2300000|0",
        "|0|G6350|S|23000x0|0",
        "line 6, column AREALAND_PART: '23000x0' is not a whole number",
    ),
    (
        "900005|3610|",
        "900005|36A0|",
        "line 6, column GEOID_CD119_20: '36A0' does not end in a district number",
    ),
    (
        "900005|3610|",
        "900005|9910|",
        "line 6, column GEOID_CD119_20: '9910' is not a state FIPS code and district",
    ),
    ("|910003|10002|", "|910003|1002|", "line 6, column GEOID_ZCTA5_20: '1002' is not a five"),
    ("|AREALAND_PART|", "|AREALAND|", "line 1: the header lacks AREALAND_PART"),
]


@pytest.mark.parametrize(
    ("source", "old", "new", "message"),
    [(ZCCD, *fault) for fault in ZCCD_FAULTS] + [(CENSUS, *fault) for fault in CENSUS_FAULTS],
)
def test_malformed_file_changes_nothing(tmp_path, source, old, new, message):
    run("import_zcta", str(CENSUS))
    before = snapshot()
    text = source.read_text(encoding="utf-8-sig")
    assert old in text
    bad = tmp_path / "bad.txt"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8-sig")

    with pytest.raises(CommandError, match="Nothing was imported") as error:
        run("import_zcta", str(bad))

    assert f"{bad}, {message}" in str(error.value)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("zip,district\n10001,3\n", "line 1: not a known layout"),
        ("state_fips,state_abbr,zcta,cd\n", "has no ZIP codes"),
        (b"state_fips,state_abbr,zcta,cd\n36,NY,1\xff001,10\n", "is not UTF-8 text"),
    ],
)
def test_unreadable_file_changes_nothing(tmp_path, text, message):
    run("import_zcta", str(ZCCD))
    before = snapshot()
    bad = tmp_path / "bad.csv"
    if isinstance(text, bytes):
        bad.write_bytes(text)
    else:
        bad.write_text(text)

    with pytest.raises(CommandError, match=message):
        run("import_zcta", str(bad))

    assert snapshot() == before


def test_url_input(serve, tmp_path):
    shutil.copy(CENSUS, tmp_path / "tab20_zcta520_cd119_natl.txt")
    base = serve(tmp_path)

    out, _err = run("import_zcta", f"{base}/tab20_zcta520_cd119_natl.txt")

    assert "6 ZIP codes" in out
    assert rows("10001")[0] == ("NY", 12, 0.7, 1)
