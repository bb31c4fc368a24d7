"""Coalition staff and Administrators may do everything in the icc app: keep the tracker's
data and run the delegation. Nobody else reaches it (amicc.icc admin modules register
staff-only permission policies). Reversing takes the grants back.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUPS = ["Coalition staff", "Administrators"]


def _icc_permissions(apps):
    return apps.get_model("auth", "Permission").objects.filter(content_type__app_label="icc")


def forwards(apps, schema_editor) -> None:
    # Django creates model permissions after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("icc")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    everything = list(_icc_permissions(apps))
    for group in apps.get_model("auth", "Group").objects.filter(name__in=STAFF_GROUPS):
        group.permissions.add(*everything)


def backwards(apps, schema_editor) -> None:
    everything = list(_icc_permissions(apps))
    for group in apps.get_model("auth", "Group").objects.filter(name__in=STAFF_GROUPS):
        group.permissions.remove(*everything)


class Migration(migrations.Migration):
    dependencies = [
        ("icc", "0001_initial"),
        ("coalition", "0002_coalition_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
