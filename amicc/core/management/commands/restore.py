from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from amicc.core.backup.archive import BackupError
from amicc.core.backup.load import RestoredWithProblem, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `amicc backup` into an empty installation, on SQLite or "
        "PostgreSQL: migrate the database, load every table and the uploaded files, rebuild "
        "the search index. Refuses, changing nothing, a database that holds data, files that "
        "would be overwritten, and an archive that is damaged, cut short or from a newer "
        "version. See docs/backups.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="ARCHIVE", help="The .tar.gz file to restore.")

    def handle(self, *args, archive: str, verbosity: int, **options):
        def note(message: str) -> None:
            if verbosity > 0:
                self.stderr.write(message)

        try:
            report = backup_restore(archive=Path(archive), note=note, verbosity=verbosity)
        except RestoredWithProblem as error:
            raise CommandError(str(error)) from None
        except BackupError as error:
            raise CommandError(f"{error} Nothing was restored.") from None
        except DatabaseError as error:
            raise CommandError(
                f"The database refused the restore: {error}".strip()
                + "\nNothing was restored; the database holds no restored rows, so once the "
                "cause is fixed restore can run again."
            ) from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
