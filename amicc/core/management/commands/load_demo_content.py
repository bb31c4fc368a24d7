from django.core.management.base import BaseCommand

from amicc.pages.demo_content import demo_content_load


class Command(BaseCommand):
    help = (
        "Load the demo site: home page, sections, topics, sample news and publications and "
        "site settings. Creates only what is missing, so it is safe to run again."
    )

    def handle(self, *args, **options):
        summary = demo_content_load()
        self.stdout.write(self.style.SUCCESS(str(summary)))
