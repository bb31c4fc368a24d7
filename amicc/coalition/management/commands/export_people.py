from amicc.coalition.imports.commands import ExportCommand


class Command(ExportCommand):
    help = (
        "Export everyone with an email address (erased people have none) in the columns "
        "import-people reads, so the file can be edited and imported again."
    )
    kind = "people"
