from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone

from amicc.icc.loaders import (
    SESSIONS_FILE,
    SITUATIONS_FILE,
    STATES_FILE,
    DataFileError,
    read_sessions,
    read_situations,
    read_states,
)
from amicc.icc.selectors.states import states_parties_count
from amicc.icc.services.data import icc_data_load


class Command(BaseCommand):
    help = (
        "Load the curated ICC data: states and the Rome Statute, situations and cases, and "
        "sessions of the Assembly of States Parties. Each file defaults to the one shipped in "
        "amicc/icc/data/. Rows are matched by ISO code, situation, case and session number and "
        "updated in place, so loading again creates nothing. All or nothing: a malformed row "
        "in any file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--states", metavar="FILE", default=str(STATES_FILE), help="States (YAML)."
        )
        parser.add_argument(
            "--situations",
            metavar="FILE",
            default=str(SITUATIONS_FILE),
            help="Situations with their cases and charges (YAML).",
        )
        parser.add_argument(
            "--sessions",
            metavar="FILE",
            default=str(SESSIONS_FILE),
            help="Sessions of the Assembly with their elections (YAML).",
        )

    def handle(self, *args, states: str, situations: str, sessions: str, **options):
        try:
            # Every file is read and checked before anything is written.
            files = {
                "states": read_states(Path(states)),
                "situations": read_situations(Path(situations)),
                "sessions": read_sessions(Path(sessions)),
            }
            report = icc_data_load(**files)
        except DataFileError as error:
            raise CommandError(f"{error}. Nothing was loaded.") from None
        except DatabaseError as error:
            raise CommandError(
                f"The database refused the data ({error}). Nothing was loaded."
            ) from None
        today = timezone.localdate()
        self.stdout.write(report.summary())
        self.stdout.write(f"States parties on {today.isoformat()}: {states_parties_count(today)}.")
