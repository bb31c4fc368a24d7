from amicc.congress.importers.votes import parse_vote_files
from amicc.congress.management.progress import ScraperImportCommand
from amicc.congress.services.votes import votes_import


class Command(ScraperImportCommand):
    help = (
        "Import roll-call votes from the data.json files of the unitedstates/congress scraper: "
        "one file, or every data.json under a directory. Votes are matched by vote id "
        "(h7-119.2025) and updated in place, their members' positions replaced; a vote is "
        "linked to its bill when the bill is imported. All or nothing: a malformed file "
        "changes nothing."
    )
    noun = "votes"
    parse_files = parse_vote_files
    write = votes_import
