import pytest

from amicc.congress.selectors import InvalidZipCode, normalize_zip, representatives_for_zip
from amicc.congress.tests.conftest import DATA, run

pytestmark = pytest.mark.django_db


def names(members) -> list[str]:
    return [member.display_name for member in members]


def senate(result) -> dict[str, list[str]]:
    return {group.state: names(group.senators) for group in result.shown_senate}


def house(result) -> list[tuple]:
    return [
        (m.state, m.district, m.share, m.representative and m.representative.display_name)
        for m in result.shown_districts
    ]


def test_senators_and_representative(members, django_assert_num_queries):
    with django_assert_num_queries(2):
        result = representatives_for_zip("10002")

    assert result.found and not result.is_split
    assert senate(result) == {"NY": ["Alma R. Ashford", "Ben Brandt"]}
    assert house(result) == [("NY", 10, 1.0, "Celia Cho")]
    cho = result.districts[0].representative
    assert (cho.title, cho.current_party, cho.current_term.phone) == (
        "Representative",
        "Democrat",
        "202-555-0103",
    )
    assert result.delegate_only_states == ()


@pytest.mark.parametrize("typed", ["10002-1234", "100021234", " 10002 ", "10002 - 1234"])
def test_zip_plus_four(members, typed):
    assert representatives_for_zip(typed).zip_code == "10002"
    assert house(representatives_for_zip(typed)) == [("NY", 10, 1.0, "Celia Cho")]


@pytest.mark.parametrize("typed", ["", "1234", "123456", "abcde", "10002-12", "10002-12345"])
def test_malformed_zip(typed):
    with pytest.raises(InvalidZipCode):
        normalize_zip(typed)


def test_unknown_zip(members):
    result = representatives_for_zip("99999")
    assert not result.found
    assert result.districts == () and result.shown_senate == ()


def test_split_zip_lists_every_district_and_narrows(members):
    result = representatives_for_zip("10001")

    assert result.is_split and not result.shows_shares
    assert house(result) == [
        ("NY", 10, None, "Celia Cho"),
        ("NY", 12, None, "Daniel E. Dunmore, Jr."),
    ]
    assert [m.choice for m in result.districts] == ["10", "12"]

    narrowed = representatives_for_zip("10001", 12)
    assert narrowed.chosen.district == 12
    assert house(narrowed) == [("NY", 12, None, "Daniel E. Dunmore, Jr.")]
    assert senate(narrowed) == {"NY": ["Alma R. Ashford", "Ben Brandt"]}

    wrong = representatives_for_zip("10001", 7)
    assert wrong.narrowing_failed and len(wrong.shown_districts) == 2


def test_split_zip_with_shares_lists_the_largest_part_first(members):
    run("import_zcta", str(DATA / "census-zcta-cd119.txt"))

    result = representatives_for_zip("10001")

    assert result.shows_shares
    assert house(result) == [
        ("NY", 12, 0.7, "Daniel E. Dunmore, Jr."),
        ("NY", 10, 0.3, "Celia Cho"),
    ]
    assert result.districts[0].share_text == "about 70% of the ZIP code's land area"


def test_at_large_district(members):
    result = representatives_for_zip("82001")

    assert senate(result) == {"WY": ["Frank Fairweather", "Grace Gillam"]}
    assert house(result) == [("WY", 0, 1.0, "Henry Holt")]
    assert result.districts[0].label == "Wyoming, at large"


@pytest.mark.parametrize(
    ("zip_code", "state", "name", "title"),
    [
        ("20001", "DC", "Keisha King", "Delegate"),
        ("00601", "PR", "Luis Lugo", "Resident Commissioner"),
    ],
)
def test_dc_and_territories_have_a_delegate_and_no_senators(members, zip_code, state, name, title):
    result = representatives_for_zip(zip_code)

    assert result.shown_senate == ()
    assert result.delegate_only_states == (state,)
    assert house(result)[0][3] == name
    assert result.districts[0].representative.title == title


def test_zip_across_state_lines_and_a_vacant_seat(members):
    result = representatives_for_zip("82930")

    assert senate(result) == {"UT": ["Judith Jensen"], "WY": ["Frank Fairweather", "Grace Gillam"]}
    assert house(result) == [("UT", 3, None, None), ("WY", 0, None, "Henry Holt")]
    assert [m.choice for m in result.districts] == ["UT-3", "WY-0"]

    narrowed = representatives_for_zip("82930", 3, state="UT")
    assert house(narrowed) == [("UT", 3, None, None)]
    assert senate(narrowed) == {"UT": ["Judith Jensen"]}


def test_former_members_are_not_shown(members):
    # Edith Ellery held NY-10 until 2025 and Celia Cho holds it now.
    assert house(representatives_for_zip("10002"))[0][3] == "Celia Cho"
