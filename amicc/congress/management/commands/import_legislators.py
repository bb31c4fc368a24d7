from amicc.congress.importers.legislators import parse_district_offices, parse_legislators
from amicc.congress.importers.sources import read_source
from amicc.congress.management.progress import ImportCommand
from amicc.congress.services.legislators import legislators_import


class Command(ImportCommand):
    help = (
        "Import the members of Congress from legislators-current (unitedstates/"
        "congress-legislators) as YAML, JSON or CSV, from a file or an http(s) URL. Members "
        "are matched by Bioguide id and updated in place; those the file leaves out, or whose "
        "last term has ended, are marked as no longer serving. All or nothing: a malformed "
        "file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FILE|URL", help="legislators-current file or URL.")
        parser.add_argument(
            "--district-offices",
            metavar="FILE|URL",
            help="legislators-district-offices (YAML or JSON): replaces every district office.",
        )

    def handle(self, *args, source: str, district_offices: str | None, **options):
        with self.importing():
            self.note(f"Reading {source}")
            records = parse_legislators(read_source(source), progress=self.progress("members read"))
            offices = None
            if district_offices:
                self.note(f"Reading {district_offices}")
                offices = parse_district_offices(
                    read_source(district_offices), progress=self.progress("members' offices read")
                )
            self.note("Writing")
            report = legislators_import(records=records, offices=offices)
        self.stdout.write(report.summary())
