"""The curated ICC data: the shipped files, the load command, the counts and the admin.

Counts of states parties are checked against the figures the cited sources published on
those days; none of them is stored anywhere, they follow from the dated events.
"""

import datetime
import io
import re
from pathlib import Path

import pycountry
import pytest
import yaml
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from amicc.coalition.tests.admin_fixtures import STAFF, coalition_fixture, user_in  # noqa: F401
from amicc.core.page_cache import cache_key_for
from amicc.icc.choices import (
    CaseStatus,
    CrimeCategory,
    Instrument,
    RegionalGroup,
    StatuteStatus,
    Trigger,
)
from amicc.icc.demo_content import icc_demo_load
from amicc.icc.loaders import (
    STATES_FILE,
    DataFileError,
    read_sessions,
    read_situations,
    read_states,
)
from amicc.icc.models import AspSession, Case, Situation, StatuteState
from amicc.icc.selectors.states import (
    data_as_of,
    parties_by_regional_group,
    ratifications_by_year,
    states_parties_count,
    statute_table,
)

pytestmark = pytest.mark.django_db

D = datetime.date
AS_OF = D(2026, 11, 25)


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_icc_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(db) -> str:
    return load()


def state(code: str) -> StatuteState:
    return StatuteState.objects.get(iso_code=code)


def nothing_in_the_database() -> bool:
    return not any(model.objects.exists() for model in (StatuteState, Situation, Case, AspSession))


# --- The shipped files ------------------------------------------------------------------


def test_the_shipped_files_load_and_a_second_load_creates_nothing(loaded):
    assert "States: 156 created, 0 updated, 0 unchanged." in loaded
    assert "Situations: 17 created" in loaded and "Cases: 31 created" in loaded
    assert "ASP sessions: 24 created" in loaded
    today = timezone.localdate()
    assert f"States parties on {today.isoformat()}: {states_parties_count(today)}." in loaded

    again = load()
    assert "States: 0 created, 0 updated, 156 unchanged." in again
    assert "Situations: 0 created, 0 updated, 17 unchanged." in again
    assert "Cases: 0 created, 0 updated, 31 unchanged." in again
    assert "ASP sessions: 0 created, 0 updated, 24 unchanged." in again
    assert (StatuteState.objects.count(), Situation.objects.count()) == (156, 17)
    assert (Case.objects.count(), AspSession.objects.count()) == (31, 24)


def test_every_signatory_and_party_is_on_record(loaded):
    # The depositary lists 139 signatures (Serbia's as the Federal Republic of Yugoslavia)
    # and, up to 2025, 127 states that became parties, two of which later withdrew.
    assert StatuteState.objects.exclude(signed_on=None).count() == 139
    assert StatuteState.objects.exclude(deposited_on=None).count() == 127


def test_every_code_is_iso_3166_and_every_row_cites_its_source(loaded):
    for row in StatuteState.objects.all():
        assert pycountry.countries.get(alpha_3=row.iso_code) is not None, row.iso_code
        assert row.source_url.startswith("https://"), row
    for situation in Situation.objects.all():
        assert situation.source_url.startswith("https://"), situation
        assert all(pycountry.countries.get(alpha_3=code) for code in situation.country_codes)
    for case in Case.objects.all():
        assert case.source_url.startswith("https://"), case
    for session in AspSession.objects.all():
        assert session.source_url.startswith("https://"), session


# --- Counts on the days the sources published them ---------------------------------------


@pytest.mark.parametrize(
    ("day", "parties"),
    [
        (D(2002, 6, 30), 0),  # the Statute was not yet in force
        (D(2002, 7, 1), 66),  # in force for the 66 instruments deposited by 11 April 2002
        (D(2004, 9, 6), 94),  # third session of the Assembly: "the 94 governments"
        (D(2005, 11, 28), 99),  # fourth session: "currently numbering 99" (Mexico from 2006)
        (D(2008, 11, 14), 108),  # seventh session, with the Cook Islands and Suriname: 108
        (D(2015, 4, 1), 123),  # Palestine, the 123rd
        (D(2016, 6, 1), 124),  # El Salvador, the 124th
        (D(2017, 10, 26), 124),  # the day before Burundi's withdrawal took effect
        (D(2017, 10, 27), 123),
        (D(2019, 3, 16), 123),  # the day before the Philippines' withdrawal took effect
        (D(2019, 3, 17), 122),
        (D(2020, 1, 1), 122),  # not 123: Kiribati's accession took effect a month later
        (D(2020, 2, 1), 123),  # Kiribati, "the 123rd State Party"
        (D(2021, 12, 10), 123),  # twentieth session: "the 123 States Parties"
        (D(2024, 2, 1), 124),  # Armenia, the 124th
        (D(2025, 1, 1), 125),  # Ukraine, the 125th
        (D(2026, 6, 1), 125),  # the day before Hungary's withdrawal took effect
        (D(2026, 6, 2), 124),
        (AS_OF, 124),
    ],
)
def test_states_parties_on_historical_dates(loaded, day, parties):
    assert states_parties_count(day) == parties


def test_the_statute_entered_into_force_after_the_sixtieth_instrument(loaded):
    deposited_by = StatuteState.objects.exclude(deposited_on=None)
    assert deposited_by.filter(deposited_on__lte=D(2002, 4, 10)).count() < 60
    # Ten states deposited together on 11 April 2002, taking the count past sixty.
    assert deposited_by.filter(deposited_on=D(2002, 4, 11)).count() == 10
    assert deposited_by.filter(deposited_on__lte=D(2002, 4, 11)).count() >= 60
    first = StatuteState.objects.filter(entry_into_force_on=D(2002, 7, 1))
    assert set(first) == set(deposited_by.filter(deposited_on__lte=D(2002, 4, 11)))


def _article_126(deposited_on: datetime.date) -> datetime.date:
    sixtieth_day = deposited_on + datetime.timedelta(days=60)
    next_month = (sixtieth_day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return max(D(2002, 7, 1), next_month)


def test_every_entry_into_force_follows_article_126(loaded):
    for row in StatuteState.objects.exclude(instrument=Instrument.SUCCESSION):
        expected = _article_126(row.deposited_on) if row.deposited_on else None
        assert row.entry_into_force_on == expected, row


def test_a_successor_state_is_a_party_from_its_succession(loaded):
    montenegro = StatuteState.objects.get(iso_code="MNE")
    assert (montenegro.instrument, montenegro.entry_into_force_on) == (
        Instrument.SUCCESSION,
        D(2006, 6, 3),
    )
    assert states_parties_count(D(2006, 6, 3)) == states_parties_count(D(2006, 6, 2)) + 1


@pytest.mark.parametrize(
    ("code", "deposited_on", "in_force"),
    [
        ("SEN", D(1999, 2, 2), D(2002, 7, 1)),
        ("AUS", D(2002, 7, 1), D(2002, 9, 1)),
        ("JPN", D(2007, 7, 17), D(2007, 10, 1)),
        ("PSE", D(2015, 1, 2), D(2015, 4, 1)),
        ("KIR", D(2019, 11, 26), D(2020, 2, 1)),
        ("ARM", D(2023, 11, 14), D(2024, 2, 1)),
        ("UKR", D(2024, 10, 25), D(2025, 1, 1)),
    ],
)
def test_known_entries_into_force(loaded, code, deposited_on, in_force):
    assert (state(code).deposited_on, state(code).entry_into_force_on) == (deposited_on, in_force)


def test_withdrawals_and_declarations(loaded):
    withdrawals = {
        row.iso_code: (row.withdrawal_notified_on, row.withdrawal_effective_on)
        for row in StatuteState.objects.exclude(withdrawal_notified_on=None)
    }
    assert withdrawals == {
        "BDI": (D(2016, 10, 27), D(2017, 10, 27)),
        "PHL": (D(2018, 3, 17), D(2019, 3, 17)),
        "HUN": (D(2025, 6, 2), D(2026, 6, 2)),
    }
    declarations = dict(
        StatuteState.objects.exclude(declared_non_party_on=None).values_list(
            "iso_code", "declared_non_party_on"
        )
    )
    assert declarations == {
        "USA": D(2002, 5, 6),
        "ISR": D(2002, 8, 28),
        "SDN": D(2008, 8, 26),
        "RUS": D(2016, 11, 30),
    }


def test_status_on_a_given_day(loaded):
    burundi, usa, egypt, hungary = state("BDI"), state("USA"), state("EGY"), state("HUN")
    assert burundi.status_on(D(2017, 10, 26)) == StatuteStatus.PARTY
    assert burundi.status_on(D(2017, 10, 27)) == StatuteStatus.WITHDRAWN
    assert usa.status_on(D(2000, 12, 30)) == StatuteStatus.NON_PARTY
    assert usa.status_on(D(2002, 5, 5)) == StatuteStatus.SIGNATORY
    assert usa.status_on(D(2002, 5, 6)) == StatuteStatus.DECLARED_NON_PARTY
    assert state("RUS").status_on(AS_OF) == StatuteStatus.DECLARED_NON_PARTY
    assert egypt.status_on(AS_OF) == StatuteStatus.SIGNATORY
    assert hungary.status_on(D(2026, 6, 1)) == StatuteStatus.PARTY
    assert hungary.status_on(D(2026, 6, 2)) == StatuteStatus.WITHDRAWN
    # Announced, not notified: still parties (see the rows' notes).
    assert {state(code).status_on(AS_OF) for code in ("BFA", "MLI", "NER")} == {StatuteStatus.PARTY}


# --- Selectors -----------------------------------------------------------------------------


def test_parties_by_regional_group(loaded):
    # "33 from Africa, 19 from Asia-Pacific, 19 from Eastern Europe, 28 from Latin America
    # & Caribbean, and 25 from the Western European and Others group" with Armenia.
    groups = {row.group: row.parties for row in parties_by_regional_group(D(2024, 2, 1))}
    assert groups == {
        RegionalGroup.AFRICAN: 33,
        RegionalGroup.ASIA_PACIFIC: 19,
        RegionalGroup.EASTERN_EUROPEAN: 19,
        RegionalGroup.LATIN_AMERICAN_CARIBBEAN: 28,
        RegionalGroup.WESTERN_EUROPEAN_OTHER: 25,
    }
    today = parties_by_regional_group(AS_OF)
    assert [row.label for row in today][0] == "African States"
    assert sum(row.parties for row in today) == 124
    before = {row.group: row.parties for row in parties_by_regional_group(D(2002, 6, 1))}
    assert before == dict.fromkeys(RegionalGroup, 0)


def test_statute_table_in_one_query(loaded, django_assert_num_queries):
    with django_assert_num_queries(1):
        table = statute_table(AS_OF)
    assert len(table) == 156
    names = [row.state.name for row in table]
    assert names.index("Côte d'Ivoire") < names.index("Croatia")  # accents do not reorder
    statuses = {row.state.iso_code: row.status for row in table}
    assert statuses["UKR"] == StatuteStatus.PARTY and statuses["HUN"] == StatuteStatus.WITHDRAWN
    african = statute_table(AS_OF, regional_group=RegionalGroup.AFRICAN)
    assert {row.state.regional_group for row in african} == {RegionalGroup.AFRICAN}


def test_ratifications_by_year(loaded, django_assert_num_queries):
    with django_assert_num_queries(1):
        years = ratifications_by_year(until=AS_OF)
    by_year = {row.year: row for row in years}
    assert years[0].year == 1999 and years[-1].year == 2026
    assert by_year[1999].deposited == 6 and by_year[2001].parties == 0
    assert by_year[2002].deposited_to_date == 87
    # Kiribati's accession counts from February 2020, after the Philippines left in 2019.
    assert (by_year[2017].parties, by_year[2019].parties, by_year[2020].parties) == (123, 122, 123)
    assert by_year[2025].parties == 125
    assert by_year[2026].parties == 124 and years[-1].deposited_to_date == 127


def test_data_as_of_is_the_files_date_until_staff_edit(loaded):
    assert data_as_of() == AS_OF
    ukraine = state("UKR")
    ukraine.notes = "Edited by staff."
    ukraine.save()
    assert data_as_of() == timezone.localdate()


def test_a_load_retires_the_page_cache(db, django_capture_on_commit_callbacks):
    before = cache_key_for("page")
    with django_capture_on_commit_callbacks(execute=True):
        load()
    assert cache_key_for("page") != before


# --- Situations, cases, sessions ----------------------------------------------------------


def test_situations_and_cases_load_with_their_charges(loaded):
    assert Situation.objects.get(number="ICC-02/05").trigger == Trigger.SECURITY_COUNCIL
    assert Situation.objects.get(number="ICC-01/09").trigger == Trigger.PROPRIO_MOTU
    ukraine = Situation.objects.get(number="ICC-01/22")
    assert (ukraine.trigger, ukraine.investigation_opened_on) == (
        Trigger.STATE_REFERRAL,
        D(2022, 3, 2),
    )
    expected = {"ICC-01/04", "ICC-02/04", "ICC-02/05", "ICC-01/05", "ICC-01/14", "ICC-01/09"}
    expected |= {"ICC-01/11", "ICC-02/11", "ICC-01/12", "ICC-01/15", "ICC-01/17", "ICC-01/19"}
    expected |= {"ICC-02/17", "ICC-01/18", "ICC-01/21", "ICC-02/18", "ICC-01/22"}
    assert set(Situation.objects.values_list("number", flat=True)) == expected

    lubanga = Case.objects.get(number="ICC-01/04-01/06")
    assert lubanga.status == CaseStatus.CONVICTED and lubanga.charges.count() == 3
    assert not lubanga.charges.filter(is_sexual_violence=True).exists()
    ongwen = Case.objects.get(slug="ongwen")
    assert ongwen.charges.get(description__startswith="Forced marriage").is_gender_based
    assert ongwen.charges.filter(description="Forced pregnancy", is_sexual_violence=True).count()
    al_bashir = Case.objects.get(slug="al-bashir")
    assert al_bashir.charges.get(category=CrimeCategory.GENOCIDE).counts == 3
    assert al_bashir.status == CaseStatus.AT_LARGE
    bemba_et_al = Case.objects.get(number="ICC-01/05-01/13")
    assert set(bemba_et_al.charges.values_list("category", flat=True)) == {
        CrimeCategory.ADMINISTRATION_OF_JUSTICE
    }
    assert Case.objects.get(slug="duterte").status == CaseStatus.IN_CUSTODY
    assert Case.objects.get(slug="abd-al-rahman").verdict_on == D(2025, 10, 6)
    assert Case.objects.get(slug="putin-lvova-belova").situation == ukraine


def test_sessions_load_with_their_elections(loaded):
    first = AspSession.objects.get(number=1)
    judges = first.elections.get(office="judges")
    assert len(judges.elected.splitlines()) == 18 and first.place == "New York"
    tenth = AspSession.objects.get(number=10)
    assert tenth.elections.get(office="prosecutor").elected == "Fatou Bensouda (Gambia)"
    nineteenth = AspSession.objects.get(number=19)
    assert "Karim A. A. Khan" in nineteenth.elections.get(office="prosecutor").elected
    assert "aggression" in AspSession.objects.get(number=16).notes
    last = AspSession.objects.get(number=24)
    assert (last.starts_on, last.ends_on, last.place) == (
        D(2025, 12, 1),
        D(2025, 12, 5),
        "The Hague",
    )


# --- Re-loading ---------------------------------------------------------------------------


def _shipped(tmp_path: Path, name: str, *changes: tuple[str, str]) -> str:
    text = (STATES_FILE.parent / name).read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_reload_updates_in_place_and_keeps_rows_staff_added(loaded, tmp_path):
    ukraine_pk = state("UKR").pk
    added = StatuteState.objects.create(
        iso_code="NIU",
        name="Niue",
        slug="niue",
        regional_group=RegionalGroup.ASIA_PACIFIC,
        signed_on=D(2030, 1, 1),
        source_url="https://example.org/niue",
    )
    states = _shipped(
        tmp_path, "rome_statute.yaml", ("the 125th state party.", "the 125th state party!")
    )
    situations = _shipped(
        tmp_path,
        "situations.yaml",
        ("description: Enlisting children under the age of fifteen", "description: Enlisting"),
    )

    out = load("--states", states, "--situations", situations)

    assert "States: 0 created, 1 updated, 155 unchanged." in out
    assert "Cases: 0 created, 1 updated, 30 unchanged." in out
    assert state("UKR").pk == ukraine_pk and state("UKR").notes.endswith("state party!")
    assert StatuteState.objects.filter(pk=added.pk).exists()
    lubanga = Case.objects.get(slug="lubanga")
    assert [charge.description for charge in lubanga.charges.all()][0] == "Enlisting"
    assert lubanga.charges.count() == 3


# --- Bad files ----------------------------------------------------------------------------

STATES = """\
as_of: 2026-11-25
sources:
  untc: https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-10&chapter=18
states:
  - iso_code: UKR
    name: Ukraine
    regional_group: eastern_european
    signed_on: 2000-01-20
    instrument: ratification
    deposited_on: 2024-10-25
    source: untc
  - iso_code: USA
    name: United States of America
    regional_group: weog
    signed_on: 2000-12-31
    declared_non_party_on: 2002-05-06
    source: untc
"""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "deposited_on: 2024-10-25",
            "deposited_on: 2024-13-25",
            "row 1 (UKR), deposited_on: '2024-13-25' is not a date (YYYY-MM-DD)",
        ),
        (
            "iso_code: UKR",
            "iso_code: XYZ",
            "row 1 (XYZ), iso_code: 'XYZ' is not an ISO 3166-1 alpha-3 country code",
        ),
        (
            "regional_group: weog",
            "regional_group: western",
            "row 2 (USA), regional_group: 'western' is not one of: african,",
        ),
        (
            "    declared_non_party_on: 2002-05-06\n    source: untc\n",
            "",
            "row 2 (USA), source: missing",
        ),
        ("iso_code: USA", "iso_code: UKR", "row 2 (UKR), iso_code: 'UKR' is already used by"),
        (
            "    deposited_on: 2024-10-25\n",
            "    deposited_on: 2024-10-25\n    withdrawal_notified_on: 2025-03-01\n"
            "    withdrawal_effective_on: 2025-09-01\n",
            "row 1 (UKR), withdrawal_effective_on: a withdrawal takes effect one year after its "
            "notification at the earliest (article 127): 2026-03-01",
        ),
        ("    instrument: ratification\n", "", "row 1 (UKR), instrument: missing"),
        ("source: untc", "source: wikipedia", "'wikipedia' is neither a key of `sources`"),
        ("regional_group: weog", "regional_grup: weog", "row 2 (USA), regional_grup: not a field"),
        ("signed_on: 2000-12-31", "signed_on: 1997-12-31", "is before the Statute was adopted"),
    ],
)
def test_a_malformed_states_file_names_the_row_and_field_and_writes_nothing(
    db, tmp_path, old, new, message
):
    path = tmp_path / "states.yaml"
    path.write_text(STATES, encoding="utf-8")
    assert len(read_states(path).states) == 2  # valid before the change
    assert old in STATES
    path.write_text(STATES.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(message)) as error:
        load("--states", str(path))
    assert str(path) in str(error.value) and "Nothing was loaded." in str(error.value)
    assert nothing_in_the_database()


SITUATIONS = """\
as_of: 2026-11-25
situations:
  - number: ICC-01/12
    slug: mali
    name: Mali
    country_codes: [MLI]
    trigger: state_referral
    referred_on: 2012-07-13
    investigation_opened_on: 2013-01-16
    summary: Crimes in Mali since January 2012.
    source: https://www.icc-cpi.int/mali
    cases:
      - number: ICC-01/12-01/15
        slug: al-mahdi
        name: The Prosecutor v. Ahmad Al Faqi Al Mahdi
        accused: Ahmad Al Faqi Al Mahdi
        status: convicted
        verdict_on: 2016-09-27
        summary: Convicted of attacking protected buildings in Timbuktu.
        source: https://www.icc-cpi.int/mali/al-mahdi
        charges:
          - category: war_crimes
            description: Attacking buildings dedicated to religion and historic monuments
"""
SESSIONS = """\
as_of: 2026-11-25
sessions:
  - number: 24
    starts_on: 2025-12-01
    ends_on: 2025-12-05
    place: The Hague
    source: https://asp.icc-cpi.int/sessions
    elections:
      - office: other
        description: Members of the Committee on Budget and Finance
"""


@pytest.mark.parametrize(
    ("option", "text", "old", "new", "message"),
    [
        (
            "--situations",
            SITUATIONS,
            "trigger: state_referral",
            "trigger: referral",
            "situation 1 (ICC-01/12), trigger: 'referral' is not one of",
        ),
        (
            "--situations",
            SITUATIONS,
            "category: war_crimes",
            "category: piracy",
            "case 1 (ICC-01/12-01/15), charge 1, category: 'piracy' is not one of",
        ),
        (
            "--situations",
            SITUATIONS,
            "number: ICC-01/12-01/15",
            "number: ICC-01/04-01/06",
            "case 1 (ICC-01/04-01/06), number: 'ICC-01/04-01/06' does not belong",
        ),
        (
            "--situations",
            SITUATIONS,
            "        verdict_on: 2016-09-27\n",
            "",
            "case 1 (ICC-01/12-01/15), verdict_on: missing: a case convicted has this date",
        ),
        (
            "--sessions",
            SESSIONS,
            "ends_on: 2025-12-05",
            "ends_on: 2025-11-05",
            "row 1 (session 24), ends_on: 2025-11-05 is before the start (2025-12-01)",
        ),
        (
            "--sessions",
            SESSIONS,
            "office: other",
            "office: pope",
            "row 1 (session 24), election 1, office: 'pope' is not one of",
        ),
    ],
)
def test_a_malformed_situation_or_session_writes_nothing_at_all(
    db, tmp_path, option, text, old, new, message
):
    good = tmp_path / "good.yaml"
    good.write_text(text, encoding="utf-8")
    read = read_situations if option == "--situations" else read_sessions
    assert read(good)  # valid before the change
    bad = tmp_path / "bad.yaml"
    assert old in text
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(message)):
        load(option, str(bad))
    # The other files were valid, and still nothing of them was written.
    assert nothing_in_the_database()


def test_a_bad_file_after_a_good_load_changes_nothing(loaded, tmp_path):
    states = _shipped(
        tmp_path, "rome_statute.yaml", ("the 125th state party.", "the 125th state party!")
    )
    sessions = _shipped(
        tmp_path, "asp_sessions.yaml", ("ends_on: 2025-12-05", "ends_on: 2024-12-05")
    )
    with pytest.raises(CommandError, match="ends_on: 2024-12-05 is before the start"):
        load("--states", states, "--sessions", sessions)
    assert state("UKR").notes.endswith("the 125th state party.")


def test_a_row_the_database_refuses_is_named(loaded, tmp_path):
    StatuteState.objects.filter(iso_code="UKR").delete()
    StatuteState.objects.create(
        iso_code="NIU",
        name="Niue",
        slug="ukraine",  # taken in the admin before Ukraine's row is loaded again
        regional_group=RegionalGroup.ASIA_PACIFIC,
        signed_on=D(2030, 1, 1),
        source_url="https://example.org/niue",
    )
    with pytest.raises(CommandError, match=r"row \d+ \(UKR\): slug: .*already exists"):
        load()
    assert not StatuteState.objects.filter(iso_code="UKR").exists()


@pytest.mark.parametrize(
    ("path", "content", "message"),
    [
        ("missing.yaml", None, "missing.yaml: No such file or directory"),
        ("broken.yaml", "as_of: 2026-11-25\nstates: [\n", "broken.yaml, line 3:"),
        ("list.yaml", "- 1\n- 2\n", "list.yaml: expected a mapping of fields, found a list"),
        ("empty.yaml", "as_of: 2026-11-25\nstates: []\n", "empty.yaml, states: missing or empty"),
        ("latin1.yaml", "name: C\xf4te".encode("latin-1"), "latin1.yaml: not UTF-8 text"),
    ],
)
def test_unreadable_files(db, tmp_path, path, content, message):
    target = tmp_path / path
    if isinstance(content, bytes):
        target.write_bytes(content)
    elif content is not None:
        target.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(message)):
        load("--states", str(target))
    assert nothing_in_the_database()


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=12),
    st.dates().map(str),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


FUZZED_FIELDS = ["iso_code", "name", "regional_group", "signed_on", "instrument"]
FUZZED_FIELDS += ["deposited_on", "source", "withdrawal_notified_on", "notes"]


@settings(max_examples=150, deadline=None)
@given(row=st.dictionaries(st.sampled_from(FUZZED_FIELDS), VALUES))
def test_any_row_loads_or_fails_with_a_message(row, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "states.yaml"
    path.write_text(yaml.safe_dump({"as_of": "2026-11-25", "states": [row]}), encoding="utf-8")
    try:
        read_states(path)
    except DataFileError as error:
        assert str(error).startswith(f"{path}, row 1")


# --- The admin ----------------------------------------------------------------------------


def tracker_permissions() -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label="icc",
            codename__regex=r"^(add|change|delete|view)_(statutestate|situation|case|aspsession)$",
        )
    )


@pytest.fixture
def tracker_staff(coalition, loaded):
    # Migration icc 0002 gives Coalition staff every icc permission; these are the ones the
    # tracker needs, granted here as well so the tests say so whatever the migrations do.
    Group.objects.get(name=STAFF).permissions.add(*tracker_permissions())
    return coalition.staff


def admin_url(model, name: str, *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def state_form(row: StatuteState, **changes) -> dict:
    names = [
        "name", "iso_code", "slug", "regional_group", "signed_on", "instrument", "deposited_on",
        "declared_non_party_on", "withdrawal_notified_on", "withdrawal_effective_on",
        "source_url", "source_note", "notes",
    ]  # fmt: skip
    data = {name: getattr(row, name) or "" for name in names}
    return {**data, **changes}


def test_staff_edit_a_state_and_the_entry_into_force_follows(client, tracker_staff):
    client.force_login(tracker_staff)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert admin_url(StatuteState, "list") in home
    armenia = state("ARM")

    response = client.post(
        admin_url(StatuteState, "edit", armenia.pk),
        state_form(armenia, deposited_on="2023-11-01", notes="Checked again."),
    )

    assert response.status_code == 302, response.context["form"].errors
    armenia.refresh_from_db()
    assert (armenia.entry_into_force_on, armenia.notes) == (D(2024, 1, 1), "Checked again.")


def test_the_admin_refuses_a_withdrawal_earlier_than_article_127(client, tracker_staff):
    client.force_login(tracker_staff)
    mali = state("MLI")
    response = client.post(
        admin_url(StatuteState, "edit", mali.pk),
        state_form(mali, withdrawal_notified_on="2025-09-22", withdrawal_effective_on="2025-09-22"),
    )
    assert response.status_code == 200
    assert "one year after its notification" in str(
        response.context["form"].errors["withdrawal_effective_on"]
    )
    assert state("MLI").withdrawal_notified_on is None


def test_staff_list_filter_and_search_the_tracker(client, tracker_staff):
    client.force_login(tracker_staff)
    listing = admin_url(StatuteState, "list")
    html = client.get(listing, {"status": "withdrawn"}).content.decode()
    assert "Burundi" in html and "Philippines" in html and "Hungary" in html
    assert "Ukraine" not in html
    html = client.get(listing, {"q": "ukr"}).content.decode()
    assert "Ukraine" in html and "Burundi" not in html
    html = client.get(listing, {"regional_group": "grulac", "status": "party"}).content.decode()
    assert "Argentina" in html and "Ghana" not in html and "Bahamas" not in html
    export = client.get(listing, {"export": "csv", "status": "declared_non_party"})
    rows = b"".join(export.streaming_content).decode().splitlines()
    assert rows[0].startswith("ISO 3166 code,Name,Regional group") and len(rows) == 5
    assert any(row.startswith("USA,United States of America,") for row in rows)
    inspect = client.get(admin_url(StatuteState, "inspect", state("UKR").pk))
    assert inspect.status_code == 200 and "Ukraine" in inspect.content.decode()
    for model, first in (
        (Situation, Situation.objects.get(number="ICC-01/04")),
        (Case, Case.objects.get(slug="ongwen")),
        (AspSession, AspSession.objects.get(number=1)),
    ):
        assert client.get(admin_url(model, "list")).status_code == 200
        assert client.get(admin_url(model, "add")).status_code == 200
        edit = client.get(admin_url(model, "edit", first.pk))
        assert edit.status_code == 200, model
    edit = client.get(admin_url(Case, "edit", Case.objects.get(slug="ongwen").pk)).content.decode()
    assert "Forced pregnancy" in edit  # the charges, inline


def test_staff_set_a_situations_countries_as_codes(client, tracker_staff):
    client.force_login(tracker_staff)
    situation = Situation.objects.get(number="ICC-01/19")
    data = {
        "number": situation.number,
        "name": situation.name,
        "slug": situation.slug,
        "country_codes": "bgd, MMR",
        "trigger": situation.trigger,
        "investigation_opened_on": "2019-11-14",
        "summary": situation.summary,
        "source_url": situation.source_url,
    }
    response = client.post(admin_url(Situation, "edit", situation.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    situation.refresh_from_db()
    assert situation.country_codes == ["BGD", "MMR"]
    refused = client.post(
        admin_url(Situation, "edit", situation.pk), {**data, "country_codes": "XX"}
    )
    assert "Not ISO 3166-1 alpha-3 codes: XX." in str(refused.context["form"].errors)


def test_a_coordinator_cannot_edit_the_tracker(client, coalition, loaded):
    # Even holding the model permissions, a coordinator has no coalition-wide reach.
    coordinator = coalition.coordinator
    coordinator.user_permissions.add(*tracker_permissions())
    client.force_login(coordinator)
    ukraine = state("UKR")
    home = reverse("wagtailadmin_home")

    assert admin_url(StatuteState, "list") not in client.get(home).content.decode()
    assert client.get(admin_url(StatuteState, "edit", ukraine.pk)).status_code in (302, 404)
    response = client.post(
        admin_url(StatuteState, "edit", ukraine.pk), state_form(ukraine, notes="Changed.")
    )
    assert response.status_code in (302, 404)
    assert state("UKR").notes != "Changed."
    assert client.get(admin_url(Case, "add")).url == home


def test_an_editor_without_coalition_reach_does_not_see_the_tracker(client, loaded, coalition):
    editor = user_in("Editors", username="editor")
    client.force_login(editor)
    assert client.get(admin_url(StatuteState, "list")).status_code in (302, 403, 404)


def test_demo_loads_the_shipped_data_once_and_keeps_staff_edits(db):
    summary = icc_demo_load()
    assert StatuteState.objects.count() == len(read_states(STATES_FILE).states)
    assert f"{states_parties_count(timezone.localdate())} states parties on" in summary
    ukraine = StatuteState.objects.get(iso_code="UKR")
    ukraine.notes = "Edited in the demo."
    ukraine.save()

    icc_demo_load()

    assert StatuteState.objects.get(iso_code="UKR").notes == "Edited in the demo."
