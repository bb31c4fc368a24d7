"""The Spanish locale, kept in step with the English page tree.

wagtail-localize's locale synchronization gives every English page a Spanish alias (the
English content at the /es/ address) until a translator translates it; the aliases
themselves are made after migrating (amicc.pages.translation.locale_trees_sync).
"""

from django.db import migrations


def spanish_locale_create(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    english, _ = Locale.objects.get_or_create(language_code="en")
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    LocaleSynchronization.objects.get_or_create(locale=spanish, defaults={"sync_from": english})


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_search_vector_index"),
        ("wagtailcore", "0054_initial_locale"),
        ("wagtail_localize", "0012_localesynchronization"),
    ]

    operations = [migrations.RunPython(spanish_locale_create, migrations.RunPython.noop)]
