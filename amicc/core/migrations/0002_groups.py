"""The Editors and Administrators groups, with their permissions.

Editors write and publish content (pages, documents, images, topics, redirects);
Administrators may do everything in the admin, including users and site settings.
Later apps add their own groups in their own migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_MODEL_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "pages": ["add_topic", "change_topic", "delete_topic", "view_topic"],
    "wagtailredirects": ["add_redirect", "change_redirect", "delete_redirect"],
}
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
ADMIN_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + ["bulk_delete_page", "unlock_page"]


def _ensure_permissions(apps) -> None:
    # Permissions are normally created after all migrations ran; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor) -> None:
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    def grant(group, page_codenames, model_permissions):
        for app_label, codenames in model_permissions.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )
        for codename in page_codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            if root_page:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
        collection_perms = Permission.objects.filter(
            content_type__app_label__in=["wagtaildocs", "wagtailimages"],
            codename__in=[c for key in ("wagtaildocs", "wagtailimages") for c in model_permissions.get(key, [])],
        )
        if root_collection:
            for permission in collection_perms:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    editors, _ = Group.objects.get_or_create(name="Editors")
    grant(editors, EDITOR_PAGE_PERMISSIONS, EDITOR_MODEL_PERMISSIONS)

    administrators, _ = Group.objects.get_or_create(name="Administrators")
    admin_model_permissions = {
        label: list(
            Permission.objects.filter(content_type__app_label=label).values_list(
                "codename", flat=True
            )
        )
        for label in [
            "wagtailadmin", "wagtaildocs", "wagtailimages", "pages", "core", "accounts",
            "auth", "wagtailredirects", "wagtailcore", "wagtailusers", "taggit",
        ]
    }
    grant(administrators, ADMIN_PAGE_PERMISSIONS, admin_model_permissions)


def backwards(apps, schema_editor) -> None:
    apps.get_model("auth", "Group").objects.filter(name="Administrators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("pages", "0001_initial"),
        ("accounts", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
