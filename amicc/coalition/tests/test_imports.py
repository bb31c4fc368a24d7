"""Import and export of people and organizations: services, commands and the admin views."""

import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from wagtail.log_actions import LogActionRegistry
from wagtail.models import ModelLogEntry
from wagtail.search.backends import get_search_backend

from amicc.coalition.admin_imports import register_import_log_actions
from amicc.coalition.choices import (
    ConsentPurpose,
    ConsentSource,
    MembershipStatus,
    OrganizationStatus,
)
from amicc.coalition.imports import people as people_importer
from amicc.coalition.imports.tables import ImportFileError, table_read
from amicc.coalition.models import (
    Alliance,
    AllianceMembership,
    ConsentRecord,
    MemberOrganization,
    Person,
)
from amicc.coalition.services.imports import (
    export_csv,
    export_xlsx,
    organizations_import,
    people_import,
)

DATA = Path(__file__).parent / "data"


@pytest.fixture
def alliance(db) -> Alliance:
    return Alliance.objects.create(
        name="Chicago Alliance (sample)", slug="chicago-sample", city="Chicago", state="IL"
    )


def counts() -> dict[str, int]:
    models = [Person, ConsentRecord, AllianceMembership, MemberOrganization, ModelLogEntry]
    return {model.__name__: model.objects.count() for model in models}


def csv_file(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode())


def xlsx_file(rows: list[list]) -> io.BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    return stream


def import_people(source, *, dry_run=False, filename="people.csv"):
    return people_import(source=source, filename=filename, dry_run=dry_run)


def import_organizations(source, *, dry_run=False, filename="organizations.csv"):
    return organizations_import(source=source, filename=filename, dry_run=dry_run)


def problems_of(report) -> set[tuple[int, str]]:
    return {(problem.row, problem.column) for problem in report.problems}


# People


def test_a_dry_run_reports_every_row_and_writes_nothing(alliance):
    before = counts()
    with (DATA / "people.csv").open("rb") as source:
        report = import_people(source, dry_run=True)
    assert counts() == before
    assert (report.created, report.updated, report.rejected) == (2, 0, 7)
    assert [result.row for result in report.results] == [2, 3]
    assert problems_of(report) == {
        (4, "name"),
        (5, "email"),
        (6, "state"),
        (7, "zip"),
        (8, "email"),
        (9, "alliance"),
        (10, "newsletter"),
    }
    assert "the same address as row 2" in next(p.message for p in report.problems if p.row == 8)


def test_the_import_writes_the_valid_rows_and_reports_the_rest(alliance):
    with (DATA / "people.csv").open("rb") as source:
        report = import_people(source)
    assert report.summary() == "2 created, 0 updated, 0 already up to date, 7 rejected"
    ada = Person.objects.get(email="ada.sample@example.org")
    ben = Person.objects.get(email="ben.sample@example.org")
    assert (ada.state, ada.zip_code, ada.wants_newsletter) == ("IL", "60601", True)
    assert (ben.state, ben.zip_code, ben.wants_newsletter) == ("MA", "02139", False)
    assert Person.objects.count() == 2
    membership = AllianceMembership.objects.get()
    assert (membership.person, membership.alliance) == (ada, alliance)
    assert membership.status == MembershipStatus.ACTIVE and membership.confirmed_at
    consents = ConsentRecord.objects.filter(person=ada)
    assert {consent.purpose for consent in consents} == {
        ConsentPurpose.DATA_PROCESSING,
        ConsentPurpose.NEWSLETTER,
    }
    assert {(c.source, c.wording) for c in consents} == {
        (ConsentSource.IMPORT, "Imported by staff from people.csv")
    }
    rejected = report.rejected_csv().lstrip("\ufeff").splitlines()
    assert rejected[0] == "Name,Email,Phone,ZIP,State,Newsletter,Alliance,problems"
    assert len(rejected) == 8
    assert rejected[-1].startswith("Hal Sample,") and "newsletter:" in rejected[-1]


def test_a_known_email_in_any_case_updates_the_person(alliance):
    known = Person.objects.create(
        name="Ada S.", email="ada.sample@example.org", phone="+1 312 555 0199", state="WI"
    )
    source = csv_file(
        "name,email,state,zip,newsletter,alliance\n"
        "Ada Sample,ADA.Sample@example.org,IL,,yes,Chicago Alliance (sample)\n"
    )
    report = import_people(source)
    assert (report.created, report.updated) == (0, 1)
    assert report.results[0].changes == (
        "name",
        "state",
        "newsletter",
        "joins Chicago Alliance (sample)",
    )
    known.refresh_from_db()
    assert (known.name, known.state, known.phone) == ("Ada Sample", "IL", "+1 312 555 0199")
    assert known.wants_newsletter
    assert known.memberships.get().status == MembershipStatus.ACTIVE
    assert Person.objects.count() == 1


def test_a_pending_membership_is_activated_and_a_second_import_changes_nothing(alliance):
    person = Person.objects.create(name="Ben", email="ben@example.org")
    AllianceMembership.objects.create(person=person, alliance=alliance)
    text = "name,email,alliance\nBen,ben@example.org,chicago-sample\n"
    assert import_people(csv_file(text)).updated == 1
    assert AllianceMembership.objects.get().status == MembershipStatus.ACTIVE
    before = counts()
    again = import_people(csv_file(text))
    assert (again.updated, again.unchanged) == (0, 1)
    assert counts() == before


def test_a_conflict_while_writing_rolls_everything_back(alliance, monkeypatch):
    def conflict(*args, **kwargs):
        raise IntegrityError("duplicate key")

    # The people are written by then; a conflict on their consents must undo them.
    monkeypatch.setattr(people_importer, "rows_insert", conflict)
    with (DATA / "people.csv").open("rb") as source, pytest.raises(ImportFileError, match="again"):
        import_people(source)
    assert counts() == dict.fromkeys(counts(), 0)


def test_the_audit_log_records_each_change_of_one_import(alliance, admin_user):
    with (DATA / "people.csv").open("rb") as source:
        people_import(source=source, filename="people.csv", dry_run=False, user=admin_user)
    entries = ModelLogEntry.objects.filter(action="coalition.import.create")
    assert entries.count() == 2
    assert len({entry.uuid for entry in entries}) == 1
    assert {entry.data["row"] for entry in entries} == {2, 3}
    assert {entry.user for entry in entries} == {admin_user}
    registry = LogActionRegistry()
    registry.has_scanned_for_actions = True
    register_import_log_actions(registry)
    message = registry.get_formatter(entries.first()).format_message(entries.first())
    assert message.startswith("Created by import from people.csv (row ")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_imports_again_without_changes(alliance, file_format):
    with (DATA / "people.csv").open("rb") as source:
        import_people(source)
    Person.objects.create(name='=HYPERLINK("http://x.example")', email="formula@example.org")
    before = counts()
    report = import_people(_export("people", file_format), filename=f"export.{file_format}")
    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, 3, 0)
    assert counts() == before


def _export(kind: str, file_format: str) -> io.BytesIO:
    stream = io.BytesIO()
    if file_format == "csv":
        stream.write("".join(export_csv(kind=kind)).encode())
    else:
        export_xlsx(kind=kind, stream=stream)
    stream.seek(0)
    return stream


def test_exports_keep_spreadsheets_from_running_formulas(db):
    Person.objects.create(name="=1+2", email="formula@example.org", phone="+1 212 555 0100")
    lines = "".join(export_csv(kind="people")).splitlines()
    assert lines[1].startswith("'=1+2,formula@example.org,+1 212 555 0100,")
    sheet = load_workbook(_export("people", "xlsx")).active
    cell = sheet["A2"]
    assert (cell.value, cell.data_type) == ("=1+2", "s")


def test_xlsx_cells_of_any_type_are_read_as_text(alliance):
    source = xlsx_file(
        [
            ["Name", "Email", "ZIP", "Newsletter", "Alliance"],
            ["Ada Sample", "ada@example.org", 2139, True, "chicago-sample"],
            [None, None, None, None, None],
            ["Ben Sample", "ben@example.org", 60601.0, False, None],
        ]
    )
    report = import_people(source, filename="people.xlsx")
    assert (report.created, report.rejected) == (2, 0)
    assert [result.row for result in report.results] == [2, 4]
    assert Person.objects.get(email="ada@example.org").zip_code == "02139"


def test_windows_1252_is_read_with_a_note(db):
    with (DATA / "people-windows-1252.csv").open("rb") as source:
        report = import_people(source)
    assert "Windows-1252" in report.table.notes[0]
    assert Person.objects.get().name == "José Muñoz"


def test_a_byte_order_mark_and_semicolons_are_understood(db):
    source = io.BytesIO("\ufeffE-mail;NAME;Unknown\nann@example.org;Ann;x\n".encode())
    with pytest.raises(ImportFileError, match="no email column"):
        import_people(source)
    source = io.BytesIO("\ufeffEmail;NAME;Unknown\nann@example.org;Ann;x\n".encode())
    report = import_people(source)
    assert report.created == 1 and report.table.ignored_columns == ["Unknown"]


# Organizations


def test_organization_rows_are_checked_column_by_column(db):
    before = counts()
    with (DATA / "organizations.csv").open("rb") as source:
        report = import_organizations(source, dry_run=True)
    assert counts() == before
    assert (report.created, report.rejected) == (2, 8)
    assert problems_of(report) == {
        (4, "name"),
        (5, "constituency"),
        (6, "status"),
        (7, "joined_on"),
        (8, "listed"),
        (9, "state"),
        (10, "website"),
        (11, ""),
    }


def test_new_organizations_are_active_unlisted_and_searchable(db):
    with (DATA / "organizations.csv").open("rb") as source:
        import_organizations(source)
    lakeside = MemberOrganization.objects.get(slug="lakeside-bar-association-sample")
    assert (lakeside.website, lakeside.website_domain) == (
        "https://lakeside-bar.example.org",
        "lakeside-bar.example.org",
    )
    assert lakeside.is_listed and str(lakeside.joined_on) == "2019-05-01"
    prairie = MemberOrganization.objects.get(name="Prairie Women for Justice (sample)")
    assert (prairie.status, prairie.is_listed, prairie.state) == (
        OrganizationStatus.ACTIVE,
        False,
        "IL",
    )
    assert list(get_search_backend().search("Prairie", MemberOrganization)) == [prairie]


def test_organizations_match_by_name_and_state_or_by_website_domain(db):
    by_name = MemberOrganization.objects.create(
        name="Lakeside Bar", slug="lakeside-bar", constituency="bar_association", state="IL"
    )
    by_site = MemberOrganization.objects.create(
        name="Old Name",
        slug="old-name",
        constituency="other",
        website="https://www.open.example.org/",
    )
    text = (
        "name,constituency,state,website,status\n"
        "LAKESIDE bar,,IL,,lapsed\n"
        "New Name,other,AZ,open.example.org,\n"
        "Lakeside Bar,bar_association,WI,,\n"
        "Lakeside Bar,,IL,https://open.example.org,\n"
    )
    report = import_organizations(csv_file(text))
    assert (report.created, report.updated) == (1, 2)
    assert "matches two organizations" in report.problems[0].message
    by_name.refresh_from_db()
    by_site.refresh_from_db()
    assert by_name.status == OrganizationStatus.LAPSED
    assert (by_site.name, by_site.state) == ("New Name", "AZ")
    assert MemberOrganization.objects.filter(name="Lakeside Bar", state="WI").exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_organization_export_imports_again_without_changes(db, file_format):
    with (DATA / "organizations.csv").open("rb") as source:
        import_organizations(source)
    report = import_organizations(_export("organizations", file_format))
    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, 2, 0)


# Files that cannot be imported at all


def _zip_without_workbook() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return stream.getvalue()


BAD_FILES = {
    "empty": (b"", "empty"),
    "blank lines": (b"\n\n  \n", "empty"),
    "blank header": (b",,\nann@example.org,Ann\n", "first row must name the columns"),
    "missing column": (b"name,phone\nAnn,1\n", "no email column"),
    "repeated column": (b"name,email,Email\n", "more than once"),
    "binary junk": (bytes(range(256)) * 4, "neither a CSV file nor an Excel workbook"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "neither a CSV file"),
    "old excel": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old-style Excel"),
    "zip": (_zip_without_workbook(), "cannot be opened"),
    "damaged xlsx": (b"PK\x03\x04" + bytes(200), "cannot be opened"),
    "too large": (b"name,email\n" + b"x" * (10 * 1024 * 1024), "larger than 10 MB"),
    "too many rows": (b"name,email\n" + b"a,a@example.org\n" * 100_001, "more than 100,000"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_file_that_cannot_be_read_is_refused_with_a_reason(db, name):
    data, message = BAD_FILES[name]
    with pytest.raises(ImportFileError, match=message):
        import_people(io.BytesIO(data))


def test_the_row_limit_is_inclusive(db):
    table = table_read(
        source=io.BytesIO(b"name,email\n" + b"a,a@example.org\n" * 100_000),
        known=("name", "email"),
        required=("name",),
    )
    assert len(table.rows) == 100_000


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000))
def test_any_bytes_are_read_or_refused_with_a_reason(data):
    try:
        table_read(source=io.BytesIO(data), known=("name", "email"), required=("email",))
    except ImportFileError as error:
        assert str(error)


# Commands


def test_the_commands_import_export_and_count(alliance, tmp_path):
    out = io.StringIO()
    call_command("import_people", str(DATA / "people.csv"), "--dry-run", stdout=out)
    assert "Dry run, nothing written: 2 would be created" in out.getvalue()
    assert "row 6, state:" in out.getvalue()
    assert Person.objects.count() == 0
    rejected = tmp_path / "rejected.csv"
    out = io.StringIO()
    call_command("import_people", str(DATA / "people.csv"), "--rejected", str(rejected), stdout=out)
    assert "2 created, 0 updated, 0 already up to date, 7 rejected." in out.getvalue()
    assert len(rejected.read_text().splitlines()) == 8
    exported = tmp_path / "people.xlsx"
    call_command(
        "export_people", "--output", str(exported), "--format", "xlsx", stderr=io.StringIO()
    )
    out = io.StringIO()
    call_command("import_people", str(exported), stdout=out)
    assert "0 created, 0 updated, 2 already up to date, 0 rejected." in out.getvalue()
    out = io.StringIO()
    call_command("export_organizations", stdout=out)
    assert out.getvalue().splitlines()[0].startswith("name,constituency,")


@pytest.mark.parametrize("name", ["empty", "binary junk", "missing column"])
def test_the_commands_stop_on_a_bad_file(db, tmp_path, name):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD_FILES[name][0])
    with pytest.raises(CommandError, match=BAD_FILES[name][1]):
        call_command("import_people", str(bad))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_organizations", str(tmp_path / "missing.csv"))


# Admin views


def staff_user(*codenames: str, group: str | None = None):
    user = get_user_model().objects.create_user(username=f"staff-{len(codenames)}-{group}")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def people_staff(db):
    return staff_user("add_person", "change_person", "manage_coalition")


def upload(client, kind: str, name: str, data: bytes):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse(f"coalition_admin:import-{kind}"), {"file": file})


def test_upload_check_and_confirm_an_import_in_the_admin(client, alliance, people_staff):
    client.force_login(people_staff)
    page = client.get(reverse("coalition_admin:import-people"))
    assert page.status_code == 200
    assert "every valid row is imported" in page.content.decode()
    response = upload(client, "people", "members.csv", (DATA / "people.csv").read_bytes())
    assert response.status_code == 302
    review = client.get(response.url)
    html = review.content.decode()
    assert review.status_code == 200 and "Import 2 valid rows" in html
    assert "“Atlantis” is not a US state" in html
    assert Person.objects.count() == 0
    rejected = client.get(response.url + "rejected.csv")
    assert b"".join(rejected.streaming_content).decode().count("\n") == 8
    result = client.post(response.url)
    assert result.status_code == 200
    assert "2 created, 0 updated" in result.content.decode()
    assert ConsentRecord.objects.filter(wording="Imported by staff from members.csv").exists()
    assert ModelLogEntry.objects.filter(user=people_staff).count() == 2
    again = client.post(response.url)
    assert again.status_code == 302 and Person.objects.count() == 2


def test_an_upload_is_imported_by_one_request_only(client, alliance, people_staff, settings):
    client.force_login(people_staff)
    response = upload(client, "people", "people.csv", (DATA / "people.csv").read_bytes())
    folder = settings.DATA_DIR / "imports" / response.url.rstrip("/").rsplit("/", 1)[1]
    (folder / "upload").rename(folder / "importing")  # another request is importing it
    assert client.post(response.url).status_code == 302
    assert Person.objects.count() == 0


def test_a_bad_upload_is_a_form_error(client, people_staff):
    client.force_login(people_staff)
    response = upload(client, "people", "photo.png", BAD_FILES["png"][0])
    assert response.status_code == 400
    assert "neither a CSV file" in response.content.decode()


def test_an_upload_belongs_to_the_session_that_made_it(client, people_staff, alliance):
    client.force_login(people_staff)
    response = upload(client, "people", "people.csv", (DATA / "people.csv").read_bytes())
    client.logout()
    client.force_login(people_staff)
    assert client.post(response.url).status_code == 302
    assert Person.objects.count() == 0


@pytest.mark.parametrize("kind", ["people", "organizations"])
def test_coordinators_can_neither_import_nor_export(client, db, kind):
    coordinator = staff_user(
        "add_person", "change_person", "view_person", group="Alliance coordinators"
    )
    client.force_login(coordinator)
    for url in (
        reverse(f"coalition_admin:import-{kind}"),
        reverse(f"coalition_admin:export-{kind}", kwargs={"file_format": "csv"}),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    client.logout()
    assert client.get(reverse(f"coalition_admin:import-{kind}")).status_code == 302


def test_staff_export_csv_and_xlsx(client, people_staff, alliance):
    Person.objects.create(name="Ada", email="ada@example.org")
    client.force_login(people_staff)
    url = reverse("coalition_admin:export-people", kwargs={"file_format": "csv"})
    response = client.get(url)
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines()[1] == "Ada,ada@example.org,,,,no,"
    response = client.get(url.replace(".csv", ".xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[2]][:2] == ["Ada", "ada@example.org"]
    assert client.get(url.replace(".csv", ".pdf")).status_code in (302, 404)
