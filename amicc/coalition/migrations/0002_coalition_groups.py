"""The coalition's roles as groups, and coalition-wide reach as a permission.

Coalition staff may do everything with coalition records. Alliance coordinators add and
change people, initiatives and memberships, and change their alliance; Organization
representatives change their organization. The admin narrows both to their own alliance
or organization (amicc.coalition.permissions). `coalition.manage_coalition` lifts a user
above that narrowing: Coalition staff and Administrators hold it, superusers have it
implicitly.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MANAGE_COALITION = ("manage_coalition", "Can manage every alliance, organization and person")
STAFF = "Coalition staff"
COORDINATORS = "Alliance coordinators"
REPRESENTATIVES = "Organization representatives"
ROLE_PERMISSIONS = {
    COORDINATORS: [
        f"{action}_{model}"
        for action in ("view", "add", "change")
        for model in ("person", "initiative", "alliancemembership")
    ]
    + ["view_alliance", "change_alliance"],
    REPRESENTATIVES: ["view_memberorganization", "change_memberorganization"],
}


def forwards(apps, schema_editor) -> None:
    # Django creates model permissions after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("coalition")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    alliance_type, _ = ContentType.objects.get_or_create(app_label="coalition", model="alliance")
    codename, name = MANAGE_COALITION
    Permission.objects.get_or_create(
        content_type=alliance_type, codename=codename, defaults={"name": name}
    )
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    coalition_permissions = Permission.objects.filter(content_type__app_label="coalition")

    staff, _ = Group.objects.get_or_create(name=STAFF)
    staff.permissions.add(access_admin, *coalition_permissions)
    for group_name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(access_admin, *coalition_permissions.filter(codename__in=codenames))
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators:
        administrators.permissions.add(*coalition_permissions)


def backwards(apps, schema_editor) -> None:
    apps.get_model("auth", "Group").objects.filter(
        name__in=[STAFF, COORDINATORS, REPRESENTATIVES]
    ).delete()
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="coalition", codename=MANAGE_COALITION[0]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("coalition", "0001_initial"),
        ("core", "0002_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
