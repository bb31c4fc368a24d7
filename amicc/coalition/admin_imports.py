"""Staff views to import people and member organizations from CSV or XLSX, and export them.

Upload → dry-run report → "Import N valid rows" → result. Between the steps the upload
waits in `DATA_DIR/imports/<token>/`: the token is random and recorded in the uploader's
session, so only that session can see or import it, and folders older than a day are
removed at the next upload. The report is always recomputed from the file, so it reflects
the database at the moment of the click.

Access: importing or exporting reaches every record, so it needs coalition-wide reach
(`coalition.manage_coalition`, held by Coalition staff and Administrators; see migration
0002) besides the model permissions: `add_person` and `change_person` for people,
`add_memberorganization` and `change_memberorganization` for organizations. Alliance
coordinators, who may add people to their own alliance, can neither import nor export.
"""

import datetime
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import LogActionRegistry, LogFormatter

from amicc.coalition.imports import organizations, people
from amicc.coalition.imports.report import Action, ImportReport
from amicc.coalition.imports.tables import MAX_BYTES, ImportFileError, table_read
from amicc.coalition.services.imports import (
    EXPORT_FORMATS,
    LOG_ACTIONS,
    export_csv,
    export_xlsx,
    organizations_import,
    people_import,
)

MANAGE_COALITION = "coalition.manage_coalition"
SESSION_KEY = "coalition_imports"
UPLOAD_MAX_AGE = datetime.timedelta(days=1)
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")
SHOWN_ROWS = 500
# Files in an upload's folder: the upload, the same while it is imported, rejected rows.
UPLOADED, IMPORTING, REJECTED = "upload", "importing", "rejected.csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
POLICY = _(
    "Nothing is written until you confirm. Then every valid row is imported, all at once, "
    "and rows with problems are skipped and listed here, with a CSV of them to download, "
    "fix and import again."
)


@dataclass(frozen=True)
class ImportKind:
    name: str
    title: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    permissions: tuple[str, ...]
    service: Callable[..., ImportReport]
    explanation: str


KINDS = {
    "people": ImportKind(
        name="people",
        title=_("people"),
        columns=people.COLUMNS,
        required=people.REQUIRED,
        permissions=("coalition.add_person", "coalition.change_person", MANAGE_COALITION),
        service=people_import,
        explanation=_(
            "A row whose email address is already known updates that person; blank cells "
            "change nothing. newsletter is yes or no. alliance is an alliance's slug or name "
            "(several separated by ;) and makes the person an active member. By importing "
            "people you confirm that they agreed to the coalition keeping their details: "
            "their consent is recorded as given through this file."
        ),
    ),
    "organizations": ImportKind(
        name="organizations",
        title=_("member organizations"),
        columns=organizations.COLUMNS,
        required=organizations.REQUIRED,
        permissions=(
            "coalition.add_memberorganization",
            "coalition.change_memberorganization",
            MANAGE_COALITION,
        ),
        service=organizations_import,
        explanation=_(
            "A row with the name (in any case) and state of a known organization, or its "
            "website's domain, updates it; blank cells change nothing. constituency and "
            "status take a value or its label; joined_on is a date (YYYY-MM-DD); listed is "
            "yes or no. New organizations are Active and not listed unless the row says so."
        ),
    ),
}


class _ImportFormatter(LogFormatter):
    message = ""

    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        return self.message % {"filename": data.get("filename"), "row": data.get("row")}


class ImportCreatedFormatter(_ImportFormatter):
    label = _("Create by import")
    message = _("Created by import from %(filename)s (row %(row)s)")


class ImportUpdatedFormatter(_ImportFormatter):
    label = _("Update by import")
    message = _("Updated by import from %(filename)s (row %(row)s)")


def register_import_log_actions(actions: LogActionRegistry) -> None:
    """For the `register_log_actions` hook: how the audit log shows what imports did."""
    actions.register_action(LOG_ACTIONS[Action.CREATE])(ImportCreatedFormatter)
    actions.register_action(LOG_ACTIONS[Action.UPDATE])(ImportUpdatedFormatter)


def user_may_import(user, kind: str) -> bool:
    return user.is_authenticated and user.has_perms(KINDS[kind].permissions)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Up to 10 MB and 100,000 rows; the first row names the columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )

    def __init__(self, *args, kind: ImportKind, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean_file(self):
        """Refuse a file that cannot be read at all here; its rows are checked next."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 10 MB. Split it into smaller files.")
            )
        try:
            table_read(source=upload, known=self.kind.columns, required=self.kind.required)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        upload.seek(0)
        return upload


@method_decorator(require_admin_access, name="dispatch")
class _ImportView(WagtailAdminTemplateMixin, View):
    kind_name = ""
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not user_may_import(request.user, self.kind_name):
            raise PermissionDenied
        self.kind = KINDS[self.kind_name]
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("Import %(title)s") % {"title": self.kind.title}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=self.kind, policy=POLICY, **kwargs)

    def url(self, step: str, **kwargs) -> str:
        return reverse(f"coalition_admin:{step}-{self.kind.name}", kwargs=kwargs)


class ImportUploadView(_ImportView):
    template_name = "coalition/admin/import_upload.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=UploadForm(kind=self.kind)))

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES, kind=self.kind)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        token = _upload_save(request, self.kind, form.cleaned_data["file"])
        return redirect(self.url("import-review", token=token))

    def get_context_data(self, **kwargs):
        exports = {
            file_format: self.url("export", file_format=file_format)
            for file_format in EXPORT_FORMATS
        }
        return super().get_context_data(exports=exports, **kwargs)


class ImportReviewView(_ImportView):
    """GET shows the dry run; POST imports the valid rows and shows what was done."""

    def get_page_subtitle(self) -> str:
        return self.upload["filename"]

    def dispatch(self, request, *args, token: str, **kwargs):
        self.token = token
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.setup_upload():
            return redirect(self.url("import"))
        return self._run(_folder(self.token) / UPLOADED, dry_run=True)

    def post(self, request, *args, **kwargs):
        """Import once: the first request to claim the file (by renaming it) imports it."""
        folder = _folder(self.token)
        if not self.setup_upload():
            return redirect(self.url("import"))
        try:
            (folder / UPLOADED).rename(folder / IMPORTING)
        except FileNotFoundError:
            return self._gone()
        response = self._run(folder / IMPORTING, dry_run=False)
        if (folder / IMPORTING).exists():  # nothing was written: the file may be tried again
            (folder / IMPORTING).rename(folder / UPLOADED)
        return response

    def _gone(self) -> HttpResponse:
        messages.error(
            self.request,
            _("That upload has expired or was already imported. Upload the file again."),
        )
        return redirect(self.url("import"))

    def setup_upload(self) -> bool:
        self.upload = _upload_find(self.request, self.kind, self.token)
        if self.upload is None:
            self._gone()
        return self.upload is not None

    def _run(self, path: Path, *, dry_run: bool) -> HttpResponse:
        try:
            with path.open("rb") as source:
                report: ImportReport = self.kind.service(
                    source=source,
                    filename=self.upload["filename"],
                    dry_run=dry_run,
                    user=self.request.user,
                )
        except FileNotFoundError:
            return self._gone()
        except ImportFileError as error:
            messages.error(self.request, str(error))
            return redirect(self.url("import"))
        (path.parent / REJECTED).write_text(report.rejected_csv(), encoding="utf-8")
        if not dry_run:
            path.unlink()
        self.template_name = (
            "coalition/admin/import_review.html"
            if dry_run
            else "coalition/admin/import_result.html"
        )
        context = self.get_context_data(
            report=report,
            results=report.results[:SHOWN_ROWS],
            problems=report.problems[:SHOWN_ROWS],
            shown_rows=SHOWN_ROWS,
            review_url=self.url("import-review", token=self.token),
            rejected_url=self.url("import-rejected", token=self.token),
            upload_url=self.url("import"),
        )
        return self.render_to_response(context)


class RejectedRowsView(_ImportView):
    def get(self, request, *args, token: str, **kwargs):
        upload = _upload_find(request, self.kind, token)
        rejected = _folder(token) / REJECTED
        if upload is None or not rejected.exists():
            raise Http404("No rejected rows for that upload.")
        stem = Path(upload["filename"]).stem
        return FileResponse(
            rejected.open("rb"),
            as_attachment=True,
            filename=f"{stem}-rejected.csv",
            content_type="text/csv; charset=utf-8",
        )


class ExportView(_ImportView):
    def get(self, request, *args, file_format: str, **kwargs):
        if file_format not in EXPORT_FORMATS:
            raise Http404("Export as csv or xlsx.")
        filename = f"amicc-{self.kind.name}-{timezone.localdate().isoformat()}.{file_format}"
        if file_format == "csv":
            response = StreamingHttpResponse(
                export_csv(kind=self.kind.name), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        workbook = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response
        export_xlsx(kind=self.kind.name, stream=workbook)
        workbook.seek(0)
        return FileResponse(workbook, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def _uploads_dir() -> Path:
    return Path(settings.DATA_DIR) / "imports"


def _folder(token: str) -> Path:
    return _uploads_dir() / token


def _upload_save(request, kind: ImportKind, upload) -> str:
    """Keep the upload for the next step; returns its token, remembered in the session."""
    _uploads_purge()
    token = secrets.token_urlsafe(24)
    folder = _folder(token)
    folder.mkdir(parents=True, mode=0o700)
    with (folder / UPLOADED).open("wb") as stored:
        for chunk in upload.chunks():
            stored.write(chunk)
    uploads = {
        known: entry
        for known, entry in request.session.get(SESSION_KEY, {}).items()
        if _folder(known).is_dir()
    }
    uploads[token] = {"kind": kind.name, "filename": Path(upload.name).name}
    request.session[SESSION_KEY] = uploads
    return token


def _upload_find(request, kind: ImportKind, token: str) -> dict | None:
    """The session's upload with this token, if it is still there."""
    upload = request.session.get(SESSION_KEY, {}).get(token)
    if not TOKEN_PATTERN.fullmatch(token) or upload is None or upload["kind"] != kind.name:
        return None
    if not _folder(token).is_dir():
        return None
    return upload


def _uploads_purge() -> None:
    """Remove uploads (and their rejected rows) older than a day: they hold personal data."""
    folder = _uploads_dir()
    if not folder.is_dir():
        return
    cutoff = time.time() - UPLOAD_MAX_AGE.total_seconds()
    for upload in folder.iterdir():
        if upload.is_dir() and upload.stat().st_mtime < cutoff:
            shutil.rmtree(upload, ignore_errors=True)
