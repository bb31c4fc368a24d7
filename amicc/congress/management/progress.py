"""What the congress import commands share: progress on standard error, errors as CommandError."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from amicc.congress.importers.sources import ImportFileError, Progress, counted, scraper_files


class ImportCommand(BaseCommand):
    verbosity = 1

    def execute(self, *args, **options):
        self.verbosity = options.get("verbosity", 1)
        return super().execute(*args, **options)

    def note(self, message: str) -> None:
        """A progress line on standard error, left out at verbosity 0."""
        if self.verbosity > 0:
            self.stderr.write(message)

    def progress(self, what: str) -> Progress:
        """A callback that notes "… 5000 rows read"."""
        return lambda count: self.note(f"… {count} {what}")

    @contextmanager
    def importing(self) -> Iterator[None]:
        """Times the import and turns a bad file or a refusing database into a CommandError."""
        started = time.perf_counter()
        try:
            yield
        except ImportFileError as error:
            raise CommandError(f"{error}. Nothing was imported.") from None
        except DatabaseError as error:
            raise CommandError(
                f"The database refused the data ({error}). Nothing was imported."
            ) from None
        self.note(f"Done in {time.perf_counter() - started:.2f} s.")


class ScraperImportCommand(ImportCommand):
    """Imports the `data.json` files of the unitedstates/congress scraper under a path."""

    noun: str  # "bills", "votes": what the progress lines count
    parse_files: Callable[[list[Path]], Iterator[Any]]
    write: Callable[..., Any]  # the service, called with records=; returns a report
    progress_every = 100

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="A data.json file or a directory.")

    def handle(self, *args, path: str, **options):
        with self.importing():
            files = scraper_files(Path(path))
            self.note(f"Reading {len(files)} file(s) under {path}")
            parsed = counted(
                type(self).parse_files(files),
                self.progress(f"{self.noun} read"),
                self.progress_every,
            )
            records = [record for _number, record in parsed]
            self.note("Writing")
            report = type(self).write(records=records)
        self.stdout.write(report.summary())
