"""Background tasks of the events app: thin wrappers around its services."""

from django_tasks import task

from amicc.events.services.reminders import event_reminders_send


@task()
def send_event_reminders() -> int:
    return event_reminders_send()
