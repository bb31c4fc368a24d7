"""The presentation requests a person made: for their copy of their data, and erasure.

Wired into `amicc.coalition.services.privacy`. Erasure keeps each request (the public map
counts delivered presentations by state and year) but nothing that says who asked or what
they wrote.
"""

from typing import Any

from amicc.coalition.models import Person
from amicc.outreach.models import PresentationRequest

REQUEST_FIELDS = (
    "organization", "contact_name", "contact_email", "contact_phone", "city", "state",
    "zip_code", "preferred_date_1", "preferred_date_2", "preferred_date_3", "audience_type",
    "audience_size", "format", "notes", "status", "scheduled_for", "delivered_on",
    "decline_reason", "feedback_rating", "feedback_comments", "feedback_received_at",
    "submitted_at",
)  # fmt: skip
ERASED_NAME = "Erased person"


def person_data(person: Person) -> list[dict[str, Any]]:
    requests = PresentationRequest.objects.filter(person=person).prefetch_related("topics")
    return [
        {
            **{name: getattr(request, name) for name in REQUEST_FIELDS},
            "topics": [topic.name for topic in request.topics.all()],
        }
        for request in requests.order_by("submitted_at", "pk")
    ]


def person_forget(person: Person) -> None:
    """Blank the contact's details and their words on every request they made."""
    PresentationRequest.objects.filter(person=person).update(
        contact_name=ERASED_NAME,
        contact_email="",
        contact_phone="",
        notes="",
        feedback_comments="",
    )
