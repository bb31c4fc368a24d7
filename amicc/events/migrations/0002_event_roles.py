"""What the coalition's roles may do with events.

Coalition staff and Administrators: every events permission. Alliance coordinators add,
change, view and delete events, and view and change RSVPs (to mark attendance), narrowed
to their own alliances' (amicc.events.viewsets). Nobody adds or deletes RSVPs in the admin
whatever the permission says. Reversing takes the grants back and leaves the groups alone.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUPS = ["Coalition staff", "Administrators"]
COORDINATORS = "Alliance coordinators"
COORDINATOR_CODENAMES = [
    *(f"{action}_event" for action in ("add", "change", "view", "delete")),
    "view_rsvp",
    "change_rsvp",
]


def _events_permissions(apps):
    return apps.get_model("auth", "Permission").objects.filter(content_type__app_label="events")


def forwards(apps, schema_editor) -> None:
    # Django creates model permissions after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    everything = list(_events_permissions(apps))
    for group in Group.objects.filter(name__in=STAFF_GROUPS):
        group.permissions.add(*everything)
    granted = list(_events_permissions(apps).filter(codename__in=COORDINATOR_CODENAMES))
    for group in Group.objects.filter(name=COORDINATORS):
        group.permissions.add(*granted)


def backwards(apps, schema_editor) -> None:
    everything = list(_events_permissions(apps))
    for group in apps.get_model("auth", "Group").objects.filter(
        name__in=[*STAFF_GROUPS, COORDINATORS]
    ):
        group.permissions.remove(*everything)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("coalition", "0002_coalition_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
