"""`amicc send-event-reminders`: email the day-before reminders that are due; for cron.

Safe to run as often as you like (every 15 minutes, say): each reminder goes out once.
"""

from django.core.management.base import BaseCommand

from amicc.events.services.reminders import event_reminders_send


class Command(BaseCommand):
    help = "Email reminders to people with a seat at an event starting within 24 hours."

    def handle(self, *args, **options) -> None:
        sent = event_reminders_send()
        self.stdout.write(f"Sent {sent} event reminder{'' if sent == 1 else 's'}.")
