"""The importers and the lookup on the full public files, when the workspace has them."""

import datetime

import pytest
from django.conf import settings

from amicc.congress.models import Legislator, ZipDistrict
from amicc.congress.selectors import representatives_for_zip
from amicc.congress.tests.conftest import run

REAL_DATA = settings.BASE_DIR.parent / "shared" / "data"
LEGISLATORS = REAL_DATA / "legislators-current.yaml"
ZCCD = REAL_DATA / "zccd.csv"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REAL_DATA.is_dir(), reason=f"{REAL_DATA} is not here"),
]


def names(result) -> dict[str, list[str]]:
    found = {f"{m.state}-{m.district}": [m.representative.display_name] for m in result.districts}
    for group in result.senate:
        found[group.state] = sorted(member.display_name for member in group.senators)
    return found


def test_full_legislators_file(today):
    out, _err = run("import_legislators", str(LEGISLATORS))

    # On the test's fixed date every member of the file is serving.
    assert "Serving now: 100 senators, 431 representatives, 6 delegates" in out
    assert "537 created" in out
    assert Legislator.objects.current().count() == 537
    assert Legislator.objects.get(bioguide_id="M001246").display_name == "Analilia Mejia"
    assert Legislator.objects.get(bioguide_id="G000607").display_name == "James Gallagher"
    assert Legislator.objects.get(bioguide_id="H001103").title == "Resident Commissioner"

    # Two appointed senators' terms ended at the special elections of 2026-11-03; the file
    # does not list who followed them.
    today(datetime.date(2026, 11, 25))
    out, _err = run("import_legislators", str(LEGISLATORS))
    assert "Serving now: 98 senators, 431 representatives, 6 delegates" in out
    assert "2 no longer serving" in out
    assert not Legislator.objects.get(bioguide_id="H001104").is_current


def test_full_zip_file_and_known_lookups(today):
    run("import_legislators", str(LEGISLATORS))
    out, _err = run("import_zcta", str(ZCCD))

    assert "33774 ZIP codes, 7299 of them in several districts" in out
    assert ZipDistrict.objects.order_by().values("zcta").distinct().count() == 33774

    assert names(representatives_for_zip("10001")) == {
        "NY-10": ["Daniel S. Goldman"],
        "NY-12": ["Jerrold Nadler"],
        "NY": ["Charles E. Schumer", "Kirsten E. Gillibrand"],
    }
    assert names(representatives_for_zip("82001-1234")) == {
        "WY-0": ["Harriet M. Hageman"],
        "WY": ["Cynthia M. Lummis", "John Barrasso"],
    }
    assert names(representatives_for_zip("82930")) == {
        "UT-3": ["Mike Kennedy"],
        "WY-0": ["Harriet M. Hageman"],
        "UT": ["John R. Curtis", "Mike Lee"],
        "WY": ["Cynthia M. Lummis", "John Barrasso"],
    }
    dc = representatives_for_zip("20001")
    assert names(dc) == {"DC-0": ["Eleanor Holmes Norton"]}
    assert dc.delegate_only_states == ("DC",)
    puerto_rico = representatives_for_zip("00601")
    assert names(puerto_rico) == {"PR-0": ["Pablo José Hernández"]}
    assert puerto_rico.districts[0].representative.title == "Resident Commissioner"
    assert not representatives_for_zip("20500").found  # the White House has no ZCTA
