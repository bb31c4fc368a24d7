from django.core.management.base import BaseCommand

from amicc.core.demo_loaders import demo_load_all


class Command(BaseCommand):
    help = (
        "Load the demo site: pages, topics, news and publications, site settings, the "
        "coalition's sample organizations, alliances and people, the Congress sample, the ICC "
        "data, and sample events, polls, presentations, media coverage and funders. Creates "
        "only what is missing, so it is safe to run again."
    )

    def handle(self, *args, **options):
        for summary in demo_load_all():
            self.stdout.write(self.style.SUCCESS(summary))
