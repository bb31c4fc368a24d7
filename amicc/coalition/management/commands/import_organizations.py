from amicc.coalition.imports.commands import IMPORT_POLICY, ImportCommand
from amicc.coalition.services.imports import organizations_import


class Command(ImportCommand):
    help = (
        "Import member organizations from a CSV or XLSX file with the columns name, "
        "constituency, city, state, website, description, status, joined_on and listed. The "
        "same name in the same state, or the same website domain, updates that organization; "
        "new ones are Active and unlisted unless the row says otherwise. " + IMPORT_POLICY
    )
    service = staticmethod(organizations_import)
