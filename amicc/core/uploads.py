"""Uploaded files: checked by their content, limited in size, and served so no browser runs them.

A file's name and the Content-Type its browser sent are chosen by whoever uploads it, so
neither decides anything here. Each kind of file the platform takes is recognised from
its bytes: a PDF must open as a PDF, a Word or Excel file must be the zip archive those
formats are, a CSV or text file must read as text, an image must decode. A file whose
first kilobyte reads as a web page is refused whatever else it claims to be, since that
is what a browser ignoring its declared type would render.

Where files live (see `settings.STORAGES`): everything is under `AMICC_DATA_DIR`, never
in the code. Images and documents are in `media/`; documents are only served through
Wagtail's view at /documents/, which checks their privacy; applicants' files are in
`private/`, which has no URL at all (`amicc.core.storages.PrivateFileStorage`). Served
files carry `X-Content-Type-Options: nosniff` and a Content-Security-Policy that gives
them no scripts; anything that is neither a PDF nor a raster image is a download.
"""

import errno
import io
import os
import zipfile
from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views import static
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.documents.views.serve import serve as wagtail_document_serve
from wagtail.images.forms import BaseImageForm

# The first bytes browsers look at when they guess a type; a web page shows in them.
SNIFF_BYTES = 1024
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<svg")
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and other OLE2 files
# An office file that opens to more than this, or holds more entries, is refused as a zip bomb.
ZIP_MAX_UNCOMPRESSED = 512 * 1024 * 1024
ZIP_MAX_ENTRIES = 20_000
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Served inline; every other type is served as a download.
INLINE_IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"}
SERVED_FILE_POLICY = "default-src 'none'; sandbox"
# Chrome refuses to show a PDF whose response is sandboxed, and strips the policy from its
# own viewer; the PDF viewers run no page scripts either way.
SERVED_PDF_POLICY = "default-src 'none'"

_CONTROL_CHARACTERS = {chr(code) for code in range(32)} - {"\t", "\n", "\r", "\f"}


@dataclass(frozen=True)
class FileKind:
    label: str | Promise  # "a PDF", "a Word document (.docx)": what the file should have been
    problem: str | Promise  # the sentence saying what to do instead


def _is_pdf(stream: IO[bytes]) -> bool:
    if stream.read(5) != b"%PDF-":
        return False
    stream.seek(0)
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted:
            return True  # a protected PDF is still a PDF; its pages are not ours to read
        return len(reader.pages) > 0
    except (PyPdfError, DependencyError):
        return False
    except (ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        return False  # pypdf answers some malformed files with plain Python errors


def _zip_members(stream: IO[bytes]) -> list[zipfile.ZipInfo] | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
    if len(members) > ZIP_MAX_ENTRIES:
        return None
    if sum(member.file_size for member in members) > ZIP_MAX_UNCOMPRESSED:
        return None
    return members


def _office_checker(*required: str):
    """An Office Open XML file (docx, xlsx) with its `required` parts and no macros."""

    def check(stream: IO[bytes]) -> bool:
        members = _zip_members(stream)
        if members is None:
            return False
        names = {member.filename for member in members}
        has_macros = any(name.lower().endswith("vbaproject.bin") for name in names)
        return "[Content_Types].xml" in names and set(required) <= names and not has_macros

    return check


def _is_odt(stream: IO[bytes]) -> bool:
    members = _zip_members(stream)
    if not members or members[0].filename != "mimetype":
        return False
    stream.seek(0)
    with zipfile.ZipFile(stream) as archive:
        return archive.read("mimetype").strip() == ODT_MIMETYPE


def _is_ole2(stream: IO[bytes]) -> bool:
    return stream.read(len(OLE2_SIGNATURE)) == OLE2_SIGNATURE


def _is_text(stream: IO[bytes]) -> bool:
    data = stream.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # what Excel on Windows writes
        except UnicodeDecodeError:
            return False
    return not _CONTROL_CHARACTERS.intersection(text)


DOCUMENT_KINDS: dict[str, tuple[FileKind, object]] = {
    "pdf": (
        FileKind(_("a PDF"), _("Save or export the document as a PDF and upload that file.")),
        _is_pdf,
    ),
    "docx": (
        FileKind(
            _("a Word document (.docx)"),
            _("Save it from your word processor as a Word document or a PDF."),
        ),
        _office_checker("word/document.xml"),
    ),
    "xlsx": (
        FileKind(
            _("an Excel workbook (.xlsx)"), _("Save it from your spreadsheet as an Excel workbook.")
        ),
        _office_checker("xl/workbook.xml"),
    ),
    "odt": (
        FileKind(_("an OpenDocument text (.odt)"), _("Save it from your word processor again.")),
        _is_odt,
    ),
    "doc": (
        FileKind(_("a Word 97-2003 document (.doc)"), _("Save it as a .docx or a PDF instead.")),
        _is_ole2,
    ),
    "txt": (FileKind(_("a text file"), _("Upload plain text saved as UTF-8.")), _is_text),
    "csv": (
        FileKind(_("a CSV file"), _("Export the table as CSV (UTF-8) and upload that.")),
        _is_text,
    ),
}


def _extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _looks_like_html(head: bytes) -> bool:
    lowered = head.lower()
    return any(marker in lowered for marker in HTML_MARKERS)


def _content_description(head: bytes) -> str:
    """What the bytes look like, for the error message: "a web page (HTML)", "a .exe file"."""
    if _looks_like_html(head):
        return _("a web page (HTML)")
    guess = filetype.guess(head)
    if guess:
        return _("a .%(extension)s file") % {"extension": guess.extension}
    return _("something else")


def _read_head(upload: IO[bytes]) -> bytes:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


def document_max_bytes() -> int:
    return int(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)


def document_validate(upload) -> None:
    """Refuse a document whose content is not what its extension says; leaves it rewound."""
    limit = document_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _(
                "This file is %(size)s; the largest document we take is %(limit)s. Make it "
                "smaller (a PDF without large images, say) or split it."
            )
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    extension = _extension(upload.name)
    if extension not in DOCUMENT_KINDS:
        allowed = ", ".join(f".{name}" for name in DOCUMENT_KINDS)
        raise ValidationError(
            _("Files ending in .%(extension)s are not taken. Upload one of: %(allowed)s.")
            % {"extension": extension or _("(nothing)"), "allowed": allowed},
            code="file_type_not_allowed",
        )
    kind, is_kind = DOCUMENT_KINDS[extension]
    head = _read_head(upload)
    matches = not _looks_like_html(head) and is_kind(upload)
    upload.seek(0)
    if not matches:
        raise ValidationError(
            _(
                "This file ends in .%(extension)s but it is not %(kind)s: its content is "
                "%(content)s."
            )
            % {"extension": extension, "kind": kind.label, "content": _content_description(head)}
            + f" {kind.problem}",
            code="file_content_mismatch",
        )


def image_validate(upload) -> None:
    """Refuse an image Pillow cannot decode, or one that reads as a web page; leaves it rewound.

    Wagtail has already matched the format to the extension and checked the size.
    """
    head = _read_head(upload)
    try:
        with Image.open(io.BytesIO(upload.read())) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        decodes = False
    else:
        decodes = True
    upload.seek(0)
    if not decodes or _looks_like_html(head):
        raise ValidationError(
            _(
                "This file is not a usable image: its content is %(content)s. "
                "Upload a PNG, JPEG, GIF, WebP or AVIF picture."
            )
            % {"content": _content_description(head)},
            code="file_content_mismatch",
        )


def _new_upload(form, name: str):
    """The file just uploaded in `form`'s field `name`, or None when the field kept its file."""
    upload = form.cleaned_data.get(name)
    return upload if upload is not None and name in form.changed_data else None


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (single, multiple and chooser uploads) with content checks."""

    def clean_file(self):
        upload = _new_upload(self, "file")
        if upload is not None:
            document_validate(upload)
        return self.cleaned_data.get("file")


class ImageForm(BaseImageForm):
    """Wagtail's image form with the content checks of `image_validate`."""

    def clean_file(self):
        upload = _new_upload(self, "file")
        if upload is not None:
            image_validate(upload)
        return self.cleaned_data.get("file")


def protect_served_file(response: HttpResponse) -> HttpResponse:
    """Headers for an uploaded file served from the site's own origin."""
    response["X-Content-Type-Options"] = "nosniff"
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type == "application/pdf":
        response["Content-Security-Policy"] = SERVED_PDF_POLICY
        return response
    response["Content-Security-Policy"] = SERVED_FILE_POLICY
    if content_type not in INLINE_IMAGE_TYPES and response.status_code == 200:
        disposition = response.get("Content-Disposition", "")
        if not disposition.startswith("attachment"):
            # Keeps the file name that follows "inline", if any.
            response["Content-Disposition"] = "attachment" + disposition.removeprefix("inline")
    return response


def serve_media(request: HttpRequest, path: str, document_root: str) -> HttpResponse:
    """Django's static file view for MEDIA_ROOT, with the headers of `protect_served_file`."""
    try:
        response = static.serve(request, path, document_root=document_root)
    except OSError as error:  # Django's view lets the file system's refusal through
        if error.errno != errno.ENAMETOOLONG:
            raise
        raise Http404("No such file.") from None
    return protect_served_file(response)


# More digits than any document id has; Wagtail's view would fail (500) converting them.
DOCUMENT_ID_MAX_DIGITS = 19


def serve_document(request: HttpRequest, document_id: str, document_filename: str):
    """Wagtail's document view; the file (not a password page) gets the protective headers."""
    if len(document_id) > DOCUMENT_ID_MAX_DIGITS:
        raise Http404("No such document.")
    response = wagtail_document_serve(request, document_id, document_filename)
    if response.has_header("Content-Disposition"):
        protect_served_file(response)
    return response
