from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from amicc.core.backup.archive import BackupError
from amicc.core.backup.dump import backup_create


class Command(BaseCommand):
    help = (
        "Write one archive (amicc-backup-<UTC time>.tar.gz) with every table of the database, "
        "in a form SQLite and PostgreSQL both load, and the uploaded files: media and "
        "applicants' private files. The database is read in one transaction, so the site can "
        "stay up. `amicc restore` brings it back; see docs/backups.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="PATH",
            help="The archive's file name, or a folder for the default name (default: here).",
        )

    def handle(self, *args, output: str | None, verbosity: int, **options):
        def note(message: str) -> None:
            if verbosity > 0:
                self.stderr.write(message)

        try:
            report = backup_create(output=Path(output) if output else None, note=note)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(f"The database could not be read: {error}".strip()) from None
        except OSError as error:
            raise CommandError(
                f"The archive could not be written: {error.strerror or error}."
            ) from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
