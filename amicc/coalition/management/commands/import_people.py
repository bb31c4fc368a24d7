from amicc.coalition.imports.commands import IMPORT_POLICY, ImportCommand
from amicc.coalition.services.imports import people_import


class Command(ImportCommand):
    help = (
        "Import people from a CSV or XLSX file with the columns name, email, phone, zip, "
        "state, newsletter (yes/no) and alliance (slugs or names, separated by ;). A known "
        "email updates that person. Staff vouch for the consent of the people they import: "
        "it is recorded as coming from the file. " + IMPORT_POLICY
    )
    service = staticmethod(people_import)
