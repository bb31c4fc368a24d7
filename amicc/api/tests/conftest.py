"""Fixtures shared by the API's tests. Add fixtures; do not change the others'."""

import datetime
import json
from collections.abc import Callable

import pytest

PUBLIC_API = "/api/v1"


@pytest.fixture
def public_get(client) -> Callable:
    """GETs a path under /api/v1 and returns the JSON body, having checked the status."""

    def get(path: str, expect: int = 200, **params):
        response = client.get(f"{PUBLIC_API}{path}", params)
        assert response.status_code == expect, response.content[:500]
        assert response["Content-Type"].startswith("application/json")
        return response.json()

    return get


@pytest.fixture
def make_member(db) -> Callable:
    """Builds a member of Congress with a term, serving now unless `current=False`."""
    from amicc.congress.choices import Chamber
    from amicc.congress.models import Legislator, Term

    def make(
        bioguide_id: str,
        last_name: str,
        *,
        state: str = "NY",
        district: int | None = None,
        party: str = "Democrat",
        first_name: str = "Pat",
        current: bool = True,
    ) -> Legislator:
        chamber = Chamber.SENATE if district is None else Chamber.HOUSE
        member = Legislator.objects.create(
            bioguide_id=bioguide_id, first_name=first_name, last_name=last_name
        )
        end = datetime.date(2027, 1, 3) if current else datetime.date(2021, 1, 3)
        term = Term.objects.create(
            legislator=member,
            type=chamber,
            start=end - datetime.timedelta(days=730),
            end=end,
            state=state,
            district=district,
            party=party,
            url=f"https://{last_name.lower()}.house.gov",
            phone="202-225-0000",
            address="1 Capitol Hill, Washington DC 20515",
        )
        if current:
            member.is_current = True
            member.current_term = term
            member.current_chamber = chamber
            member.current_state = state
            member.current_district = district
            member.current_party = party
            member.save()
        return member

    return make


@pytest.fixture
def make_statute_state(db) -> Callable:
    """Builds a state's record with the Rome Statute; a party when `deposited_on` is given."""
    from django.utils.text import slugify

    from amicc.icc.choices import Instrument, RegionalGroup
    from amicc.icc.models import StatuteState

    def make(iso_code: str, name: str, deposited_on: datetime.date | None = None, **fields):
        fields.setdefault("regional_group", RegionalGroup.WESTERN_EUROPEAN_OTHER)
        fields.setdefault("signed_on", datetime.date(1998, 7, 18))
        if deposited_on:
            fields.setdefault("instrument", Instrument.RATIFICATION)
        return StatuteState.objects.create(
            iso_code=iso_code,
            name=name,
            slug=slugify(name),
            deposited_on=deposited_on,
            source_url="https://treaties.un.org/Pages/ViewDetails.aspx?mtdsg_no=XVIII-10",
            **fields,
        )

    return make


@pytest.fixture
def make_key(db) -> Callable:
    """Creates an API key acting as `owner` and returns its full text."""
    from amicc.api.keys import api_key_create

    def make(owner, scope: str = "read_write", name: str = "Test key") -> str:
        return api_key_create(owner=owner, name=name, scope=scope)[1]

    return make


class KeyClient:
    """The test client calling /api/v1 with an API key (or none) from `address`."""

    def __init__(self, client, key: str | None, address: str):
        self.client = client
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.extra = {"REMOTE_ADDR": address}

    def get(self, path: str, **params):
        return self.client.get(f"{PUBLIC_API}{path}", params, headers=self.headers, **self.extra)

    def _send(self, method: str, path: str, body):
        return getattr(self.client, method)(
            f"{PUBLIC_API}{path}",
            data="" if body is None else json.dumps(body),
            content_type="application/json",
            headers=self.headers,
            **self.extra,
        )

    def post(self, path: str, body=None):
        return self._send("post", path, body)

    def patch(self, path: str, body=None):
        return self._send("patch", path, body)


@pytest.fixture
def key_api(client) -> Callable:
    """`key_api(key)` calls the API with that key; `key_api(None)` without one."""

    def make(key: str | None, address: str = "127.0.0.1") -> KeyClient:
        return KeyClient(client, key, address)

    return make
