from amicc.congress.importers.sources import read_source
from amicc.congress.importers.zcta import parse_zip_districts
from amicc.congress.management.progress import ImportCommand
from amicc.congress.services.zip_districts import zip_districts_replace


class Command(ImportCommand):
    help = (
        "Replace the ZIP code to congressional district table from a file or an http(s) URL: "
        "zccd.csv (state_fips,state_abbr,zcta,cd) or the Census Bureau's pipe-delimited ZCTA "
        "to 119th Congressional District relationship file, whose land areas rank the "
        "districts of a split ZIP. All or nothing: a malformed file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FILE|URL", help="zccd.csv or the Census file.")

    def handle(self, *args, source: str, **options):
        with self.importing():
            self.note(f"Reading {source}")
            records = parse_zip_districts(read_source(source), progress=self.progress("rows read"))
            self.note("Writing")
            report = zip_districts_replace(records=records, progress=self.progress("rows written"))
        self.stdout.write(report.summary())
