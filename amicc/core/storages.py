"""Storage classes named in `settings.STORAGES`; kept free of model imports, since model
fields build their storage while the apps are still loading."""

from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    """Files that only staff views read (applicants' CVs): they have no URL at all."""

    def url(self, name):
        raise ValueError(f"{name} is a private file without a URL; serve it from a staff view.")
