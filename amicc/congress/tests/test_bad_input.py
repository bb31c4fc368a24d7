"""Whatever comes in, the readers answer ImportFileError and the page a 4xx, never a crash."""

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amicc.congress.importers.legislators import parse_legislators
from amicc.congress.importers.sources import ImportFileError, Source
from amicc.congress.importers.zcta import parse_zip_districts
from amicc.congress.tests.conftest import DATA

RECORDS = yaml.load((DATA / "sample-legislators.yaml").read_text(), Loader=yaml.CSafeLoader)
ZCCD = (DATA / "sample-zccd.csv").read_text()

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=5,
)
# Where a value may be replaced in the first sample member.
PLACES = [
    ("id",),
    ("id", "bioguide"),
    ("name",),
    ("name", "first"),
    ("name", "official_full"),
    ("bio",),
    ("bio", "birthday"),
    ("bio", "gender"),
    ("terms",),
    ("terms", 2),
    ("terms", 2, "type"),
    ("terms", 2, "start"),
    ("terms", 2, "end"),
    ("terms", 2, "state"),
    ("terms", 2, "district"),
    ("terms", 2, "class"),
    ("terms", 2, "phone"),
]


@settings(max_examples=150, deadline=None)
@given(place=st.sampled_from(PLACES), value=values)
def test_legislators_reader_accepts_or_explains(place, value):
    records = json.loads(json.dumps(RECORDS))
    target = records[0]
    for key in place[:-1]:
        target = target[key]
    target[place[-1]] = value
    source = Source(name="members.json", data=json.dumps(records).encode())
    try:
        parse_legislators(source)
    except ImportFileError as error:
        assert str(error)


@settings(max_examples=150, deadline=None)
@given(line=st.text(max_size=40))
def test_zip_reader_accepts_or_explains(line):
    source = Source(name="zccd.csv", data=(ZCCD + line).encode("utf-8", "surrogatepass"))
    try:
        parse_zip_districts(source)
    except ImportFileError as error:
        assert str(error)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(zip_code=st.text(max_size=30), district=st.one_of(st.none(), st.text(max_size=12)))
def test_lookup_page_never_fails(client, site_tree, members, zip_code, district):
    params = {"zip": zip_code}
    if district is not None:
        params["district"] = district
    assert client.get("/representatives/", params).status_code in (200, 400, 404)
