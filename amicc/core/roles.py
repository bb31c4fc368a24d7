"""Data migrations that hand an app's model permissions to the coalition's roles.

The groups themselves are made by `coalition 0002`. Staff and Administrators get every
permission of the app; Alliance coordinators get the codenames listed, which the app's
permission policies then narrow to their own alliances. Reversing takes the grants back
and leaves the groups and Django's permissions alone.
"""

from collections.abc import Iterable

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUPS = ("Coalition staff", "Administrators")
COORDINATORS = "Alliance coordinators"

# What a roles migration depends on besides the app's own models.
ROLE_DEPENDENCIES = [
    ("coalition", "0002_coalition_groups"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("auth", "0012_alter_user_first_name_max_length"),
]


def role_grants(
    app_label: str, *, coordinators: Iterable[str] = (), staff_groups: Iterable[str] = STAFF_GROUPS
) -> migrations.RunPython:
    """The migration operation granting `app_label`'s permissions to the roles.

    `staff_groups` narrows which of the staff groups get every permission of the app.
    """
    coordinator_codenames = list(coordinators)
    staff_group_names = list(staff_groups)

    def permissions(apps):
        return apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label=app_label
        )

    def groups(apps, names):
        return apps.get_model("auth", "Group").objects.filter(name__in=names)

    def forwards(apps, schema_editor) -> None:
        # Django creates model permissions after all migrations ran; the groups need them now.
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        everything = list(permissions(apps))
        for group in groups(apps, staff_group_names):
            group.permissions.add(*everything)
        granted = list(permissions(apps).filter(codename__in=coordinator_codenames))
        for group in groups(apps, [COORDINATORS] if granted else []):
            group.permissions.add(*granted)

    def backwards(apps, schema_editor) -> None:
        everything = list(permissions(apps))
        for group in groups(apps, [*STAFF_GROUPS, COORDINATORS]):
            group.permissions.remove(*everything)

    return migrations.RunPython(forwards, backwards)


def crud(*models: str, actions: Iterable[str] = ("add", "change", "view", "delete")) -> list[str]:
    """Permission codenames: every action on every model named."""
    return [f"{action}_{model}" for model in models for action in actions]
