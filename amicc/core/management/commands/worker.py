from django.core.management import call_command
from django.core.management.base import BaseCommand

from amicc.mailings.sending import mailings_recover


class Command(BaseCommand):
    help = "Run the background task queue (emails, newsletters, document text extraction)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1, help="Seconds between polls.")
        parser.add_argument("--batch", action="store_true", help="Exit once the queue is empty.")

    def handle(self, *args, interval: float, batch: bool, verbosity: int, **options):
        # Sends a stopped worker left behind (killed, machine restarted) resume first.
        enqueued = mailings_recover(log=self.stdout.write if verbosity else lambda text: None)
        if enqueued and verbosity:
            self.stdout.write(f"Queued {enqueued} interrupted or due mailing task(s).")
        call_command("db_worker", interval=interval, batch=batch, reload=False)
