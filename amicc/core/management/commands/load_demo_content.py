from django.core.management.base import BaseCommand

from amicc.coalition.demo_content import coalition_demo_load
from amicc.congress.demo_content import congress_demo_load
from amicc.icc.demo_content import icc_demo_load
from amicc.pages.demo_content import demo_content_load


class Command(BaseCommand):
    help = (
        "Load the demo site: home page, sections, topics, sample news and publications, "
        "site settings, and the coalition's sample organizations, alliances, people and "
        "initiatives. Creates only what is missing, so it is safe to run again."
    )

    def handle(self, *args, **options):
        summary = demo_content_load()
        self.stdout.write(self.style.SUCCESS(str(summary)))
        self.stdout.write(self.style.SUCCESS(str(coalition_demo_load())))
        self.stdout.write(self.style.SUCCESS(congress_demo_load()))
        self.stdout.write(self.style.SUCCESS(icc_demo_load()))
