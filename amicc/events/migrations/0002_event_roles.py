"""What the coalition's roles may do with events.

Coalition staff and Administrators: every events permission. Alliance coordinators add,
change, view and delete events, and view and change RSVPs (to mark attendance), narrowed
to their own alliances' (amicc.events.viewsets). Nobody adds or deletes RSVPs in the admin
whatever the permission says. Reversing takes the grants back and leaves the groups alone.
"""

from django.db import migrations

from amicc.core.roles import ROLE_DEPENDENCIES, crud, role_grants


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), *ROLE_DEPENDENCIES]

    operations = [
        role_grants(
            "events", coordinators=[*crud("event"), *crud("rsvp", actions=("view", "change"))]
        )
    ]
