"""What the congress import commands share: progress on standard error, errors as CommandError."""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from amicc.congress.importers.sources import ImportFileError, Progress


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
