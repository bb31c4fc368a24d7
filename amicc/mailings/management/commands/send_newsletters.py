from django.core.management.base import BaseCommand

from amicc.mailings.sending import mailings_recover


class Command(BaseCommand):
    help = (
        "Start the newsletters whose schedule has come and resume interrupted sends and "
        "messages (run it from cron every minute; `amicc worker` does it when it starts)."
    )

    def handle(self, *args, **options):
        enqueued = mailings_recover(log=self.stdout.write)
        self.stdout.write(f"{enqueued} task(s) queued for the worker.")
