"""Background tasks of the funding app: thin wrappers around its services."""

from django_tasks import task

from amicc.funding.services.reminders import grant_report_reminders_send


@task()
def send_grant_report_reminders() -> int:
    return len(grant_report_reminders_send().reminded)
