from django.core.management.base import BaseCommand, CommandError

from amicc.funding.services.reminders import NoReminderRecipients, grant_report_reminders_send


class Command(BaseCommand):
    help = (
        "Email staff (AMICC_STAFF_EMAILS, else the active superusers) one list of the grant "
        "reports due within 14 days, overdue ones included, that are not submitted and not "
        "yet reminded about. Each report is reminded about once, however often this runs; "
        "run it daily from cron, e.g. `15 7 * * * amicc send-grant-reminders`. The email "
        "goes through the task queue, so `amicc worker` must be running. Exits non-zero "
        "when reports are due but no staff address is configured."
    )

    def handle(self, *args, **options):
        try:
            run = grant_report_reminders_send()
        except NoReminderRecipients as error:
            raise CommandError(str(error)) from None
        count = len(run.reminded)
        if not count:
            self.stdout.write("No grant report needs a reminder.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Reminded {len(run.recipients)} staff address(es) of {count} grant "
                f"report{'s' if count != 1 else ''} due soon."
            )
        )
