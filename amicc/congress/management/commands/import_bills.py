from pathlib import Path

from amicc.congress.importers.bills import bill_files, parse_bill_files
from amicc.congress.importers.sources import counted
from amicc.congress.management.progress import ImportCommand
from amicc.congress.services.bills import bills_import

PROGRESS_EVERY = 100


class Command(ImportCommand):
    help = (
        "Import bills from the data.json files of the unitedstates/congress scraper: one file, "
        "or every data.json under a directory. Bills are matched by bill id (hr23-119) and "
        "updated in place. All or nothing: a malformed file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="A data.json file or a directory.")

    def handle(self, *args, path: str, **options):
        with self.importing():
            files = bill_files(Path(path))
            self.note(f"Reading {len(files)} file(s) under {path}")
            records = [
                record
                for _number, record in counted(
                    parse_bill_files(files), self.progress("bills read"), PROGRESS_EVERY
                )
            ]
            self.note("Writing")
            report = bills_import(records=records)
        self.stdout.write(report.summary())
