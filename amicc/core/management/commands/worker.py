from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background task queue (emails, document text extraction, later jobs)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1, help="Seconds between polls.")
        parser.add_argument("--batch", action="store_true", help="Exit once the queue is empty.")

    def handle(self, *args, interval: float, batch: bool, **options):
        call_command("db_worker", interval=interval, batch=batch, reload=False)
