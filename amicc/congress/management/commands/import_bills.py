from amicc.congress.importers.bills import parse_bill_files
from amicc.congress.management.progress import ScraperImportCommand
from amicc.congress.services.bills import bills_import


class Command(ScraperImportCommand):
    help = (
        "Import bills from the data.json files of the unitedstates/congress scraper: one file, "
        "or every data.json under a directory. Bills are matched by bill id (hr23-119) and "
        "updated in place. All or nothing: a malformed file changes nothing."
    )
    noun = "bills"
    parse_files = parse_bill_files
    write = bills_import
