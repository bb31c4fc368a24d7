"""Coalition staff and Administrators get every funding permission; no other role gets any.

The admin also refuses funding records to anyone without coalition-wide reach, whatever
permissions they hold (amicc.funding.viewsets). Reversing takes the grants back.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUPS = ["Coalition staff", "Administrators"]


def _funding_permissions(apps):
    return apps.get_model("auth", "Permission").objects.filter(content_type__app_label="funding")


def forwards(apps, schema_editor) -> None:
    # Django creates model permissions after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("funding")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    everything = list(_funding_permissions(apps))
    for group in apps.get_model("auth", "Group").objects.filter(name__in=STAFF_GROUPS):
        group.permissions.add(*everything)


def backwards(apps, schema_editor) -> None:
    everything = list(_funding_permissions(apps))
    for group in apps.get_model("auth", "Group").objects.filter(name__in=STAFF_GROUPS):
        group.permissions.remove(*everything)


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0001_initial"),
        ("coalition", "0002_coalition_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
