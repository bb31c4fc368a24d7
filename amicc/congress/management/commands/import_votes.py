from pathlib import Path

from amicc.congress.importers.sources import counted
from amicc.congress.importers.votes import parse_vote_files, vote_files
from amicc.congress.management.progress import ImportCommand
from amicc.congress.services.votes import votes_import

PROGRESS_EVERY = 100


class Command(ImportCommand):
    help = (
        "Import roll-call votes from the data.json files of the unitedstates/congress scraper: "
        "one file, or every data.json under a directory. Votes are matched by vote id "
        "(h7-119.2025) and updated in place, their members' positions replaced; a vote is "
        "linked to its bill when the bill is imported. All or nothing: a malformed file "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="A data.json file or a directory.")

    def handle(self, *args, path: str, **options):
        with self.importing():
            files = vote_files(Path(path))
            self.note(f"Reading {len(files)} file(s) under {path}")
            records = [
                record
                for _number, record in counted(
                    parse_vote_files(files), self.progress("votes read"), PROGRESS_EVERY
                )
            ]
            self.note("Writing")
            report = votes_import(records=records)
        self.stdout.write(report.summary())
