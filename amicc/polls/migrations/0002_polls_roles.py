"""What the coalition's roles may do with district polls.

Coalition staff and Administrators: every polls permission (polls, their parts, the
responses and tallies, the population margins). Alliance coordinators: add, change, view
and delete polls and the questions, options and areas they are made of, narrowed to their
own alliances' polls (amicc.polls.viewsets). Reversing takes the grants back and leaves the
groups and Django's permissions themselves alone.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUPS = ["Coalition staff", "Administrators"]
COORDINATORS = "Alliance coordinators"
COORDINATOR_CODENAMES = [
    f"{action}_{model}"
    for model in ("poll", "pollquestion", "polloption", "pollarea")
    for action in ("add", "change", "view", "delete")
]


def _polls_permissions(apps):
    return apps.get_model("auth", "Permission").objects.filter(content_type__app_label="polls")


def forwards(apps, schema_editor) -> None:
    # Django creates model permissions after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("polls")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    everything = list(_polls_permissions(apps))
    for group in Group.objects.filter(name__in=STAFF_GROUPS):
        group.permissions.add(*everything)
    design = list(_polls_permissions(apps).filter(codename__in=COORDINATOR_CODENAMES))
    for group in Group.objects.filter(name=COORDINATORS):
        group.permissions.add(*design)


def backwards(apps, schema_editor) -> None:
    everything = list(_polls_permissions(apps))
    for group in apps.get_model("auth", "Group").objects.filter(
        name__in=[*STAFF_GROUPS, COORDINATORS]
    ):
        group.permissions.remove(*everything)


class Migration(migrations.Migration):
    dependencies = [
        ("polls", "0001_initial"),
        ("coalition", "0002_coalition_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
