from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from amicc.core.email import email_send


class Command(BaseCommand):
    help = "Send a test message through the platform's email machinery (via the task queue)."

    def add_arguments(self, parser):
        parser.add_argument("address", help="Where to send the test message.")
        parser.add_argument("--name", default="friend", help="Whom to greet.")

    def handle(self, *args, address: str, name: str, **options):
        try:
            validate_email(address)
        except ValidationError:
            raise CommandError(f"{address!r} is not a valid email address.") from None
        email_send(to=[address], template="test_message", context={"name": name})
        self.stdout.write(self.style.SUCCESS(f"Queued a test message to {address}."))
