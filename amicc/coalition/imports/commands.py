"""What `amicc import-people`, `import-organizations`, `export-people` and
`export-organizations` share."""

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from amicc.coalition.imports.report import ImportReport
from amicc.coalition.imports.tables import ImportFileError
from amicc.coalition.services.imports import EXPORT_FORMATS, export_csv, export_xlsx

IMPORT_POLICY = (
    "Every valid row is written, in one transaction; rows with problems are skipped and "
    "listed with their row number and column (the header is row 1). --rejected FILE saves "
    "them as CSV, with a problems column, to fix and import again. --dry-run checks "
    "everything and writes nothing."
)


class ImportCommand(BaseCommand):
    """Runs an import service on a file and prints every problem and the counts."""

    service: Callable[..., ImportReport]

    def add_arguments(self, parser):
        parser.add_argument("file", help="A CSV (UTF-8 or Windows-1252) or XLSX file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row; write nothing."
        )
        parser.add_argument(
            "--rejected", metavar="FILE", help="Write the rejected rows to this CSV file."
        )

    def handle(self, *args, file: str, dry_run: bool, rejected: str | None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            with path.open("rb") as source:
                report = self.service(source=source, filename=path.name, dry_run=dry_run)
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error}") from None
        for note in report.table.notes:
            self.stdout.write(self.style.WARNING(note))
        if report.table.ignored_columns:
            ignored = ", ".join(report.table.ignored_columns)
            self.stdout.write(self.style.WARNING(f"Columns ignored: {ignored}"))
        if options["verbosity"] > 1:
            for result in report.results:
                changes = f" ({', '.join(result.changes)})" if result.changes else ""
                self.stdout.write(f"row {result.row}: {result.action} {result.label}{changes}")
        for problem in report.problems:
            self.stdout.write(self.style.ERROR(str(problem)))
        if rejected and report.problems:
            Path(rejected).write_text(report.rejected_csv(), encoding="utf-8")
            self.stdout.write(f"Rejected rows written to {rejected}")
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{report.summary()}."))


class ExportCommand(BaseCommand):
    """Writes people or organizations as CSV (to a file or standard output) or XLSX."""

    kind: str

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", metavar="FILE", help="Write to this file (default: standard output)."
        )
        parser.add_argument("--format", choices=EXPORT_FORMATS, default="csv")

    def handle(self, *args, output: str | None, format: str, **options):
        if format == "xlsx":
            if not output:
                raise CommandError("XLSX needs a file: add --output FILE.")
            with Path(output).open("wb") as stream:
                export_xlsx(kind=self.kind, stream=stream)
        elif output:
            with Path(output).open("w", encoding="utf-8", newline="") as stream:
                stream.writelines(export_csv(kind=self.kind))
        else:
            lines = export_csv(kind=self.kind)
            self.stdout.write(next(lines).removeprefix("\ufeff"), ending="")
            for line in lines:
                self.stdout.write(line, ending="")
        if output:
            self.stderr.write(f"Wrote the {self.kind} to {output}")
