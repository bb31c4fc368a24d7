"""Uploads are checked by their bytes and size, stored outside the code, served inertly."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from openpyxl import Workbook
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from amicc.core.uploads import document_validate, image_validate

HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 500


def pdf_bytes(text: str = "Curriculum vitae") -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def png_bytes(*, comment: str = "") -> bytes:
    info = PngInfo()
    if comment:
        info.add_text("Comment", comment)
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def docx_bytes(**extra: bytes) -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document/>",
            **extra,
        }
    )


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["name", "email"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def odt_bytes() -> bytes:
    return zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}
    )


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refusal(validate, name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        validate(upload(name, content))
    return " ".join(refused.value.messages)


# --- Documents by content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", pdf_bytes()),
        ("minutes.docx", docx_bytes()),
        ("members.xlsx", xlsx_bytes()),
        ("letter.odt", odt_bytes()),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("list.csv", "name,city\nJosé,Montréal\n".encode()),
        ("list.csv", "name,city\nJosé,Montréal\n".encode("cp1252")),
        ("notes.txt", b"Agenda\r\n1. The Rome Statute\r\n\tindented\n"),
        ("REPORT.PDF", pdf_bytes()),
    ],
)
def test_real_documents_are_accepted_and_left_rewound(name, content):
    file = upload(name, content)
    document_validate(file)
    assert file.read() == content


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("cv.pdf", HTML_PAGE, "it is not a PDF: its content is a web page (HTML)"),
        ("cv.pdf", WINDOWS_PROGRAM, "its content is a .exe file"),
        ("cv.pdf", png_bytes(), "its content is a .png file"),
        ("cv.pdf", b"%PDF-1.7\nnot really a pdf at all", "not a PDF"),
        ("minutes.docx", zip_bytes({"readme.txt": b"hi"}), "not a Word document"),
        ("minutes.docx", pdf_bytes(), "not a Word document"),
        ("members.xlsx", docx_bytes(), "not an Excel workbook"),
        ("letter.odt", docx_bytes(), "not an OpenDocument text"),
        ("list.csv", png_bytes(), "not a CSV file"),
        ("list.csv", b"name\x00\x01\x02\n", "not a CSV file"),
        ("notes.txt", HTML_PAGE, "a web page (HTML)"),
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(name, content, says):
    assert says in refusal(document_validate, name, content)


def test_a_pdf_that_is_also_a_web_page_is_refused():
    # A valid PDF whose first line comment carries markup a sniffing browser would run.
    polyglot = pdf_bytes().replace(b"\n", b"\n%<html><script>alert(1)</script>\n", 1)
    assert "a web page (HTML)" in refusal(document_validate, "report.pdf", polyglot)


def test_an_office_file_with_macros_is_refused():
    macro = docx_bytes(**{"word/vbaProject.bin": b"\x00" * 64})
    assert "not a Word document" in refusal(document_validate, "minutes.docx", macro)


def test_an_extension_not_taken_is_refused_by_name():
    says = refusal(document_validate, "setup.exe", WINDOWS_PROGRAM)
    assert "Files ending in .exe are not taken" in says and ".pdf" in says


def test_a_document_over_the_limit_is_refused(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    says = refusal(document_validate, "report.pdf", pdf_bytes() + b" " * 1000)
    assert "the largest document we take is 1000" in says


# --- Images by content


def test_a_real_image_is_accepted():
    image_validate(upload("photo.png", png_bytes()))


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (HTML_PAGE, "a web page (HTML)"),
        (png_bytes(comment="<script>alert(1)</script>"), "a web page (HTML)"),
        (WINDOWS_PROGRAM, "a .exe file"),
    ],
)
def test_an_image_that_is_not_only_a_picture_is_refused(content, says):
    assert says in refusal(image_validate, "photo.png", content)


# --- Through the admin's upload forms


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="pw"))
    return client


def root_collection() -> int:
    return Collection.get_first_root_node().pk


def add_document(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": upload(name, content), "collection": root_collection()},
    )


def add_image(client, name: str, content: bytes):
    return client.post(
        "/admin/images/add/",
        {"title": name, "file": upload(name, content), "collection": root_collection()},
    )


@pytest.mark.django_db
def test_the_document_form_takes_a_pdf_and_refuses_a_web_page_named_pdf(staff_client):
    assert add_document(staff_client, "annual-report.pdf", pdf_bytes()).status_code == 302
    refused = add_document(staff_client, "invoice.pdf", HTML_PAGE)
    assert refused.status_code == 200
    assert "it is not a PDF: its content is a web page (HTML)" in refused.content.decode()
    assert list(get_document_model().objects.values_list("title", flat=True)) == [
        "annual-report.pdf"
    ]


@pytest.mark.django_db
def test_the_multiple_upload_refuses_a_mismatch_with_its_reason(staff_client):
    response = staff_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": upload("budget.xlsx", WINDOWS_PROGRAM), "collection": root_collection()},
    )
    body = response.json()
    assert body["success"] is False
    assert "not an Excel workbook" in body["error_message"]
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_the_document_form_refuses_an_oversize_file(staff_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 2000
    refused = add_document(staff_client, "big.pdf", pdf_bytes() + b"\n" * 3000)
    assert refused.status_code == 200 and "This file is too big" in refused.content.decode()


@pytest.mark.django_db
def test_the_image_form_takes_a_png_and_refuses_svg_and_disguises(staff_client, settings):
    assert add_image(staff_client, "team.png", png_bytes()).status_code == 302
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    for name, content, says in (
        ("logo.svg", svg, "Not a supported image format"),
        ("logo.png", svg, "The extension does not match the file format (svg)"),
        ("team2.png", png_bytes(comment="<script>alert(1)</script>"), "a web page (HTML)"),
    ):
        refused = add_image(staff_client, name, content)
        assert refused.status_code == 200, name
        assert says in refused.content.decode(), name
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50
    assert (
        "This file is too big" in add_image(staff_client, "big.png", png_bytes()).content.decode()
    )
    assert get_image_model().objects.count() == 1


# --- Where files are kept


def test_uploads_live_in_the_data_directory_outside_the_code():
    code = Path(settings.BASE_DIR).resolve() / "amicc"
    data = Path(settings.DATA_DIR).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    private = Path(storages["private"].location).resolve()
    assert media.is_relative_to(data) and private.is_relative_to(data)
    assert not media.is_relative_to(code) and not private.is_relative_to(code)
    assert not private.is_relative_to(media)


def test_private_files_have_no_url():
    with pytest.raises(ValueError, match="without a URL"):
        storages["private"].url("delegation-cvs/24/token.pdf")


# --- How files are served


def stored_document(name: str, content: bytes, **fields):
    from django.core.files.base import ContentFile

    document = get_document_model()(title=name, **fields)
    document.file.save(name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_a_pdf_opens_in_the_browser_without_scripts(client):
    document = stored_document("report.pdf", pdf_bytes())
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response).startswith(b"%PDF-")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [("members.csv", b"name\nAda\n"), ("notes.txt", b"Agenda"), ("minutes.docx", docx_bytes())],
)
def test_other_documents_are_downloads_in_a_sandbox(client, name, content):
    response = client.get(stored_document(name, content).url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_a_private_collections_password_page_is_an_ordinary_page(client):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="s3cret"
    )
    document = stored_document("board.pdf", pdf_bytes(), collection=private)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"password" in body(response).lower()
    assert "sandbox" not in response.get("Content-Security-Policy", "")
    assert not response.has_header("Content-Disposition")


def put_in_media(relative: str, content: bytes) -> None:
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@pytest.mark.django_db
def test_media_images_are_inline_and_anything_else_a_sandboxed_download(client):
    put_in_media("original_images/served.png", png_bytes())
    put_in_media("original_images/slipped-in.html", HTML_PAGE)
    put_in_media("original_images/drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    image = client.get("/media/original_images/served.png")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image["Content-Disposition"].startswith("inline")
    assert image["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert image["X-Content-Type-Options"] == "nosniff"
    for name in ("slipped-in.html", "drawing.svg"):
        response = client.get(f"/media/original_images/{name}")
        assert response.status_code == 200, name
        assert response["Content-Disposition"] == f'attachment; filename="{name}"', name
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox", name


@pytest.mark.django_db
def test_documents_are_never_served_from_media(client, site_tree):
    put_in_media("documents/private.pdf", pdf_bytes())
    assert client.get("/media/documents/private.pdf").status_code == 404
