from amicc.coalition.imports.commands import ExportCommand


class Command(ExportCommand):
    help = (
        "Export every member organization, listed or not, in the columns "
        "import-organizations reads, so the file can be edited and imported again."
    )
    kind = "organizations"
